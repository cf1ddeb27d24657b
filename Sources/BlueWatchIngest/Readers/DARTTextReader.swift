import BlueWatchCore
import Foundation

/// NOAA NDBC DART historical text: two `#` header lines, then `YY MM DD hh mm ss T HEIGHT`
/// (UTC; T = 1 15-minute, 2 1-minute, 3 15-second; water-column height in m; 9999 missing).
/// Files may be newest-first and interleave record types; samples sharing a stamp keep the
/// record of the highest type (15 s > 1 min > 15 min), as a duty officer would read them.
enum DARTTextReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let text = try readText(path)
        var times: [Double] = []
        var values: [Double] = []
        var types: [Int] = []
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy({ $0.isWhitespace }) { continue }
            let f = line.split(whereSeparator: { $0.isWhitespace })
            guard f.count == 8, let y = Int(f[0]), let mo = Int(f[1]), let d = Int(f[2]), let h = Int(f[3]), let mi = Int(f[4]),
                  let s = Double(f[5]), let type = Int(f[6]), let height = Double(f[7]),
                  (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h), (0...59).contains(mi) else {
                throw IngestError(path: path, location: "line \(n + 1)", reason: "expected 'YY MM DD hh mm ss T HEIGHT', found '\(line)'")
            }
            guard (1...3).contains(type) else {
                throw IngestError(path: path, location: "line \(n + 1)", reason: "record type \(type) is not 1, 2 or 3")
            }
            let year = y < 100 ? 2000 + y : y
            guard UTCTime.isValidDate(year: year, month: mo, day: d), s.isFinite, (0..<61).contains(s) else {
                throw IngestError(path: path, location: "line \(n + 1)", reason: "\(year)-\(mo)-\(d) \(h):\(mi):\(f[5]) is not a real UTC time")
            }
            guard height.isFinite else {
                throw IngestError(path: path, location: "line \(n + 1)", reason: "height '\(f[7])' is not a finite number (missing heights are written 9999)")
            }
            times.append(UTCTime.seconds(year: year, month: mo, day: d, hour: h, minute: mi, second: s))
            values.append(height >= 9999 ? .nan : height)
            types.append(type)
        }
        let id = context.stem.filter { $0.isNumber }
        guard id.count == 5 else { throw IngestError(path: path, reason: "DART files are named <5-digit station id>.txt; '\(context.fileName)' is not") }
        var notes: [String] = []
        let counts = (1...3).map { t in types.filter { $0 == t }.count }
        notes.append("water_column_height: records by type: \(counts[0]) 15-min, \(counts[1]) 1-min, \(counts[2]) 15-s; \(values.filter { $0.isNaN }.count) rows of 9999 (missing)")
        let parsed = try SeriesAssembler(path: path).make(
            station: StationReference(provider: "ndbc", id: id, kind: .dartBuoy), variable: SeriesKind.waterColumnHeight.variable,
            standardName: "sea_floor_depth_below_sea_surface", longName: "height of water column (bottom pressure)",
            times: times, values: values, units: "m", datum: "none: water-column height above the sea floor",
            duplicates: .highestRank(types), notes: &notes)
        var dataset = context.dataset(format: .ndbcDART, title: "DART \(id) water-column height")
        dataset.provider = dataset.provider ?? "NOAA National Data Buoy Center (NDBC), DART program"
        dataset.version = dataset.version ?? "NDBC historical DART record (raw, mixed 15-min / 1-min / 15-s)"
        dataset.licence = dataset.licence ?? "US Government (NOAA) public data"
        dataset.citation = dataset.citation ?? "NOAA National Data Buoy Center, DART historical data, station \(id), https://www.ndbc.noaa.gov/dart.shtml"
        dataset.series = [parsed]
        dataset.notes += notes
        return dataset
    }
}
