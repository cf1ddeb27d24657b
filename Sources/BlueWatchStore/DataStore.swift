import BlueWatchCore
import BlueWatchIngest

/// Everything BlueWatch keeps, as one store: the role protocols together. ``SQLiteStore`` is
/// the embedded default; ``PostgresStore`` serves a national centre (many processes and hosts
/// on one database). Code that needs one role takes that role, so a reader of a function's
/// signature sees what it touches.
public typealias DataStore = SeriesStore & QualityControlStore & GridStore & PlasticStore & AlertStore & TokenStore & RunLocking

/// Datasets, stations and their series: what ingest writes and every analysis reads.
public protocol SeriesStore: Sendable {
    /// Makes the stored stations match the registry (insert new, update changed).
    func syncRegistry(_ registry: StationRegistry) throws
    /// Stores a parsed file in one transaction, or does nothing if its content is stored.
    func ingest(_ dataset: ParsedDataset, registry: StationRegistry) throws -> IngestOutcome
    /// The dataset with this content hash, if stored.
    func dataset(sha256: String) throws -> DatasetRecord?
    func dataset(id: Int64) throws -> DatasetRecord?
    func datasets() throws -> [DatasetRecord]
    /// Stations in id order, optionally of one project and one kind.
    func stations(project: String?, kind: StationKind?) throws -> [Station]
    func station(id: String) throws -> Station?
    /// Series metadata, for one station or all; copies of a canonical record only when asked.
    func seriesList(stationID: String?, includeAlternates: Bool) throws -> [SeriesRecord]
    /// Stored series per station id (copies included).
    func seriesCounts() throws -> [String: Int]
    /// Values of one series between two times (inclusive, either optional).
    func readSeries(id: Int64, from: Double?, to: Double?) throws -> TimeSeries
    /// The newest observation time of a series, from its metadata (no decoding).
    func latestObservationTime(seriesID: Int64) throws -> Double?
    /// Distinct earthquakes (an event in several catalogues counts once), in time order.
    func earthquakes(minimumMagnitude: Double?) throws -> [Earthquake]
    /// The datasets (catalogues) an earthquake was read from, for citations.
    func earthquakeDatasets(eventID: String) throws -> [Int64]
    func summary() throws -> StoreSummary
}

extension SeriesStore {
    /// Every stored station.
    public func stations() throws -> [Station] { try stations(project: nil, kind: nil) }
    /// The canonical records of one station, or of all.
    public func seriesList(stationID: String?) throws -> [SeriesRecord] { try seriesList(stationID: stationID, includeAlternates: false) }
    /// Every value of one series.
    public func readSeries(id: Int64) throws -> TimeSeries { try readSeries(id: id, from: nil, to: nil) }
    /// Every distinct earthquake.
    public func earthquakes() throws -> [Earthquake] { try earthquakes(minimumMagnitude: nil) }
}

/// What QARTOD QC did to stored series.
public protocol QualityControlStore: Sendable {
    /// What QC did to a stored series, or nil if it was not checked.
    func qualityControl(seriesID: Int64) throws -> QCSummary?
    /// Replaces a series' flags and QC summary after QC was run again (one transaction;
    /// `flags` holds one flag per stored value).
    func replaceFlags(seriesID: Int64, flags: [QCFlag], summary: QCSummary) throws
}

/// Gridded variables of ingested files (their values stay in the files).
public protocol GridStore: Sendable {
    func grids() throws -> [GridRecord]
}

/// Microplastic samples and where they came from.
public protocol PlasticStore: Sendable {
    /// Samples, optionally of one matrix and unit.
    func plasticSamples(matrix: PlasticMatrix?, unit: PlasticUnit?) throws -> [PlasticSample]
    /// Samples with the id of the dataset each came from (for citations).
    func plasticSamplesWithDatasets() throws -> [(datasetID: Int64, sample: PlasticSample)]
    /// When samples last arrived (the newest ingest time of a dataset holding any).
    func latestPlasticIngest() throws -> Double?
    /// The datasets holding samples, with how many each gave and the rows dropped and why.
    func plasticSources() throws -> [PlasticSource]
}

extension PlasticStore {
    /// Every sample.
    public func plasticSamples() throws -> [PlasticSample] { try plasticSamples(matrix: nil, unit: nil) }
}

/// Alerts, their CAP messages (the outbox), watermarks and webhook deliveries.
public protocol AlertStore: Sendable {
    /// Open alerts, live or replayed, oldest first.
    func openAlerts(replay: Bool) throws -> [AlertRecord]
    /// Alerts, newest first, optionally only open ones.
    func alerts(replay: Bool, openOnly: Bool, limit: Int) throws -> [AlertRecord]
    func alert(id: Int64) throws -> AlertRecord?
    func alertMessages(alertId: Int64) throws -> [AlertMessageRecord]
    /// Watermarks keyed "rule|series": the newest data time each rule has evaluated.
    func alertWatermarks(replay: Bool) throws -> [String: Double]
    /// Applies one run's decisions, its watermarks and (live) its outbox messages in ONE
    /// transaction: a run killed at any instant leaves either all of it or none. Each change
    /// applies only to the state it was decided on (an alert already opened, grown or closed
    /// by another run is left alone and sends nothing). Returns the messages to deliver.
    @discardableResult
    func commitAlertRun(_ changes: [AlertChange], watermarks: [(rule: String, series: Int64, time: Double)], replay: Bool) throws -> [AlertMessageRecord]
    /// Messages not yet written to the outbox (from this run, or from a run killed after commit).
    func undeliveredAlertMessages() throws -> [AlertMessageRecord]
    func markDelivered(_ ids: [Int64]) throws
    /// Messages due for delivery to a webhook `endpoint` at `now`: released to the outbox, not
    /// yet delivered there, and either never tried or failed with their back-off elapsed and
    /// fewer than `maxAttempts` attempts. A message waits while an earlier message of the same
    /// alert is backing off, so a receiver never gets an Update or Cancel before its Alert.
    func webhookDue(endpoint: String, now: Double, maxAttempts: Int) throws -> [(message: AlertMessageRecord, attempts: Int)]
    /// Records one delivery attempt: delivered, or failed with the error and the next attempt's time.
    func recordWebhookAttempt(messageID: Int64, endpoint: String, at now: Double, delivered: Bool, error: String?, nextAttemptAt: Double) throws
    /// Messages an endpoint has given up on (`maxAttempts` failures), newest first.
    func webhookAbandoned(endpoint: String, maxAttempts: Int) throws -> [(identifier: String, attempts: Int, lastError: String?)]
    /// Marks a live alert acknowledged; false when there is no such alert.
    func acknowledgeAlert(id: Int64, by who: String, at: Double) throws -> Bool
    /// Empties the replay tables (before a new replay).
    func clearReplay() throws
}

extension AlertStore {
    /// Open live alerts.
    public func openAlerts() throws -> [AlertRecord] { try openAlerts(replay: false) }
    /// Live alerts, newest first.
    public func alerts(openOnly: Bool = false, limit: Int = 100) throws -> [AlertRecord] { try alerts(replay: false, openOnly: openOnly, limit: limit) }
    /// Live watermarks.
    public func alertWatermarks() throws -> [String: Double] { try alertWatermarks(replay: false) }
    /// Commits a live run.
    @discardableResult
    public func commitAlertRun(_ changes: [AlertChange], watermarks: [(rule: String, series: Int64, time: Double)]) throws -> [AlertMessageRecord] {
        try commitAlertRun(changes, watermarks: watermarks, replay: false)
    }
}

/// Tokens for the service's write routes (only their SHA-256 is kept).
public protocol TokenStore: Sendable {
    /// Stores a new token's hash; fails with ``StoreError/conflict(_:)`` when the name is taken.
    func addToken(name: String, sha256: String, scopes: [String], at time: Double) throws -> APITokenRecord
    /// The live (not revoked) token with this hash, its last use set to `time`; nil when none.
    func useToken(sha256: String, at time: Double) throws -> APITokenRecord?
    func tokens() throws -> [APITokenRecord]
    /// Revokes the token named `name`; false when there is no live token of that name.
    func revokeToken(name: String, at time: Double) throws -> Bool
}

/// One kind of run at a time on a store (`alerts`, `deliver`), across processes and, on
/// PostgreSQL, across hosts.
public protocol RunLocking: Sendable {
    /// Takes the lock of `kind`, waiting for it or (`wait: false`) returning nil at once when
    /// another run holds it. The lock is held until the returned value is released.
    func runLock(kind: String, wait: Bool) throws -> RunLock?
    /// Where the store lives, for messages (a file path, or a URL without its password).
    var location: String { get }
}

/// A held run lock; released by ``release()`` or when the last reference goes away.
public final class RunLock: @unchecked Sendable {
    private var releaseAction: (() -> Void)?

    init(release: @escaping () -> Void) { releaseAction = release }

    /// Releases the lock (again: no effect).
    public func release() {
        releaseAction?()
        releaseAction = nil
    }

    deinit { release() }
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
    /// The space the store takes: the SQLite file's pages, or the PostgreSQL database's size.
    public var bytes: Int = 0
}
