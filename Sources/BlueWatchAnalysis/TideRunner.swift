import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore

/// A tidal analysis with the record it was computed from: what a report cites.
public struct TideReport: Sendable, Encodable {
    public var station: String
    public var stationName: String
    /// The record's provider id ("uhslc:057").
    public var series: String
    public var seriesId: Int64?
    public var sampling: String
    public var sources: [TrendReport.Source]
    public var fit: TideFit?
    /// Why no analysis could be made.
    public var failure: String?
}

/// Finds the sub-daily sea-level records of a station or file and analyses their tides.
public struct TideRunner: Sendable {
    public var options: TideOptions
    public var from: Double?
    public var to: Double?
    public var variable: String
    /// Overrides the station's latitude (required when the registry does not know it).
    public var latitude: Double?

    public init(options: TideOptions = TideOptions(), from: Double? = nil, to: Double? = nil, variable: String = SeriesKind.seaLevel.variable, latitude: Double? = nil) {
        self.options = options
        self.from = from
        self.to = to
        self.variable = variable
        self.latitude = latitude
    }

    /// A record to analyse.
    public struct Record: Sendable {
        public var station: Station
        public var identifier: String
        public var seriesId: Int64?
        public var series: TimeSeries
        public var sampling: Double?
        public var sources: [TrendReport.Source]
    }

    /// Tidal records are measured and sampled at least every 3 hours.
    static func isTidal(_ d: SeriesDescriptor, variable: String) -> Bool {
        d.variable == variable && !d.isDerived && (d.samplingSeconds ?? .infinity) <= 10_800
    }

    /// The station's stored tidal records (one, when `seriesId` is given).
    public func records(station: Station, store: any DataStore, seriesId: Int64? = nil) throws -> [Record] {
        let datasets = Dictionary(uniqueKeysWithValues: try store.datasets().map { ($0.id!, $0) })
        return try store.seriesList(stationID: station.id)
            .filter { seriesId == nil ? TideRunner.isTidal($0.descriptor, variable: variable) : $0.id == seriesId }
            .map { r in
                Record(station: station, identifier: r.sourceIdentifier, seriesId: r.id, series: try store.readSeries(id: r.id!, from: from, to: to),
                       sampling: r.samplingSeconds, sources: datasets[r.datasetId].map { [StationTrendRunner.source($0)] } ?? [])
            }
    }

    /// The tidal records of a file read without storing it.
    public func records(file dataset: ParsedDataset, registry: StationRegistry) throws -> [Record] {
        let source = TrendReport.Source(title: dataset.title, path: dataset.source.path, sha256: dataset.source.sha256,
                                        provider: dataset.provider, version: dataset.version, doi: dataset.doi)
        return try dataset.series.filter { TideRunner.isTidal($0.descriptor, variable: variable) }.map { p in
            var station = try registry.resolve(p.station)
            if station.latitude.isNaN, let lat = p.station.latitude { station.latitude = lat }
            return Record(station: station, identifier: "\(p.station.provider):\(p.station.id)", seriesId: nil,
                          series: p.series.slice(from: from, to: to), sampling: p.descriptor.samplingSeconds, sources: [source])
        }
    }

    /// Analyses one record.
    public func analyse(_ record: Record) -> TideReport {
        var report = TideReport(station: record.station.id, stationName: record.station.name, series: record.identifier, seriesId: record.seriesId,
                                sampling: Sampling.label(seconds: record.sampling), sources: record.sources, fit: nil, failure: nil)
        let lat = latitude ?? record.station.latitude
        guard lat.isFinite else {
            report.failure = "the latitude of \(record.station.id) is unknown (nodal corrections depend on it); give --latitude"
            return report
        }
        do { report.fit = try TideFit.analyse(record.series, latitude: lat, options: options) } catch { report.failure = error.description }
        return report
    }
}
