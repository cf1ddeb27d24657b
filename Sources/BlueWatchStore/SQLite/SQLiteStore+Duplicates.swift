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
        let changes = try SeriesRecord.canonicalChanges(of: records, versions: versions) { id in
            try TimeSeries(blocks: ObservationBlockRecord.filter(ObservationBlockRecord.Columns.seriesId == id)
                .order(ObservationBlockRecord.Columns.blockIndex).fetchAll(db), seriesID: id, from: nil, to: nil)
        }
        for change in changes {
            try db.execute(sql: "UPDATE series SET canonicalId = ? WHERE id = ?", arguments: [change.canonicalId, change.id])
        }
    }
}
