import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore

/// The QC of one series as `bluewatch qc` shows it: the kind and thresholds, counts of every
/// flag per test, and the flagged values with the tests that flagged them.
public struct QualityControlReport: Sendable, Encodable {
    public struct FlaggedValue: Sendable, Encodable {
        public var time: String
        public var value: Double?
        public var flag: UInt8
        /// Tests (and "provider") that gave this value a suspect or fail flag.
        public var tests: [String: UInt8]
    }

    public var station: String
    public var series: String
    /// The store's series id, nil for a file read without storing.
    public var seriesId: Int64?
    public var variable: String
    public var sampling: String
    public var kind: String?
    public var overrides: String?
    public var configuration: QCConfiguration?
    /// Per test, then "aggregate": counts by flag ("1", "2", "3", "4", "9").
    public var counts: [String: [String: Int]]
    public var values: Int
    public var flagged: [FlaggedValue]
    /// Why the series was not checked, when it was not.
    public var note: String?

    /// Flags of every value as rows: time, value, each test's flag, aggregate.
    public var rows: [[String]] = []
    enum CodingKeys: String, CodingKey {
        case station, series, seriesId, variable, sampling, kind, overrides, configuration, counts, values, flagged, note
    }
}

/// Builds ``QualityControlReport``s for stored series (recomputing each test's flags with the
/// thresholds stored at ingest, so the aggregate is the one stored) and for files.
public struct QualityControlRunner: Sendable {
    public var catalog: QCCatalog
    public var from: Double?
    public var to: Double?

    public init(catalog: QCCatalog, from: Double? = nil, to: Double? = nil) {
        self.catalog = catalog
        self.from = from
        self.to = to
    }

    /// Reports for the stored series of a station (all variables QC applies to).
    public func reports(station: Station, store: any DataStore, includeRows: Bool = false) throws -> [QualityControlReport] {
        try store.seriesList(stationID: station.id).map { record in
            let series = try store.readSeries(id: record.id!)
            let summary = try store.qualityControl(seriesID: record.id!)
            var result: QCResult? = nil
            if let summary {
                var rerun = series
                rerun.flags = summary.providerFlags(count: series.count)
                result = QualityControl.run(rerun, configuration: summary.configuration)
                // The stored flags are the truth; they equal the rerun unless the store was edited.
                result?.aggregate = series.flags
            }
            return report(station: station.id, series: record.sourceIdentifier, seriesId: record.id, descriptor: record.descriptor,
                          values: series, result: result, summary: summary, includeRows: includeRows)
        }
    }

    /// Runs QC again on the stored series of a station with the current thresholds and stores
    /// the new flags. Returns the number of series whose flags changed.
    public func recompute(station: Station, store: any DataStore) throws -> Int {
        var changed = 0
        for record in try store.seriesList(stationID: station.id) {
            let series = try store.readSeries(id: record.id!)
            let old = try store.qualityControl(seriesID: record.id!)
            var input = series
            input.flags = old?.providerFlags(count: series.count) ?? series.flags
            guard let (result, summary) = catalog.check(input, descriptor: record.descriptor, station: station.id) else { continue }
            if result.aggregate != series.flags || old != summary { changed += 1 }
            try store.replaceFlags(seriesID: record.id!, flags: result.aggregate, summary: summary)
        }
        return changed
    }

    /// Reports for the series of a file read without storing it.
    public func reports(file dataset: ParsedDataset, registry: StationRegistry, includeRows: Bool = false) -> [QualityControlReport] {
        dataset.series.map { parsed in
            let station = (try? registry.resolve(parsed.station).id) ?? parsed.station.id
            let checked = catalog.check(parsed.series, descriptor: parsed.descriptor, station: station)
            return report(station: station, series: "\(parsed.station.provider):\(parsed.station.id)", seriesId: nil,
                          descriptor: parsed.descriptor, values: parsed.series, result: checked?.0, summary: checked?.1, includeRows: includeRows)
        }
    }

    func report(station: String, series: String, seriesId: Int64?, descriptor: SeriesDescriptor, values full: TimeSeries,
                result: QCResult?, summary: QCSummary?, includeRows: Bool) -> QualityControlReport {
        let lower = from.map { full.lowerBound(of: $0) } ?? 0
        let upper = to.map { full.upperBound(of: $0) } ?? full.count
        let range = lower..<max(lower, upper)
        var counts: [String: [String: Int]] = [:]
        func count(_ flags: ArraySlice<QCFlag>) -> [String: Int] {
            var c: [String: Int] = [:]
            for f in flags { c[String(f.rawValue), default: 0] += 1 }
            return c
        }
        var flagged: [QualityControlReport.FlaggedValue] = []
        var rows: [[String]] = []
        if let result {
            for (test, flags) in result.tests { counts[test.rawValue] = count(flags[range]) }
            counts["aggregate"] = count(result.aggregate[range])
            for i in range {
                var tests: [String: UInt8] = [:]
                for (test, flags) in result.tests where flags[i] == .suspect || flags[i] == .fail { tests[test.rawValue] = flags[i].rawValue }
                if let p = result.providerFlags, p[i] == .suspect || p[i] == .fail { tests["provider"] = p[i].rawValue }
                let value = full.values[i].isNaN ? nil : full.values[i]
                if result.aggregate[i] == .suspect || result.aggregate[i] == .fail {
                    flagged.append(.init(time: UTCTime.iso(full.times[i]), value: value, flag: result.aggregate[i].rawValue, tests: tests))
                }
                if includeRows {
                    rows.append([UTCTime.iso(full.times[i]), value.map { String($0) } ?? ""] + result.tests.map { String($0.flags[i].rawValue) }
                                + [String(result.aggregate[i].rawValue)])
                }
            }
        } else {
            counts["stored"] = count(full.flags[range])
        }
        var report = QualityControlReport(
            station: station, series: series, seriesId: seriesId, variable: descriptor.variable, sampling: descriptor.samplingLabel,
            kind: summary?.kind, overrides: summary?.overrides, configuration: summary?.configuration, counts: counts,
            values: range.count, flagged: flagged,
            note: result == nil ? unchecked(descriptor) : nil)
        report.rows = rows
        return report
    }

    func unchecked(_ descriptor: SeriesDescriptor) -> String {
        if descriptor.isDerived { return "derived series: not checked (the series it was derived from is)" }
        if QCCatalog.kind(of: descriptor) != nil { return "not checked yet (stored before QC ran at ingest): run `bluewatch qc STATION --recompute`" }
        return "QC does not apply to \(descriptor.variable) at \(descriptor.samplingLabel) sampling"
    }
}
