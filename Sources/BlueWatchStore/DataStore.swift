import BlueWatchCore
import BlueWatchIngest

/// What BlueWatch needs from a store. ``SQLiteStore`` is the embedded default; a PostgreSQL
/// store for a national centre would implement the same protocol (Docs/ARCHITECTURE.md).
public protocol DataStore: Sendable {
    /// Makes the stored stations match the registry (insert new, update changed).
    func syncRegistry(_ registry: StationRegistry) throws
    /// Stores a parsed file in one transaction, or does nothing if its content is stored.
    func ingest(_ dataset: ParsedDataset, registry: StationRegistry) throws -> IngestOutcome
    /// The dataset with this content hash, if stored.
    func dataset(sha256: String) throws -> DatasetRecord?
    func datasets() throws -> [DatasetRecord]
    func stations(project: String?, kind: StationKind?) throws -> [Station]
    func station(id: String) throws -> Station?
    /// Series metadata, for one station or all; copies of a canonical record only when asked.
    func seriesList(stationID: String?, includeAlternates: Bool) throws -> [SeriesRecord]
    /// Values of one series between two times (inclusive, either optional).
    func readSeries(id: Int64, from: Double?, to: Double?) throws -> TimeSeries
    /// What QC did to a stored series, or nil if it was not checked.
    func qualityControl(seriesID: Int64) throws -> QCSummary?
    /// Replaces a series' flags and QC summary after QC was run again.
    func replaceFlags(seriesID: Int64, flags: [QCFlag], summary: QCSummary) throws
    func grids() throws -> [GridRecord]
    func summary() throws -> StoreSummary
}

/// The result of ingesting one file.
public enum IngestOutcome: Sendable, Equatable {
    /// Stored as a new dataset.
    case stored(datasetID: Int64)
    /// A file with the same content was stored before (perhaps under another name).
    case alreadyStored(datasetID: Int64, path: String)
}

/// Counts of what a store holds.
public struct StoreSummary: Sendable, Codable, Equatable {
    public var datasets: Int
    public var stationsWithData: Int
    public var stationsRegistered: Int
    public var series: Int
    public var observations: Int
    public var grids: Int
    public var plasticSamples: Int
    public var earthquakes: Int
    public var lastIngest: Double?
}
