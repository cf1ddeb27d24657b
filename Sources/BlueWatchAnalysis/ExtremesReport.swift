import BlueWatchCore

/// An extreme-value analysis of one record, with what it was computed from: what the CLI
/// prints, the service returns and a report cites.
public struct ExtremesReport: Sendable, Codable {
    /// One return level with its 95 % intervals.
    public struct ReturnLevel: Sendable, Codable {
        /// Years.
        public let period: Double
        /// Metres (in the series' datum).
        public let level: Double
        public let profile: ReturnLevelInterval
        public let bootstrap: ReturnLevelInterval?
    }

    /// A cluster peak over the threshold.
    public struct Peak: Sendable, Codable {
        public let time: String
        public let value: Double
    }

    public var station: String
    public var stationName: String
    public var series: String
    public var variable: String
    /// "total water level" or "non-tidal residual".
    public var quantity: String
    public var sources: [TrendReport.Source]
    /// The datum heights are given above: the record's own, or a tidal datum and its origin.
    public var datum = "the record's datum"
    public var start: String?
    public var end: String?
    public var recordYears: Double = 0
    /// Block maxima used (GEV): annual, or monthly (with their month).
    public var blocks: [BlockMaxima.Block] = []
    /// Years (of monthly blocks: the year of each month) left out for too little data.
    public var skippedYears: [Int] = []
    /// Threshold (m), exceedances before declustering and the cluster peaks (GPD).
    public var threshold: Double?
    public var exceedances: Int?
    public var peaks: [Peak] = []
    /// The year whose return levels a moving-location fit gives.
    public var year: Double?
    public var fit: ExtremeValueFit?
    public var returnLevels: [ReturnLevel] = []
    /// Probability and quantile plots and the Kolmogorov–Smirnov test of the fit.
    public var diagnostics: ExtremeValueDiagnostics?
    public var bootstrapSamples: Int?
    public var bootstrapFailed: Int?
    public var warnings: [String] = []
    public var failure: String?

    public init(station: String, stationName: String, series: String, variable: String, quantity: String, sources: [TrendReport.Source]) {
        self.station = station; self.stationName = stationName; self.series = series
        self.variable = variable; self.quantity = quantity; self.sources = sources
    }
}
