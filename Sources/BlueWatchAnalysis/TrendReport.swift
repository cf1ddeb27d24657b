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

        public init(title: String, path: String, sha256: String, provider: String?, version: String?, doi: String?) {
            self.title = title; self.path = path; self.sha256 = sha256; self.provider = provider; self.version = version; self.doi = doi
        }
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
    /// The values the trend was fitted to (decimal years, mm anomalies; missing months left
    /// out) and the share of months with a value, when the runner was asked to keep them.
    public var chart: Chart?

    public struct Chart: Sendable, Codable, Equatable {
        public var years: [Double]
        public var millimetres: [Double]
        /// Months (or values) with a value / months in the span, %.
        public var availability: Double
    }
}
