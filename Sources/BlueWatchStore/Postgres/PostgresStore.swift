import BlueWatchCore
import BlueWatchIngest
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// The store of a national centre: PostgreSQL through postgres-nio, for many processes and
/// hosts on one database (`--db postgres://user@host:port/db` or `BLUEWATCH_DB`). The same
/// tables as ``SQLiteStore`` under the same named migrations; the same rows, built by
/// ``DatasetRows`` before the database is touched. Every write is one transaction; run locks
/// are PostgreSQL advisory locks, so they hold across hosts.
///
/// Calls are synchronous: each waits on postgres-nio's futures from the caller's thread (never
/// call from an event loop). One connection per store, used by one call at a time; a connection
/// the server dropped is replaced at the next call (a transaction it was in is rolled back by
/// the server, so nothing is half-written).
public final class PostgresStore: SeriesStore, QualityControlStore, GridStore, PlasticStore, AlertStore, TokenStore, RunLocking {
    /// The URL without its password, for messages.
    public let location: String
    private let configuration: PostgresConnection.Configuration
    private let connection = NIOLockedValueBox<PostgresConnection?>(nil)
    let logger = Logger(label: "bluewatch.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects to the database at `url` and brings its schema up to date.
    ///
    /// `url`: `postgres://[user[:password]@]host[:port]/database[?sslmode=disable|prefer|require]`,
    /// or `postgres:///database?host=/socket/dir` for a Unix socket. The user defaults to
    /// `$PGUSER`, else `postgres`; the password to `$PGPASSWORD`.
    public init(url: String, migrateUpTo last: String? = nil) throws {
        (configuration, location) = try Self.configuration(url)
        try withSession { try PostgresMigrations.migrate($0, upTo: last) }
    }

    deinit {
        connection.withLockedValue { c in
            if let c, !c.isClosed { _ = try? PostgresSession.wait(c.close(), seconds: 5, sql: "close") }
        }
    }

    /// True when `text` names a PostgreSQL database rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    static func configuration(_ url: String) throws -> (PostgresConnection.Configuration, String) {
        guard isURL(url), let components = URLComponents(string: url) else {
            throw StoreError.unavailable("'\(url)' is not a PostgreSQL URL (postgres://user@host:port/database)")
        }
        let environment = ProcessInfo.processInfo.environment
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? "postgres"
        let password = components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        let database = String(components.path.drop(while: { $0 == "/" })).removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        var redacted = components
        if redacted.password != nil { redacted.password = "***" }
        let location = redacted.string ?? "postgres://…"
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            let port = components.port ?? 5432
            return (.init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database), location)
        }
        guard let host = components.host, !host.isEmpty else { throw StoreError.unavailable("\(location): no host") }
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch query["sslmode"] ?? "prefer" {
            case "disable": tls = .disable
            case "prefer", "allow": tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case "require", "verify-ca", "verify-full": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case let mode: throw StoreError.unavailable("\(location): sslmode '\(mode)' is not one of disable, prefer, require, verify-full")
            }
        } catch let error as StoreError { throw error } catch {
            throw StoreError.unavailable("\(location): TLS: \(error)")
        }
        return (.init(host: host, port: components.port ?? 5432, username: user, password: password, database: database, tls: tls), location)
    }

    func connect() throws -> PostgresConnection {
        do {
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                  id: 1, logger: logger).wait()
        } catch let error as PSQLError {
            throw StoreError.unavailable("cannot connect to \(location): \(error.serverInfo?[.message] ?? "\(error.code)")\(error.underlying.map { " (\($0))" } ?? "")")
        } catch {
            throw StoreError.unavailable("cannot connect to \(location): \(error)")
        }
    }

    /// Runs `body` on the store's connection (opened, or replaced if the server dropped it),
    /// one call at a time. A connection that failed under `body` is dropped, so the next call
    /// opens a new one.
    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try connection.withLockedValue { c in
            if c == nil || c?.isClosed == true { c = try connect() }
            do {
                return try body(PostgresSession(connection: c!, logger: logger))
            } catch let error as StoreError {
                if case .unavailable = error {
                    let _: EventLoopFuture<Void>? = c?.close()   // not waited for: the channel may already be gone
                    c = nil
                }
                throw error
            }
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// When the connection itself failed there is nothing to roll back: the server ends a
    /// transaction whose connection is gone, and a statement sent on a dead connection would
    /// wait for an answer that never comes.
    func transaction<T>(readOnly: Bool = false, _ body: (PostgresSession) throws -> T) throws -> T {
        try withSession { session in
            try session.query(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            do {
                let result = try body(session)
                try session.query("COMMIT")
                return result
            } catch {
                if case StoreError.unavailable = error { throw error }
                if !session.connection.isClosed { _ = try? session.query("ROLLBACK") }
                throw error
            }
        }
    }

    /// Reads in one consistent snapshot.
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T { try transaction(readOnly: true, body) }

    /// A stable 64-bit key for an advisory lock named `name` (FNV-1a of "bluewatch:" + name).
    static func lockKey(_ name: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ("bluewatch:" + name).utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }

    // MARK: Stations, datasets and series

    public func syncRegistry(_ registry: StationRegistry) throws {
        try transaction { s in
            for station in registry.stations {
                let record = StationRecord(station)
                let (columns, bindings) = try PostgresRowEncoder.encode(record)
                let all = ["id", "name", "country", "kind", "latitude", "longitude", "identifiers", "datum", "provider", "licence", "citation", "doi", "notes", "isRegistered"]
                // Optional nils are left out by the encoder; an upsert must also clear them.
                let updates = all.filter { $0 != "id" }.map { c in columns.contains(c) ? "\(c) = excluded.\(c)" : "\(c) = NULL" }
                let sql = "INSERT INTO station (\(columns.joined(separator: ", "))) VALUES (\((1...columns.count).map { "$\($0)" }.joined(separator: ", "))) "
                    + "ON CONFLICT (id) DO UPDATE SET \(updates.joined(separator: ", "))"
                try s.query(PostgresQuery(unsafeSQL: sql, binds: bindings))
                try s.execute("DELETE FROM stationProject WHERE stationId = \(station.id)")
                for project in station.projects {
                    try s.insert(StationProjectRecord(stationId: station.id, projectId: project), into: "stationProject", returningID: false)
                }
            }
        }
    }

    public func ingest(_ dataset: ParsedDataset, registry: StationRegistry) throws -> IngestOutcome {
        let rows = try DatasetRows(dataset, registry: registry)
        return try transaction { s in
            // Two processes ingesting the same content: the second waits, then finds it stored.
            try s.query("SELECT pg_advisory_xact_lock(\(Self.lockKey("dataset:" + rows.dataset.sha256)))")
            if let existing = try s.fetchOne(DatasetRecord.self, "SELECT * FROM dataset WHERE sha256 = \(rows.dataset.sha256)"), let id = existing.id {
                return .alreadyStored(datasetID: id, path: existing.path)
            }
            guard let datasetID = try s.insert(rows.dataset, into: "dataset") else { throw StoreError.database("no id for the new dataset") }
            for station in rows.stations {
                // Stations met in files: inserted once, by whichever process gets there first.
                let (columns, bindings) = try PostgresRowEncoder.encode(StationRecord(station))
                let inserted = try s.execute(PostgresQuery(unsafeSQL: "INSERT INTO station (\(columns.joined(separator: ", "))) VALUES (\((1...columns.count).map { "$\($0)" }.joined(separator: ", "))) ON CONFLICT (id) DO NOTHING", binds: bindings))
                if inserted > 0 {
                    for project in station.projects {
                        try s.insert(StationProjectRecord(stationId: station.id, projectId: project), into: "stationProject", returningID: false)
                    }
                }
            }
            for var series in rows.series {
                series.series.datasetId = datasetID
                guard let seriesID = try s.insert(series.series, into: "series") else { throw StoreError.database("no id for a new series") }
                for var block in series.blocks {
                    block.seriesId = seriesID
                    try s.insert(block, into: "observationBlock", returningID: false)
                }
                if var qc = series.qualityControl {
                    qc.seriesId = seriesID
                    try s.insert(qc, into: "seriesQualityControl", returningID: false)
                }
            }
            for stationID in Set(rows.stations.map(\.id)).sorted() { try reconcileDuplicates(stationID: stationID, session: s) }
            for var grid in rows.grids {
                grid.datasetId = datasetID
                try s.insert(grid, into: "grid")
            }
            for var sample in rows.samples {
                sample.datasetId = datasetID
                try s.insert(sample, into: "plasticSample")
            }
            for var event in rows.events {
                event.datasetId = datasetID
                try s.insert(event, into: "earthquake", returningID: false)
            }
            for row in rows.rejected {
                try s.execute("INSERT INTO plasticRejection (datasetId, location, reason) VALUES (\(datasetID), \(row.location), \(row.reason))")
            }
            return .stored(datasetID: datasetID)
        }
    }

    /// Marks copies of the same observations (see ``SeriesRecord/canonicalChanges(of:versions:decode:)``),
    /// inside the ingest transaction.
    private func reconcileDuplicates(stationID: String, session s: PostgresSession) throws {
        let records = try s.fetch(SeriesRecord.self, "SELECT * FROM series WHERE stationId = \(stationID) ORDER BY id")
        var versions: [Int64: String?] = [:]
        for row in try s.query("SELECT id, version FROM dataset WHERE id IN (SELECT datasetId FROM series WHERE stationId = \(stationID))").rows {
            let (id, version) = try row.decode((Int64, String?).self)
            versions[id] = version
        }
        let changes = try SeriesRecord.canonicalChanges(of: records, versions: versions) { id in
            try TimeSeries(blocks: try blocks(seriesID: id, from: nil, to: nil, session: s), seriesID: id, from: nil, to: nil)
        }
        for change in changes { try s.execute("UPDATE series SET canonicalId = \(change.canonicalId) WHERE id = \(change.id)") }
    }

    private func blocks(seriesID: Int64, from: Double?, to: Double?, session s: PostgresSession) throws -> [ObservationBlockRecord] {
        try s.fetch(ObservationBlockRecord.self, """
            SELECT * FROM observationBlock WHERE seriesId = \(seriesID)
              AND (\(from)::double precision IS NULL OR timeEnd >= \(from)) AND (\(to)::double precision IS NULL OR timeStart <= \(to))
            ORDER BY blockIndex
            """)
    }

    public func qualityControl(seriesID: Int64) throws -> QCSummary? {
        try read { s in try s.fetchOne(QualityControlRecord.self, "SELECT * FROM seriesQualityControl WHERE seriesId = \(seriesID)")?.decoded() }
    }

    public func replaceFlags(seriesID: Int64, flags: [QCFlag], summary: QCSummary) throws {
        try transaction { s in
            guard let series = try s.fetchOne(SeriesRecord.self, "SELECT * FROM series WHERE id = \(seriesID) FOR UPDATE") else {
                throw StoreError.notFound("no series with id \(seriesID)")
            }
            guard series.valueCount == flags.count else {
                throw StoreError.corrupt("series \(seriesID) has \(series.valueCount) values, not \(flags.count)")
            }
            var offset = 0
            for block in try blocks(seriesID: seriesID, from: nil, to: nil, session: s) {
                let encoded = Data(ObservationCodec.encodeFlags(Array(flags[offset..<(offset + block.count)])))
                try s.execute("UPDATE observationBlock SET flags = \(encoded) WHERE seriesId = \(seriesID) AND blockIndex = \(block.blockIndex)")
                offset += block.count
            }
            let record = try QualityControlRecord(seriesId: seriesID, summary: summary)
            try s.execute("""
                INSERT INTO seriesQualityControl (seriesId, kind, summary, checkedAt) VALUES (\(seriesID), \(record.kind), \(record.summary), \(record.checkedAt))
                ON CONFLICT (seriesId) DO UPDATE SET kind = excluded.kind, summary = excluded.summary, checkedAt = excluded.checkedAt
                """)
        }
    }

    public func dataset(sha256: String) throws -> DatasetRecord? {
        try read { s in try s.fetchOne(DatasetRecord.self, "SELECT * FROM dataset WHERE sha256 = \(sha256)") }
    }

    public func dataset(id: Int64) throws -> DatasetRecord? {
        try read { s in try s.fetchOne(DatasetRecord.self, "SELECT * FROM dataset WHERE id = \(id)") }
    }

    public func datasets() throws -> [DatasetRecord] {
        try read { s in try s.fetch(DatasetRecord.self, "SELECT * FROM dataset ORDER BY id") }
    }

    public func stations(project: String?, kind: StationKind?) throws -> [Station] {
        try read { s in
            let records = try s.fetch(StationRecord.self, """
                SELECT * FROM station
                WHERE (\(project)::text IS NULL OR id IN (SELECT stationId FROM stationProject WHERE projectId = \(project)))
                  AND (\(kind?.rawValue)::text IS NULL OR kind = \(kind?.rawValue))
                ORDER BY id
                """)
            let links = try s.fetch(StationProjectRecord.self, "SELECT * FROM stationProject")
            let projects = Dictionary(grouping: links, by: { $0.stationId }).mapValues { $0.map { $0.projectId }.sorted() }
            return records.map { $0.station(projects: projects[$0.id] ?? []) }
        }
    }

    public func station(id: String) throws -> Station? {
        try read { s in
            guard let record = try s.fetchOne(StationRecord.self, "SELECT * FROM station WHERE id = \(id)") else { return nil }
            let projects = try s.column(String.self, "SELECT projectId FROM stationProject WHERE stationId = \(id) ORDER BY projectId")
            return record.station(projects: projects)
        }
    }

    public func seriesList(stationID: String?, includeAlternates: Bool) throws -> [SeriesRecord] {
        try read { s in
            try s.fetch(SeriesRecord.self, """
                SELECT * FROM series WHERE (\(stationID)::text IS NULL OR stationId = \(stationID)) AND (\(includeAlternates) OR canonicalId IS NULL)
                ORDER BY stationId, variable, id
                """)
        }
    }

    public func seriesCounts() throws -> [String: Int] {
        try read { s in
            var counts: [String: Int] = [:]
            for row in try s.query("SELECT stationId, COUNT(*) FROM series GROUP BY stationId").rows {
                let (station, n) = try row.decode((String, Int).self)
                counts[station] = n
            }
            return counts
        }
    }

    public func readSeries(id: Int64, from: Double?, to: Double?) throws -> TimeSeries {
        try read { s in
            guard try s.value(Int64.self, "SELECT id FROM series WHERE id = \(id)") != nil else { throw StoreError.notFound("no series with id \(id)") }
            return try TimeSeries(blocks: try blocks(seriesID: id, from: from, to: to, session: s), seriesID: id, from: from, to: to)
        }
    }

    public func latestObservationTime(seriesID: Int64) throws -> Double? {
        try read { s in try s.value(Double.self, "SELECT timeEnd FROM series WHERE id = \(seriesID)") }
    }

    public func grids() throws -> [GridRecord] {
        try read { s in try s.fetch(GridRecord.self, "SELECT * FROM grid ORDER BY id") }
    }

    public func earthquakes(minimumMagnitude: Double?) throws -> [Earthquake] {
        try read { s in
            // One row per event (the first catalogue's), as SQLite's GROUP BY gives.
            try s.fetch(EarthquakeRecord.self, """
                SELECT DISTINCT ON (eventId) * FROM earthquake
                WHERE (\(minimumMagnitude)::double precision IS NULL OR magnitude >= \(minimumMagnitude))
                ORDER BY eventId, datasetId
                """).sorted { ($0.time, $0.eventId) < ($1.time, $1.eventId) }.map(\.earthquake)
        }
    }

    public func earthquakeDatasets(eventID: String) throws -> [Int64] {
        try read { s in try s.column(Int64.self, "SELECT DISTINCT datasetId FROM earthquake WHERE eventId = \(eventID) ORDER BY datasetId") }
    }

    public func summary() throws -> StoreSummary {
        try read { s in
            StoreSummary(
                datasets: try s.value(Int.self, "SELECT COUNT(*) FROM dataset") ?? 0,
                stationsWithData: try s.value(Int.self, "SELECT COUNT(DISTINCT stationId) FROM series") ?? 0,
                stationsRegistered: try s.value(Int.self, "SELECT COUNT(*) FROM station WHERE isRegistered") ?? 0,
                series: try s.value(Int.self, "SELECT COUNT(*) FROM series") ?? 0,
                observations: try s.value(Int.self, "SELECT COALESCE(SUM(valueCount), 0)::bigint FROM series") ?? 0,
                grids: try s.value(Int.self, "SELECT COUNT(*) FROM grid") ?? 0,
                plasticSamples: try s.value(Int.self, "SELECT COUNT(*) FROM plasticSample") ?? 0,
                earthquakes: try s.value(Int.self, "SELECT COUNT(DISTINCT eventId) FROM earthquake") ?? 0,
                lastIngest: try s.value(Double.self, "SELECT MAX(ingestedAt) FROM dataset"),
                bytes: try s.value(Int.self, "SELECT pg_database_size(current_database())") ?? 0)
        }
    }

    // MARK: Microplastics

    public func plasticSamples(matrix: PlasticMatrix?, unit: PlasticUnit?) throws -> [PlasticSample] {
        try read { s in
            try s.fetch(PlasticSampleRecord.self, """
                SELECT * FROM plasticSample WHERE (\(matrix?.rawValue)::text IS NULL OR matrix = \(matrix?.rawValue))
                  AND (\(unit?.rawValue)::text IS NULL OR unit = \(unit?.rawValue)) ORDER BY id
                """).map(\.sample)
        }
    }

    public func plasticSamplesWithDatasets() throws -> [(datasetID: Int64, sample: PlasticSample)] {
        try read { s in try s.fetch(PlasticSampleRecord.self, "SELECT * FROM plasticSample ORDER BY id").map { ($0.datasetId, $0.sample) } }
    }

    public func latestPlasticIngest() throws -> Double? {
        try read { s in try s.value(Double.self, "SELECT MAX(ingestedAt) FROM dataset WHERE id IN (SELECT DISTINCT datasetId FROM plasticSample)") }
    }

    public func plasticSources() throws -> [PlasticSource] {
        try read { s in
            let datasets = try s.fetch(DatasetRecord.self, """
                SELECT * FROM dataset WHERE id IN (SELECT datasetId FROM plasticSample UNION SELECT datasetId FROM plasticRejection) ORDER BY id
                """)
            return try datasets.map { d in
                let samples = try s.value(Int.self, "SELECT COUNT(*) FROM plasticSample WHERE datasetId = \(d.id)") ?? 0
                let rejected = try s.query("SELECT location, reason FROM plasticRejection WHERE datasetId = \(d.id) ORDER BY rowNumber").rows.map { row in
                    let (location, reason) = try row.decode((String, String).self)
                    return RejectedRow(location: location, reason: reason)
                }
                return PlasticSource(dataset: d, samples: samples, rejected: rejected)
            }
        }
    }
}
