import Foundation
import GRDB
import BlueWatchIngest

/// A row of `dataset`: one ingested file, identified by the SHA-256 of its content.
public struct DatasetRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "dataset"
    public var id: Int64?
    public var sha256: String
    public var path: String
    public var size: Int
    public var format: String
    public var title: String
    public var provider: String?
    public var version: String?
    public var licence: String?
    public var citation: String?
    public var doi: String?
    /// Reading notes, JSON array of strings.
    public var notes: String
    /// UTC seconds since 1970.
    public var ingestedAt: Double

    public enum Columns {
        public static let sha256 = Column(CodingKeys.sha256)
        public static let ingestedAt = Column(CodingKeys.ingestedAt)
    }

    public var noteList: [String] { fromJSONText(notes) ?? [] }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A dataset of microplastic samples: how many it gave and which rows were dropped at ingest.
public struct PlasticSource: Sendable {
    public let dataset: DatasetRecord
    public let samples: Int
    public let rejected: [RejectedRow]
}
