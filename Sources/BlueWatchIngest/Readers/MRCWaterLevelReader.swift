import BlueWatchCore
import Foundation

/// The Mekong River Commission data portal's CSV export, one file per station and parameter
/// (`Water Level.ManualLA_013901_Pakse.csv`): header `Country Code,Station Code,Parameter,
/// Label,Timestamp (UTC+07:00),Value,Unit,Observed or Estimated,Approval Level,Grade`. Water
/// level in metres (or feet) above the gauge zero becomes `river_stage` of station
/// `mrc:<Station Code>`. Timestamps ending in `Z` are UTC; others are in the header's offset.
/// `E` (estimated) values are flagged suspect; approval levels and grades are counted in the
/// notes. The portal's licence forbids redistribution: tests use a fixture made by hand.
enum MRCWaterLevelReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let code = try table.column("Station Code"), parameter = try table.column("Parameter"), value = try table.column("Value")
        let unit = try table.column("Unit"), observed = try table.column("Observed or Estimated")
        let approval = table.optionalColumn("Approval Level")
        guard let timeColumn = table.header.firstIndex(where: { $0.hasPrefix("Timestamp") }) else {
            throw IngestError(path: path, location: "header", reason: "missing column 'Timestamp (UTC+hh:mm)'")
        }
        let offset = try Self.offset(table.header[timeColumn], path: path)
        guard let first = table.rows.first else { throw IngestError(path: path, reason: "the file holds a header and no values") }
        let stationCode = try table.field(first, code), parameterName = try table.field(first, parameter), units = try table.field(first, unit)
        guard parameterName.lowercased() == "water level" else {
            throw IngestError(path: path, location: "line \(first.line), column 'Parameter'", reason: "'\(parameterName)' is not read by BlueWatch (only Water Level)")
        }
        var times: [Double] = [], values: [Double] = [], estimated: [Bool] = []
        var approvals: [String: Int] = [:]
        for row in table.rows {
            guard try table.field(row, code) == stationCode, try table.field(row, parameter) == parameterName, try table.field(row, unit) == units else {
                throw IngestError(path: path, location: "line \(row.line)", reason: "the file mixes stations, parameters or units")
            }
            let text = try table.field(row, timeColumn)
            guard let t = UTCTime.parse(text) else {
                throw IngestError(path: path, location: "line \(row.line), column 'Timestamp'", reason: "'\(text)' is not a time YYYY-MM-DDThh:mm[Z]")
            }
            times.append(text.hasSuffix("Z") ? t : t - offset)
            values.append(try table.number(row, value) ?? .nan)
            let oe = try table.field(row, observed)
            guard oe == "O" || oe == "E" || oe.isEmpty else {
                throw IngestError(path: path, location: "line \(row.line), column 'Observed or Estimated'", reason: "'\(oe)' is not O or E")
            }
            estimated.append(oe == "E")
            if let approval { approvals[try table.field(row, approval), default: 0] += 1 }
        }
        let station = StationReference(provider: "mrc", id: stationCode, kind: .riverGauge)
        var notes: [String] = []
        var parsed = try SeriesAssembler(path: path).make(
            station: station, variable: SeriesKind.riverStage.variable, longName: "river water level above the gauge zero", times: times, values: values,
            units: units, datum: context.entry?.datum ?? "gauge zero of MRC station \(stationCode)", notes: &notes)
        if parsed.series.count == times.count, zip(parsed.series.times, times).allSatisfy({ abs($0 - $1) < 0.001 }) {
            for (i, e) in estimated.enumerated() where e { parsed.series.flags[i] = .suspect }
        }
        notes.append("river_stage: \(estimated.filter { $0 }.count) estimated values (E) flagged suspect; approval levels "
                     + approvals.sorted { $0.key < $1.key }.map { "\($0.key.isEmpty ? "none" : $0.key) \($0.value)" }.joined(separator: ", "))
        var dataset = context.dataset(format: .mrcWaterLevelCSV, title: "MRC water level, station \(stationCode)")
        dataset.series = [parsed]
        dataset.notes += notes
        return dataset
    }

    /// Seconds east of UTC from "Timestamp (UTC+07:00)"; 0 when the header names none.
    static func offset(_ header: String, path: String) throws(IngestError) -> Double {
        guard let r = header.range(of: "UTC") else { return 0 }
        let rest = header[r.upperBound...].prefix { $0 != ")" }
        if rest.isEmpty { return 0 }
        let sign: Double = rest.first == "-" ? -1 : 1
        let parts = rest.dropFirst().split(separator: ":")
        guard (1...2).contains(parts.count), let h = Int(parts[0]), h <= 14, let m = parts.count == 2 ? Int(parts[1]) : 0, m < 60 else {
            throw IngestError(path: path, location: "header", reason: "'\(header)' does not give an offset UTC±hh:mm")
        }
        return sign * Double(h * 3600 + m * 60)
    }
}
