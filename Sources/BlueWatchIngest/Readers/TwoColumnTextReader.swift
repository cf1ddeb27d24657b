import BlueWatchCore
import Foundation
import NetCDF

/// Two whitespace-separated numbers per line, time and value, whose meaning (station,
/// variable, units, what the time counts from) comes from the source catalogue. Used for
/// UTide's HNL2010.asc and the de-tided DART files. Repeated stamps (15-s samples rounded to
/// the same second in derived files) are replaced by their mean; newest-first files reversed.
enum TwoColumnTextReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let entry = context.entry
        let timeUnits = try context.required(entry?.timeUnits, "time_units")
        let units = try context.required(entry?.units, "units")
        let variable = entry?.variable ?? SeriesKind.seaLevel.variable
        let decoder: CFTimeUnits
        do { decoder = try CFTimeUnits(units: timeUnits) } catch {
            throw IngestError(path: path, reason: "time_units in stations/sources.toml: \(error.description)")
        }
        let text = try readText(path)
        var times: [Double] = []
        var values: [Double] = []
        var decimals = 0
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).enumerated() {
            if line.allSatisfy({ $0.isWhitespace }) || line.hasPrefix("#") { continue }
            let f = line.split(whereSeparator: { $0.isWhitespace })
            guard f.count == 2, let t = Double(f[0]), let v = Double(f[1]) else {
                throw IngestError(path: path, location: "line \(n + 1)", reason: "expected two numbers (time, value), found '\(line)'")
            }
            times.append(decoder.unixSeconds(t) ?? .nan)
            values.append(v)
            if let dot = f[0].firstIndex(of: "."), !f[0].contains("e"), !f[0].contains("E") {
                decimals = max(decimals, f[0].distance(from: dot, to: f[0].endIndex) - 1)
            }
        }
        let station = try context.stationFromEntry(kind: entry?.stationFromName == "ndbc" ? .dartBuoy : .tideGauge)
        var notes: [String] = []
        let parsed = try SeriesAssembler(path: path).make(
            station: station, variable: variable, standardName: SeriesKind(variable: variable) == .seaLevel ? "water_surface_height_above_reference_datum" : nil,
            times: times, values: values, units: units, datum: entry?.datum, derived: entry?.derived ?? false,
            duplicates: .mean, timeResolution: decoder.secondsPerUnit / pow(10, Double(decimals)), notes: &notes)
        var dataset = context.dataset(format: .twoColumnText, title: "\(variable) at \(station.id)")
        dataset.series = [parsed]
        dataset.notes += notes
        return dataset
    }
}
