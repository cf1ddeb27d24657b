import BlueWatchCore
import Foundation
import GRDB

extension SQLiteStore {
    /// Marks which of a station's records are copies of each other (``DuplicateRecords``): same
    /// variable, derived mark and sampling, the same values on common time stamps. In each group
    /// the canonical record (research quality > unspecified > fast delivery > derived, then most
    /// values, then first stored) keeps `canonicalId = NULL`; the others point to it. Runs in
    /// the ingest transaction, so a new copy never leaves the store half-reconciled.
    func reconcileDuplicates(stationID: String, db: Database) throws {
        let records = try SeriesRecord.filter(SeriesRecord.Columns.stationId == stationID).order(SeriesRecord.Columns.id).fetchAll(db)
        let versions = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
            SELECT id, version FROM dataset WHERE id IN (SELECT datasetId FROM series WHERE stationId = ?)
            """, arguments: [stationID]).map { ($0["id"] as Int64, $0["version"] as String?) })
        var canonical: [Int64: Int64?] = Dictionary(uniqueKeysWithValues: records.map { ($0.id!, nil) })
        let groups = Dictionary(grouping: records) { r in
            "\(r.variable)|\(r.isDerived)|\(Sampling.label(seconds: r.samplingSeconds))"
        }
        for (_, members) in groups where members.count > 1 {
            let series = try members.map { try Self.decode(seriesID: $0.id!, db: db) }
            for group in DuplicateRecords.groups(series) {
                let candidates = group.map { i in
                    DuplicateRecords.Candidate(id: members[i].id!, version: .init(version: versions[members[i].datasetId] ?? nil, isDerived: members[i].isDerived),
                                               validCount: members[i].validCount)
                }
                guard let best = DuplicateRecords.canonical(candidates) else { continue }
                for c in candidates where c.id != best.id { canonical[c.id] = best.id }
            }
        }
        for r in records where r.canonicalId != canonical[r.id!] ?? nil {
            try db.execute(sql: "UPDATE series SET canonicalId = ? WHERE id = ?", arguments: [canonical[r.id!] ?? nil, r.id!])
        }
    }

    /// Every value of a stored series, inside a transaction.
    static func decode(seriesID: Int64, db: Database) throws -> TimeSeries {
        var times: [Double] = [], values: [Double] = []
        for block in try ObservationBlockRecord.filter(ObservationBlockRecord.Columns.seriesId == seriesID)
            .order(ObservationBlockRecord.Columns.blockIndex).fetchAll(db) {
            times += try ObservationCodec.decodeTimes([UInt8](block.times))
            values += try ObservationCodec.decodeValues([UInt8](block.values))
        }
        guard times.count == values.count else { throw StoreError.corrupt("series \(seriesID) holds \(times.count) times and \(values.count) values") }
        return TimeSeries(times: times, values: values)
    }
}
