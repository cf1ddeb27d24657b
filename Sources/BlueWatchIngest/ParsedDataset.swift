import BlueWatchCore

/// Everything a reader found in one file, in core types, before it is stored. A reader
/// either returns a whole `ParsedDataset` or throws; nothing is stored in between.
public struct ParsedDataset: Sendable {
    public var source: SourceFile
    public var format: DataFormat
    public var title: String
    public var provider: String?
    /// Data version as the provider names it: "research quality", "fast delivery",
    /// "delayed mode", "derived (de-tided)", "RLR monthly means", …
    public var version: String?
    public var licence: String?
    public var citation: String?
    public var doi: String?
    public var series: [ParsedSeries]
    public var grids: [GridDescriptor]
    public var samples: [PlasticSample]
    public var events: [Earthquake]
    /// Things a user should know about how the file was read (duplicates resolved, …).
    public var notes: [String]
    /// Rows of a sample table left out one by one (the rest of the file ingests), with why.
    public var rejected: [RejectedRow] = []

    public init(source: SourceFile, format: DataFormat, title: String, provider: String? = nil, version: String? = nil,
                licence: String? = nil, citation: String? = nil, doi: String? = nil, series: [ParsedSeries] = [],
                grids: [GridDescriptor] = [], samples: [PlasticSample] = [], events: [Earthquake] = [], notes: [String] = []) {
        self.source = source
        self.format = format
        self.title = title
        self.provider = provider
        self.version = version
        self.licence = licence
        self.citation = citation
        self.doi = doi
        self.series = series
        self.grids = grids
        self.samples = samples
        self.events = events
        self.notes = notes
    }

    /// A one-line account of the content: "2 series (8,760 values)", "1,852 samples", ….
    public var contentSummary: String {
        var parts: [String] = []
        if !series.isEmpty {
            let values = series.reduce(0) { $0 + $1.series.count }
            parts.append("\(series.count) series (\(values.formatted) values)")
        }
        if !grids.isEmpty { parts.append("\(grids.count) grid\(grids.count == 1 ? "" : "s")") }
        if !samples.isEmpty { parts.append("\(samples.count.formatted) samples") }
        if !events.isEmpty { parts.append("\(events.count.formatted) events") }
        if !rejected.isEmpty { parts.append("\(rejected.count.formatted) rows dropped") }
        return parts.isEmpty ? "nothing" : parts.joined(separator: ", ")
    }
}

/// A row of a sample table that was not ingested: where it is and why.
public struct RejectedRow: Sendable, Equatable, Codable {
    /// "line 12", "feature 3", "point 7".
    public var location: String
    public var reason: String

    public init(location: String, reason: String) {
        self.location = location
        self.reason = reason
    }
}

extension [RejectedRow] {
    /// Reasons with their counts, most frequent first: "3 × latitude out of range".
    public var tally: [(reason: String, count: Int)] {
        var counts: [String: Int] = [:]
        for r in self { counts[r.reason, default: 0] += 1 }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }
}

/// One series of one station as read from a file.
public struct ParsedSeries: Sendable {
    public var station: StationReference
    public var descriptor: SeriesDescriptor
    public var series: TimeSeries
    /// What QARTOD QC did to the flags, once ``QCCatalog/apply(to:registry:)`` has run.
    public var qualityControl: QCSummary?

    public init(station: StationReference, descriptor: SeriesDescriptor, series: TimeSeries) {
        self.station = station
        self.descriptor = descriptor
        self.series = series
    }
}

/// A station as a file identifies it: a provider's id plus whatever the file says about it.
/// The registry turns it into a ``Station``.
public struct StationReference: Sendable, Hashable {
    /// Provider namespace of `id`: "psmsl", "uhslc", "coops", "ioc", "ndbc", "oceansites", "bom", or "file".
    public var provider: String
    public var id: String
    public var name: String?
    public var latitude: Double?
    public var longitude: Double?
    public var country: String?
    public var kind: StationKind

    public init(provider: String, id: String, name: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
                country: String? = nil, kind: StationKind = .tideGauge) {
        self.provider = provider
        self.id = id
        self.name = name
        self.latitude = latitude
        self.longitude = longitude
        self.country = country
        self.kind = kind
    }
}

extension Int {
    /// The number with thousands separators: 1,392.
    public var formatted: String {
        let digits = String(Swift.abs(self))
        var out = ""
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + String(out.reversed())
    }
}
