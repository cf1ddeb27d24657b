import BlueWatchCore
import Foundation

/// PSMSL RLR monthly and annual mean sea level (`<id>.rlrdata`): `;`-separated
/// `time; height_mm; missing_days|Y/N; flag` with -99999 for missing. Monthly times are
/// PSMSL's mid-month decimal years and become the exact middle of the calendar month;
/// annual years become the middle of the year. Station name and position come from
/// `filelist.txt` beside the file when present. Months with PSMSL's "flag for attention"
/// set are flagged suspect.
enum PSMSLReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        guard let id = Int(context.stem) else {
            throw IngestError(path: path, reason: "PSMSL files are named <station id>.rlrdata; '\(context.fileName)' is not")
        }
        let text = try readText(path)
        var times: [Double] = []
        var values: [Double] = []
        var attention: [Bool] = []
        var isMonthly: Bool?
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).enumerated() {
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 4, let t = Double(fields[0]), let v = Double(fields[1]) else {
                throw IngestError(path: path, location: "line \(n + 1)", reason: "expected 'time; height; missing days or Y/N; flag', found '\(line)'")
            }
            let monthly = t != t.rounded()
            if let isMonthly, isMonthly != monthly {
                throw IngestError(path: path, location: "line \(n + 1)", reason: "mixes monthly and annual times")
            }
            isMonthly = monthly
            guard t.isFinite, Double(UTCTime.years.lowerBound) <= t, t < Double(UTCTime.years.upperBound) else {
                throw IngestError(path: path, location: "line \(n + 1)", reason: "\(fields[0]) is not a year between \(UTCTime.years.lowerBound) and \(UTCTime.years.upperBound)")
            }
            let year = Int(t.rounded(.down))
            if monthly {
                let month = Int(((t - Double(year)) * 12).rounded(.down)) + 1
                guard (1...12).contains(month), abs(t - (Double(year) + (Double(month) - 0.5) / 12)) < 0.001 else {
                    throw IngestError(path: path, location: "line \(n + 1)", reason: "\(fields[0]) is not a PSMSL mid-month decimal year")
                }
                times.append(UTCTime.middleOfMonth(year: year, month: month))
            } else {
                times.append(UTCTime.middleOfYear(year))
            }
            values.append(v == -99999 ? .nan : v)
            attention.append(fields[3] != "000")
        }
        guard let monthly = isMonthly else { throw IngestError(path: path, reason: "the file holds no values") }
        let info = stationInfo(id: id, folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let station = StationReference(provider: "psmsl", id: String(id), name: info?.name, latitude: info?.latitude, longitude: info?.longitude)
        var notes: [String] = []
        var parsed = try SeriesAssembler(path: path).make(
            station: station, variable: SeriesKind.seaLevel.variable, standardName: "water_surface_height_above_reference_datum",
            longName: monthly ? "monthly mean sea level" : "annual mean sea level", times: times, values: values, units: "mm",
            datum: "PSMSL Revised Local Reference (RLR)", notes: &notes)
        let flagged = attention.enumerated().filter { $0.element && !values[$0.offset].isNaN }.map { $0.offset }
        for i in flagged { parsed.series.flags[i] = .suspect }
        if !flagged.isEmpty { notes.append("sea_level: \(flagged.count) values carry PSMSL's flag for attention and are flagged suspect") }
        var dataset = context.dataset(format: .psmslRLR, title: "PSMSL RLR \(monthly ? "monthly" : "annual") mean sea level, station \(id)\(info.map { " \($0.name)" } ?? "")")
        dataset.provider = dataset.provider ?? "Permanent Service for Mean Sea Level (PSMSL), National Oceanography Centre, UK"
        dataset.version = dataset.version ?? (monthly ? "RLR monthly means" : "RLR annual means")
        dataset.licence = dataset.licence ?? "PSMSL data are free to use with citation"
        dataset.citation = dataset.citation ?? "Holgate et al. (2013) J. Coastal Res. 29(3):493-504; PSMSL (2022) Tide Gauge Data, retrieved 03 Jan 2022 from http://www.psmsl.org/data/obtaining/"
        dataset.doi = dataset.doi ?? "10.2112/JCOASTRES-D-12-00175.1"
        dataset.series = [parsed]
        dataset.notes += notes
        return dataset
    }

    /// Name and position of a station from `filelist.txt` (`id; lat; lon; name; coastline; code; flag`).
    static func stationInfo(id: Int, folder: String) -> (name: String, latitude: Double, longitude: Double)? {
        guard let text = try? String(contentsOfFile: folder + "/filelist.txt", encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: { $0.isNewline }) {
            let f = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            if f.count >= 4, Int(f[0]) == id, let lat = Double(f[1]), let lon = Double(f[2]) { return (f[3], lat, lon) }
        }
        return nil
    }
}
