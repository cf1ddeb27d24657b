import BlueWatchCore
import BlueWatchIngest
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode through GRDB (or memory, for tests).
/// Observations are kept as encoded blocks of up to 65,536 values (``ObservationCodec``).
public final class SQLiteStore: DataStore {
    let writer: any DatabaseWriter
    /// The database file, nil in memory.
    public let path: String?

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(30)
        writer = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try StoreMigrations.migrator.migrate(writer)
    }

    /// A store in memory, with the real migrations.
    public init() throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        writer = try DatabaseQueue(configuration: configuration)
        path = nil
        try StoreMigrations.migrator.migrate(writer)
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
        // Resolve stations before touching the database: a bad reference fails the file whole.
        let stations = try dataset.series.map { try registry.resolve($0.station) }
        return try writer.write { db -> IngestOutcome in
            if let existing = try DatasetRecord.filter(DatasetRecord.Columns.sha256 == dataset.source.sha256).fetchOne(db) {
                return .alreadyStored(datasetID: existing.id!, path: existing.path)
            }
            var record = DatasetRecord(
                id: nil, sha256: dataset.source.sha256,
                // Absolute, so a server or report started elsewhere finds the file (grids are read from it).
                path: URL(fileURLWithPath: dataset.source.path).standardizedFileURL.path, size: dataset.source.size, format: dataset.format.rawValue,
                title: dataset.title, provider: dataset.provider, version: dataset.version, licence: dataset.licence,
                citation: dataset.citation, doi: dataset.doi, notes: jsonText(dataset.notes), ingestedAt: Date().timeIntervalSince1970)
            try record.insert(db)
            let datasetID = record.id!
            for (parsed, station) in zip(dataset.series, stations) {
                if try StationRecord.fetchOne(db, key: station.id) == nil {
                    try StationRecord(station).insert(db)
                    for project in station.projects { try StationProjectRecord(stationId: station.id, projectId: project).insert(db) }
                }
                try store(parsed, stationID: station.id, datasetID: datasetID, db: db)
            }
            for stationID in Set(stations.map(\.id)) { try reconcileDuplicates(stationID: stationID, db: db) }
            for grid in dataset.grids {
                var g = GridRecord(grid, datasetId: datasetID)
                try g.insert(db)
            }
            for sample in dataset.samples {
                var s = PlasticSampleRecord(sample, datasetId: datasetID)
                try s.insert(db)
            }
            for event in dataset.events { try EarthquakeRecord(event, datasetId: datasetID).insert(db) }
            for row in dataset.rejected {
                try db.execute(sql: "INSERT INTO plasticRejection (datasetId, location, reason) VALUES (?, ?, ?)",
                               arguments: [datasetID, row.location, row.reason])
            }
            return .stored(datasetID: datasetID)
        }
    }

    private func store(_ parsed: ParsedSeries, stationID: String, datasetID: Int64, db: Database) throws {
        let s = parsed.series
        let d = parsed.descriptor
        let finite = s.values.filter { !$0.isNaN }
        var record = SeriesRecord(
            id: nil, datasetId: datasetID, stationId: stationID, sourceIdentifier: "\(parsed.station.provider):\(parsed.station.id)", variable: d.variable, standardName: d.standardName, longName: d.longName,
            units: d.units, sourceUnits: d.sourceUnits, samplingSeconds: d.samplingSeconds, datum: d.datum, isDerived: d.isDerived,
            processing: d.processing, valueCount: s.count, validCount: finite.count, timeStart: s.times.first ?? .nan,
            timeEnd: s.times.last ?? .nan, valueMin: finite.min(), valueMax: finite.max())
        try record.insert(db)
        let size = ObservationBlockRecord.blockSize
        for (index, start) in stride(from: 0, to: s.count, by: size).enumerated() {
            let end = min(start + size, s.count)
            let times = Array(s.times[start..<end])
            try ObservationBlockRecord(
                seriesId: record.id!, blockIndex: index, timeStart: times.first!, timeEnd: times.last!, count: end - start,
                times: Data(ObservationCodec.encodeTimes(times)), values: Data(ObservationCodec.encodeValues(Array(s.values[start..<end]))),
                flags: Data(ObservationCodec.encodeFlags(Array(s.flags[start..<end])))).insert(db)
        }
        if let summary = parsed.qualityControl { try QualityControlRecord(seriesId: record.id!, summary: summary).insert(db) }
    }

    /// What QC did to a stored series, or nil if it was not checked.
    public func qualityControl(seriesID: Int64) throws -> QCSummary? {
        try writer.read { db in try QualityControlRecord.fetchOne(db, key: seriesID)?.decoded() }
    }

    /// Replaces the flags of a stored series (after QC was run again) and its QC summary, in one
    /// transaction. `flags` must have one flag per stored value.
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

    public func stations(project: String? = nil, kind: StationKind? = nil) throws -> [Station] {
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

    /// The station's records (every station's when nil); copies of a canonical record are left
    /// out unless `includeAlternates`.
    public func seriesList(stationID: String?, includeAlternates: Bool = false) throws -> [SeriesRecord] {
        try writer.read { db in
            var request = SeriesRecord.order(SeriesRecord.Columns.stationId, SeriesRecord.Columns.variable, SeriesRecord.Columns.id)
            if let stationID { request = request.filter(SeriesRecord.Columns.stationId == stationID) }
            if !includeAlternates { request = request.filter(SeriesRecord.Columns.canonicalId == nil) }
            return try request.fetchAll(db)
        }
    }

    /// Stored series per station id.
    public func seriesCounts() throws -> [String: Int] {
        try writer.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT stationId, COUNT(*) AS n FROM series GROUP BY stationId").map { ($0["stationId"] as String, $0["n"] as Int) })
        }
    }

    public func readSeries(id: Int64, from: Double? = nil, to: Double? = nil) throws -> TimeSeries {
        try writer.read { db in
            guard try SeriesRecord.fetchOne(db, key: id) != nil else { throw StoreError.notFound("no series with id \(id)") }
            var request = ObservationBlockRecord.filter(ObservationBlockRecord.Columns.seriesId == id)
            if let from { request = request.filter(ObservationBlockRecord.Columns.timeEnd >= from) }
            if let to { request = request.filter(ObservationBlockRecord.Columns.timeStart <= to) }
            var times: [Double] = [], values: [Double] = [], flags: [QCFlag] = []
            for block in try request.order(ObservationBlockRecord.Columns.blockIndex).fetchAll(db) {
                let t = try ObservationCodec.decodeTimes([UInt8](block.times))
                let v = try ObservationCodec.decodeValues([UInt8](block.values))
                let f = try ObservationCodec.decodeFlags([UInt8](block.flags))
                guard t.count == block.count, v.count == block.count, f.count == block.count else {
                    throw StoreError.corrupt("series \(id) block \(block.blockIndex) holds \(t.count)/\(v.count)/\(f.count) of \(block.count) values")
                }
                times += t; values += v; flags += f
            }
            return TimeSeries(times: times, values: values, flags: flags).slice(from: from, to: to)
        }
    }

    public func grids() throws -> [GridRecord] {
        try writer.read { db in try GridRecord.order(Column("id")).fetchAll(db) }
    }

    /// Microplastic samples, optionally of one matrix and unit.
    public func plasticSamples(matrix: PlasticMatrix? = nil, unit: PlasticUnit? = nil) throws -> [PlasticSample] {
        try writer.read { db in
            var request = PlasticSampleRecord.order(Column("id"))
            if let matrix { request = request.filter(Column("matrix") == matrix.rawValue) }
            if let unit { request = request.filter(Column("unit") == unit.rawValue) }
            return try request.fetchAll(db).map { $0.sample }
        }
    }

    /// Microplastic samples with the id of the dataset each came from (for citations).
    public func plasticSamplesWithDatasets() throws -> [(datasetID: Int64, sample: PlasticSample)] {
        try writer.read { db in
            try PlasticSampleRecord.order(Column("id")).fetchAll(db).map { ($0.datasetId, $0.sample) }
        }
    }

    /// When microplastic samples last arrived (the newest ingest time of a dataset holding any).
    public func latestPlasticIngest() throws -> Double? {
        try writer.read { db in
            try Double.fetchOne(db, sql: "SELECT MAX(ingestedAt) FROM dataset WHERE id IN (SELECT DISTINCT datasetId FROM plasticSample)")
        }
    }

    /// The datasets holding microplastic samples, with how many samples each gave and the rows
    /// dropped at ingest and why.
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

    /// Distinct earthquakes (an event in several catalogues counts once), in time order.
    public func earthquakes(minimumMagnitude: Double? = nil) throws -> [Earthquake] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT eventId, time, latitude, longitude, depthKm, magnitude, magnitudeType, place, eventType
                FROM earthquake WHERE (? IS NULL OR magnitude >= ?) GROUP BY eventId ORDER BY time
                """, arguments: [minimumMagnitude, minimumMagnitude])
            return rows.map { r in
                Earthquake(id: r["eventId"], time: r["time"], latitude: r["latitude"], longitude: r["longitude"], depthKm: r["depthKm"],
                           magnitude: r["magnitude"], magnitudeType: r["magnitudeType"], place: r["place"], eventType: r["eventType"])
            }
        }
    }

    /// The datasets (catalogues) an earthquake was read from, for citations.
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
                lastIngest: try Double.fetchOne(db, sql: "SELECT MAX(ingestedAt) FROM dataset"))
        }
    }
}
