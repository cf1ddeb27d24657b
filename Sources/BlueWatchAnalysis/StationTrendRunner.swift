import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore

/// Runs station trends over stored records or files: picks one record per provider id (the
/// monthly one when there is a choice, then the longest), joins records whose datums the
/// registry ties, adds the registry's datum steps to the model, and analyses each.
public struct StationTrendRunner: Sendable {
    public var options: TrendOptions
    public var from: Double?
    public var to: Double?
    public var variable: String
    /// Keep the prepared values of each trend in its report (``TrendReport/chart``), for charts.
    public var keepValues = false

    public init(options: TrendOptions = TrendOptions(), from: Double? = nil, to: Double? = nil, variable: String = SeriesKind.seaLevel.variable) {
        self.options = options
        self.from = from
        self.to = to
        self.variable = variable
    }

    /// A record to analyse: values plus where they came from.
    struct Record {
        var identifier: String
        var series: TimeSeries
        var sampling: Double?
        var sources: [TrendReport.Source]
    }

    /// Trends of every record of `station` in the store.
    public func reports(station: Station, store: any DataStore) throws -> [TrendReport] {
        let datasets = Dictionary(uniqueKeysWithValues: try store.datasets().map { ($0.id!, $0) })
        let candidates = try store.seriesList(stationID: station.id).filter { $0.variable == variable && !$0.isDerived }
        var records: [Record] = []
        for (identifier, group) in Dictionary(grouping: candidates, by: { $0.sourceIdentifier }).sorted(by: { $0.key < $1.key }) {
            guard let best = group.min(by: StationTrendRunner.preference) else { continue }
            let series = try store.readSeries(id: best.id!, from: from, to: to)
            records.append(Record(identifier: identifier, series: series, sampling: best.samplingSeconds,
                                  sources: datasets[best.datasetId].map { [StationTrendRunner.source($0)] } ?? []))
        }
        return analyse(records, station: station)
    }

    /// Trends of every series of `variable` in a file read without storing it.
    public func reports(file dataset: ParsedDataset, registry: StationRegistry) throws -> [TrendReport] {
        var result: [TrendReport] = []
        let source = TrendReport.Source(title: dataset.title, path: dataset.source.path, sha256: dataset.source.sha256,
                                        provider: dataset.provider, version: dataset.version, doi: dataset.doi)
        let matching = dataset.series.filter { $0.descriptor.variable == variable }
        for group in Dictionary(grouping: matching, by: { (try? registry.resolve($0.station).id) ?? $0.station.id }).sorted(by: { $0.key < $1.key }).map({ $0.value }) {
            let station = try registry.resolve(group[0].station)
            let records = group.map { p in
                Record(identifier: "\(p.station.provider):\(p.station.id)", series: p.series.slice(from: from, to: to),
                       sampling: p.descriptor.samplingSeconds, sources: [source])
            }
            result += analyse(records, station: station)
        }
        return result
    }

    /// Monthly records first, then finer ones (aggregated to monthly), then coarser; longer first.
    static func preference(_ a: SeriesRecord, _ b: SeriesRecord) -> Bool {
        func rank(_ s: Double?) -> Int {
            guard let s else { return 3 }
            if (2_300_000...2_800_000).contains(s) { return 0 }
            return s < 2_300_000 ? 1 : 2
        }
        if rank(a.samplingSeconds) != rank(b.samplingSeconds) { return rank(a.samplingSeconds) < rank(b.samplingSeconds) }
        let spanA = a.timeEnd - a.timeStart, spanB = b.timeEnd - b.timeStart
        if spanA != spanB { return spanA > spanB }
        return (a.id ?? 0) < (b.id ?? 0)
    }

    static func source(_ d: DatasetRecord) -> TrendReport.Source {
        TrendReport.Source(title: d.title, path: d.path, sha256: d.sha256, provider: d.provider, version: d.version, doi: d.doi)
    }

    func analyse(_ records: [Record], station: Station) -> [TrendReport] {
        var pending = records
        var joined: [(Record, [String])] = []
        // Join tied records: `later` continues `earlier` after it ends, offset added.
        for tie in station.ties {
            guard let e = pending.firstIndex(where: { $0.identifier == tie.earlier }),
                  let l = pending.firstIndex(where: { $0.identifier == tie.later }) else { continue }
            let earlier = pending[e], later = pending[l]
            let end = earlier.series.times.last ?? -.infinity
            let tail = later.series.slice(from: end.nextUp)
            let series = TimeSeries(times: earlier.series.times + tail.times,
                                    values: earlier.series.values + tail.values.map { $0 + tie.offsetMillimetres / 1000 },
                                    flags: earlier.series.flags + tail.flags)
            joined.append((Record(identifier: "\(tie.earlier)+\(tie.later)", series: series, sampling: earlier.sampling,
                                  sources: earlier.sources + later.sources),
                           ["\(tie.later) continues \(tie.earlier) with \(tie.offsetMillimetres) mm added: \(tie.reason)"]))
            pending.removeAll { $0.identifier == tie.earlier || $0.identifier == tie.later }
        }
        joined += pending.map { ($0, []) }
        return joined.map { record, joins in
            let parts = record.identifier.split(separator: "+").map(String.init)
            let steps = station.steps.filter { parts.contains($0.series) }
            var options = self.options
            options.steps = steps.map { $0.time }.filter { t in record.series.span.map { $0.contains(t) } ?? false }
            var report = TrendReport(
                station: station.id, stationName: station.name, series: record.identifier, variable: variable,
                sampling: Sampling.label(seconds: record.sampling), sources: record.sources,
                steps: steps.map { "\($0.series) at \(UTCTime.isoDate($0.time)): \($0.reason)" }, joins: joins, trend: nil, failure: nil)
            do {
                report.trend = try StationTrend.analyse(record.series, samplingSeconds: record.sampling, options: options)
            } catch {
                report.failure = "\(error)"
            }
            if keepValues, let p = try? StationTrend.prepare(record.series, samplingSeconds: record.sampling, options: options) {
                let valid = p.anomalies.values.indices.filter { !p.anomalies.values[$0].isNaN }
                report.chart = TrendReport.Chart(years: valid.map { UTCTime.decimalYear(p.anomalies.times[$0]) }, millimetres: valid.map { p.anomalies.values[$0] },
                                                 availability: 100 * Double(valid.count) / Double(max(1, p.anomalies.count)))
            }
            return report
        }
    }
}
