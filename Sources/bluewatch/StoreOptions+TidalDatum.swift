import BlueWatchAnalysis
import BlueWatchCore
import Foundation

extension StoreOptions {
    /// The height of tidal datum `name` (MHHW, MLLW, …) of `station` on its record's datum, over
    /// the National Tidal Datum Epoch, from its longest hourly (or finer) sea-level record
    /// (observed high and low waters when it spans the epoch, else the harmonic prediction): the file's own when `file` is a data file, else the stored ones.
    /// `--datum` of `extremes`, `series export` and (through its own fit) `flooding` use it.
    func tidalDatum(_ name: String, station: Station, file: String? = nil, resources: Resources) throws -> (name: String, height: Double, origin: String) {
        let runner = TideRunner()
        var records: [TideRunner.Record] = []
        if let file, FileManager.default.fileExists(atPath: file) {
            records = try runner.records(file: try resources.readChecked(file), registry: resources.registry)
        }
        if records.isEmpty, let db = try? openStore(resources) {
            records = try runner.records(station: station, store: db)
        }
        guard let record = records.max(by: { $0.series.count < $1.series.count }) else {
            throw CLIError.data("--datum \(name) needs an hourly (or finer) sea-level record of \(station.id) to compute tidal datums from; ingest one")
        }
        let report = runner.analyse(record)
        guard let fit = report.fit, let (datums, observed) = fit.datums(for: record.series), let height = datums.height(of: name) else {
            throw CLIError.data("cannot compute \(name) for \(station.id): \(report.failure ?? "no high and low waters")")
        }
        let how = observed ? "from the observed high and low waters over 1983–2001" : "from the harmonic prediction over 1983–2001"
        return (name, height, "\(how) of \(record.identifier) \(UTCTime.isoDate(fit.recordSpan.lowerBound))…\(UTCTime.isoDate(fit.recordSpan.upperBound)); it must share the record's station datum")
    }
}
