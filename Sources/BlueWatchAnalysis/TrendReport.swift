import BlueWatchCore

/// A station trend with the record it was computed from and how that record was chosen,
/// joined and corrected: what a report cites.
public struct TrendReport: Sendable, Codable, Equatable {
    public struct Source: Sendable, Codable, Equatable {
        public var title: String
        public var path: String
        public var sha256: String
        public var provider: String?
        public var version: String?
        public var doi: String?
    }

    public var station: String
    public var stationName: String
    /// The record's provider id ("psmsl:1327"), or several joined with "+".
    public var series: String
    public var variable: String
    public var sampling: String
    public var sources: [Source]
    /// Registered datum steps fitted as step terms, with their reasons.
    public var steps: [String]
    /// Ties used to join records, with their reasons.
    public var joins: [String]
    public var trend: StationTrend?
    /// Why no trend could be computed.
    public var failure: String?
}
