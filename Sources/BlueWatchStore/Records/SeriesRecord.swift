import BlueWatchCore
import Foundation
import GRDB

/// A row of `series`: what one stored series is, where it came from, and its extent. The
/// values live in `observationBlock` rows.
public struct SeriesRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "series"
    public var id: Int64?
    public var datasetId: Int64
    public var stationId: String
    /// The id the source file gave the station, "provider:id" ("psmsl:1327").
    public var sourceIdentifier: String
    public var variable: String
    /// The quantity (from ``variable``).
    public var kind: SeriesKind { SeriesKind(variable: variable) }
    public var standardName: String?
    public var longName: String?
    public var units: String
    public var sourceUnits: String
    public var samplingSeconds: Double?
    public var datum: String?
    public var isDerived: Bool
    public var processing: String?
    public var valueCount: Int
    public var validCount: Int
    public var timeStart: Double
    public var timeEnd: Double
    public var valueMin: Double?
    public var valueMax: Double?
    /// For a copy of another record's observations (v7): the canonical record every command
    /// uses; nil for a canonical or unique record (``DuplicateRecords``).
    public var canonicalId: Int64? = nil

    /// True when another stored record holds the same observations and is preferred.
    public var isAlternate: Bool { canonicalId != nil }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let stationId = Column(CodingKeys.stationId)
        public static let variable = Column(CodingKeys.variable)
        public static let datasetId = Column(CodingKeys.datasetId)
        public static let canonicalId = Column(CodingKeys.canonicalId)
    }

    public var descriptor: SeriesDescriptor {
        SeriesDescriptor(variable: variable, standardName: standardName, longName: longName, units: units, sourceUnits: sourceUnits,
                         samplingSeconds: samplingSeconds, datum: datum, isDerived: isDerived, processing: processing)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `observationBlock`: up to ``blockSize`` consecutive observations of a series,
/// encoded by ``ObservationCodec``.
struct ObservationBlockRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "observationBlock"
    static let blockSize = 65_536
    var seriesId: Int64
    var blockIndex: Int
    var timeStart: Double
    var timeEnd: Double
    var count: Int
    var times: Data
    var values: Data
    var flags: Data

    enum Columns {
        static let seriesId = Column(CodingKeys.seriesId)
        static let blockIndex = Column(CodingKeys.blockIndex)
        static let timeStart = Column(CodingKeys.timeStart)
        static let timeEnd = Column(CodingKeys.timeEnd)
    }
}
