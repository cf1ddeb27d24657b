import BlueWatchCore
import Foundation

/// USGS NWIS daily values as a CSV with a quoted header (`agency_cd`, `site_no`, `datetime`,
/// then for discharge and gage height the daily max, min and mean, each followed by its
/// approval code), as the Eno River file holds them. Gives the daily mean, maximum and minimum
/// stage (`river_stage`, `river_stage_daily_max`, `river_stage_daily_min`, feet converted to
/// metres) and the daily mean discharge (`river_discharge`, ft³/s converted to m³/s), each from
/// its first to its last value. A day (the site's local calendar day) is stamped at 12:00 UTC.
///
/// Approval codes become provider flags: a value whose code contains `e` (estimated) is
/// suspect; `A` (approved) and `P` (provisional) are left to QC; the counts of each code go
/// into the dataset's notes. The station is the file's `site_no`, its leading zeros (lost
/// by the file) restored to USGS's eight digits.
enum USGSDailyValuesReader {
    static let cubicFeet = 0.028316846592

    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let site = try table.column("site_no"), day = try table.column("datetime")
        guard let first = table.rows.first else { throw IngestError(path: path, reason: "the file holds a header and no values") }
        let siteText = try table.field(first, site)
        guard siteText.count <= 15, siteText.allSatisfy(\.isNumber), !siteText.isEmpty else {
            throw IngestError(path: path, location: "line \(first.line), column 'site_no'", reason: "'\(siteText)' is not a USGS site number")
        }
        let siteNumber = String(repeating: "0", count: max(0, 8 - siteText.count)) + siteText
        var times: [Double] = []
        times.reserveCapacity(table.rows.count)
        for row in table.rows {
            let text = try table.field(row, day)
            guard text.count == 10, let t = UTCTime.parse(text) else {
                throw IngestError(path: path, location: "line \(row.line), column 'datetime'", reason: "'\(text)' is not a date YYYY-MM-DD")
            }
            guard try table.field(row, site) == siteText else {
                throw IngestError(path: path, location: "line \(row.line), column 'site_no'", reason: "the file mixes sites (\(siteText) and \(try table.field(row, site)))")
            }
            times.append(t + 43_200)
        }
        let station = StationReference(provider: "usgs", id: siteNumber, kind: .riverGauge)
        let stageUnits = context.entry?.units ?? "ft"
        let assembler = SeriesAssembler(path: path)
        var notes: [String] = []
        var series: [ParsedSeries] = []
        let columns: [(column: String, variable: String, longName: String, units: String, scale: Double)] = [
            ("gage.height.mean", SeriesKind.riverStage.variable, "daily mean river stage above the gauge zero", stageUnits, 1),
            ("gage.height.max", SeriesKind.riverStageDailyMaximum.variable, "daily maximum river stage above the gauge zero", stageUnits, 1),
            ("gage.height.min", SeriesKind.riverStageDailyMinimum.variable, "daily minimum river stage above the gauge zero", stageUnits, 1),
            ("discharge.mean", "river_discharge", "daily mean discharge (converted from ft3 s-1)", "m3 s-1", cubicFeet),
        ]
        for c in columns {
            guard let vc = table.optionalColumn(c.column) else { continue }
            let ac = table.optionalColumn(c.column + ".approval")
            var values: [Double] = [], codes: [String] = []
            values.reserveCapacity(times.count)
            for row in table.rows {
                values.append((try table.number(row, vc)).map { $0 * c.scale } ?? .nan)
                if let ac { codes.append(try table.field(row, ac)) } else { codes.append("") }
            }
            guard let lo = values.firstIndex(where: { !$0.isNaN }), let hi = values.lastIndex(where: { !$0.isNaN }) else { continue }
            var parsed = try assembler.make(station: station, variable: c.variable, longName: c.longName, times: Array(times[lo...hi]),
                                            values: Array(values[lo...hi]), units: c.units, datum: context.entry?.datum, notes: &notes)
            // The file is in date order with one row per day, so rows map one to one.
            var tally: [String: Int] = [:]
            for (k, code) in codes[lo...hi].enumerated() where !values[lo + k].isNaN {
                tally[code.isEmpty ? "none" : code, default: 0] += 1
                if code.contains("e"), k < parsed.series.count { parsed.series.flags[k] = .suspect }
            }
            notes.append("\(c.variable): USGS approval codes " + tally.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                         + " (e = estimated, flagged suspect; P = provisional)")
            series.append(parsed)
        }
        guard !series.isEmpty else { throw IngestError(path: path, reason: "no gage height or discharge value in the file") }
        var dataset = context.dataset(format: .usgsDailyValuesCSV, title: "USGS daily values, site \(siteNumber)")
        dataset.series = series
        dataset.notes += notes
        return dataset
    }
}
