import BlueWatchCore
import BlueWatchIngest
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode through GRDB (or memory, for tests).
/// Observations are kept as encoded blocks of up to 65,536 values (``ObservationCodec``).
public final class SQLiteStore: SeriesStore, QualityControlStore, GridStore, PlasticStore, AlertStore, TokenStore, RunLocking {
    let writer: any DatabaseWriter
    /// The database file, nil in memory.
    public let path: String?

    /// Opens (creating if needed) the database at `path` and brings its schema up to date (or
    /// up to the migration named `last`, for upgrade tests).
    public init(path: String, migrateUpTo last: String? = nil) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        writer = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        if let last { try SQLiteMigrations.migrator.migrate(writer, upTo: last) } else { try SQLiteMigrations.migrator.migrate(writer) }
    }

    public var location: String { path ?? ":memory:" }

    /// A store in memory, with the real migrations.
    public init() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: configuration)
        path = nil
        try SQLiteMigrations.migrator.migrate(writer)
    }

    public func syncRegistry(_ registry: StationRegistry) throws {
        try writer.write { db in
            for station in registry.stations {
                try StationRecord(station).upsert(db)
                try db.execute(sql: "DELETE FROM stationProject WHERE stationId = ?", arguments: [station.id])
                for project in station.projects { try StationProjectRecord(stationId: station.id, projectId: project).insert(db) }
            }
        }
    }

    public func ingest(_ dataset: ParsedDataset, registry: StationRegistry) throws -> IngestOutcome {
        var rows = try DatasetRows(dataset, registry: registry)
        return try writer.write { db -> IngestOutcome in
            if let existing = try DatasetRecord.filter(DatasetRecord.Columns.sha256 == rows.dataset.sha256).fetchOne(db), let id = existing.id {
                return .alreadyStored(datasetID: id, path: existing.path)
            }
            try rows.dataset.insert(db)
            let datasetID = db.lastInsertedRowID
            for station in rows.stations where try StationRecord.fetchOne(db, key: station.id) == nil {
                try StationRecord(station).insert(db)
                for project in station.projects { try StationProjectRecord(stationId: station.id, projectId: project).insert(db) }
            }
            for var series in rows.series {
                series.series.datasetId = datasetID
                try series.series.insert(db)
                let seriesID = db.lastInsertedRowID
                for var block in series.blocks {
                    block.seriesId = seriesID
                    try block.insert(db)
                }
                if var qc = series.qualityControl {
                    qc.seriesId = seriesID
                    try qc.insert(db)
                }
            }
            for stationID in Set(rows.stations.map(\.id)) { try reconcileDuplicates(stationID: stationID, db: db) }
            for var grid in rows.grids {
                grid.datasetId = datasetID
                try grid.insert(db)
            }
            for var sample in rows.samples {
                sample.datasetId = datasetID
                try sample.insert(db)
            }
            for var event in rows.events {
                event.datasetId = datasetID
                try event.insert(db)
            }
            for row in rows.rejected {
                try db.execute(sql: "INSERT INTO plasticRejection (datasetId, location, reason) VALUES (?, ?, ?)",
                               arguments: [datasetID, row.location, row.reason])
            }
            return .stored(datasetID: datasetID)
        }
    }

    public func qualityControl(seriesID: Int64) throws -> QCSummary? {
        try writer.read { db in try QualityControlRecord.fetchOne(db, key: seriesID)?.decoded() }
    }

    public func replaceFlags(seriesID: Int64, flags: [QCFlag], summary: QCSummary) throws {
        try writer.write { db in
            guard let series = try SeriesRecord.fetchOne(db, key: seriesID) else { throw StoreError.notFound("no series with id \(seriesID)") }
            guard series.valueCount == flags.count else {
                throw StoreError.corrupt("series \(seriesID) has \(series.valueCount) values, not \(flags.count)")
            }
            var offset = 0
            for var block in try ObservationBlockRecord.filter(ObservationBlockRecord.Columns.seriesId == seriesID)
                .order(ObservationBlockRecord.Columns.blockIndex).fetchAll(db) {
                block.flags = Data(ObservationCodec.encodeFlags(Array(flags[offset..<(offset + block.count)])))
                try block.update(db)
                offset += block.count
            }
            try QualityControlRecord(seriesId: seriesID, summary: summary).save(db)
        }
    }

    public func dataset(sha256: String) throws -> DatasetRecord? {
        try writer.read { db in try DatasetRecord.filter(DatasetRecord.Columns.sha256 == sha256).fetchOne(db) }
    }

    public func dataset(id: Int64) throws -> DatasetRecord? {
        try writer.read { db in try DatasetRecord.fetchOne(db, key: id) }
    }

    public func datasets() throws -> [DatasetRecord] {
        try writer.read { db in try DatasetRecord.order(Column("id")).fetchAll(db) }
    }

    public func stations(project: String?, kind: StationKind?) throws -> [Station] {
        try writer.read { db in
            var request = StationRecord.order(StationRecord.Columns.id)
            if let project {
                request = request.filter(sql: "id IN (SELECT stationId FROM stationProject WHERE projectId = ?)", arguments: [project])
            }
            if let kind { request = request.filter(StationRecord.Columns.kind == kind.rawValue) }
            let records = try request.fetchAll(db)
            let links = try StationProjectRecord.fetchAll(db)
            let projects = Dictionary(grouping: links, by: { $0.stationId }).mapValues { $0.map { $0.projectId }.sorted() }
            return records.map { $0.station(projects: projects[$0.id] ?? []) }
        }
    }

    public func station(id: String) throws -> Station? {
        try writer.read { db in
            guard let record = try StationRecord.fetchOne(db, key: id) else { return nil }
            let projects = try String.fetchAll(db, sql: "SELECT projectId FROM stationProject WHERE stationId = ? ORDER BY projectId", arguments: [id])
            return record.station(projects: projects)
        }
    }

    public func seriesList(stationID: String?, includeAlternates: Bool) throws -> [SeriesRecord] {
        try writer.read { db in
            var request = SeriesRecord.order(SeriesRecord.Columns.stationId, SeriesRecord.Columns.variable, SeriesRecord.Columns.id)
            if let stationID { request = request.filter(SeriesRecord.Columns.stationId == stationID) }
            if !includeAlternates { request = request.filter(SeriesRecord.Columns.canonicalId == nil) }
            return try request.fetchAll(db)
        }
    }

    public func seriesCounts() throws -> [String: Int] {
        try writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT stationId, COUNT(*) AS n FROM series GROUP BY stationId").map { ($0["stationId"] as String, $0["n"] as Int) })
        }
    }

    public func readSeries(id: Int64, from: Double?, to: Double?) throws -> TimeSeries {
        try writer.read { db in
            guard try SeriesRecord.fetchOne(db, key: id) != nil else { throw StoreError.notFound("no series with id \(id)") }
            var request = ObservationBlockRecord.filter(ObservationBlockRecord.Columns.seriesId == id)
            if let from { request = request.filter(ObservationBlockRecord.Columns.timeEnd >= from) }
            if let to { request = request.filter(ObservationBlockRecord.Columns.timeStart <= to) }
            return try TimeSeries(blocks: try request.order(ObservationBlockRecord.Columns.blockIndex).fetchAll(db), seriesID: id, from: from, to: to)
        }
    }

    public func latestObservationTime(seriesID: Int64) throws -> Double? {
        try writer.read { db in try Double.fetchOne(db, sql: "SELECT timeEnd FROM series WHERE id = ?", arguments: [seriesID]) }
    }

    public func grids() throws -> [GridRecord] {
        try writer.read { db in try GridRecord.order(Column("id")).fetchAll(db) }
    }

    public func plasticSamples(matrix: PlasticMatrix?, unit: PlasticUnit?) throws -> [PlasticSample] {
        try writer.read { db in
            var request = PlasticSampleRecord.order(Column("id"))
            if let matrix { request = request.filter(Column("matrix") == matrix.rawValue) }
            if let unit { request = request.filter(Column("unit") == unit.rawValue) }
            return try request.fetchAll(db).map { $0.sample }
        }
    }

    public func plasticSamplesWithDatasets() throws -> [(datasetID: Int64, sample: PlasticSample)] {
        try writer.read { db in
            try PlasticSampleRecord.order(Column("id")).fetchAll(db).map { ($0.datasetId, $0.sample) }
        }
    }

    public func latestPlasticIngest() throws -> Double? {
        try writer.read { db in
            try Double.fetchOne(db, sql: "SELECT MAX(ingestedAt) FROM dataset WHERE id IN (SELECT DISTINCT datasetId FROM plasticSample)")
        }
    }

    public func plasticSources() throws -> [PlasticSource] {
        try writer.read { db in
            let datasets = try DatasetRecord.fetchAll(db, sql: """
                SELECT * FROM dataset WHERE id IN (SELECT datasetId FROM plasticSample UNION SELECT datasetId FROM plasticRejection) ORDER BY id
                """)
            return try datasets.map { d in
                let samples = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM plasticSample WHERE datasetId = ?", arguments: [d.id]) ?? 0
                let rejected = try Row.fetchAll(db, sql: "SELECT location, reason FROM plasticRejection WHERE datasetId = ? ORDER BY rowid", arguments: [d.id])
                    .map { RejectedRow(location: $0["location"], reason: $0["reason"]) }
                return PlasticSource(dataset: d, samples: samples, rejected: rejected)
            }
        }
    }

    public func earthquakes(minimumMagnitude: Double?) throws -> [Earthquake] {
        try writer.read { db in
            // One row per event: the first catalogue's that passes the filter.
            try EarthquakeRecord.fetchAll(db, sql: """
                SELECT * FROM earthquake e WHERE (? IS NULL OR magnitude >= ?)
                  AND datasetId = (SELECT MIN(datasetId) FROM earthquake f WHERE f.eventId = e.eventId AND (? IS NULL OR f.magnitude >= ?))
                ORDER BY time, eventId
                """, arguments: [minimumMagnitude, minimumMagnitude, minimumMagnitude, minimumMagnitude]).map(\.earthquake)
        }
    }

    public func earthquakeDatasets(eventID: String) throws -> [Int64] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT DISTINCT datasetId FROM earthquake WHERE eventId = ? ORDER BY datasetId", arguments: [eventID])
        }
    }

    public func summary() throws -> StoreSummary {
        try writer.read { db in
            StoreSummary(
                datasets: try DatasetRecord.fetchCount(db),
                stationsWithData: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT stationId) FROM series") ?? 0,
                stationsRegistered: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM station WHERE isRegistered") ?? 0,
                series: try SeriesRecord.fetchCount(db),
                observations: try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(valueCount), 0) FROM series") ?? 0,
                grids: try GridRecord.fetchCount(db),
                plasticSamples: try PlasticSampleRecord.fetchCount(db),
                earthquakes: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT eventId) FROM earthquake") ?? 0,
                lastIngest: try Double.fetchOne(db, sql: "SELECT MAX(ingestedAt) FROM dataset"),
                bytes: try Int.fetchOne(db, sql: "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()") ?? 0)
        }
    }
}
