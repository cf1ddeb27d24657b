import BlueWatchCore
import Foundation
import GRDB

/// A row of `seriesQualityControl`: the QC summary of one stored series.
struct QualityControlRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "seriesQualityControl"
    var seriesId: Int64
    var kind: String
    var summary: String
    var checkedAt: Double

    init(seriesId: Int64, summary: QCSummary) throws {
        self.seriesId = seriesId
        kind = summary.kind ?? "custom"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        self.summary = String(decoding: try encoder.encode(summary), as: UTF8.self)
        checkedAt = Date().timeIntervalSince1970
    }

    func decoded() throws -> QCSummary {
        try JSONDecoder().decode(QCSummary.self, from: Data(summary.utf8))
    }
}
