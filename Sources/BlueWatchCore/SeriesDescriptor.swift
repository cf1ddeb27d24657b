/// What a stored series measures and how: everything about it except the values.
public struct SeriesDescriptor: Sendable, Equatable, Codable {
    /// BlueWatch's name for the quantity: "sea_level", "sea_level_residual",
    /// "water_column_height", or the source variable name for anything else.
    public var variable: String
    /// CF standard name, when known.
    public var standardName: String?
    public var longName: String?
    /// Units of the stored values ("m" for every length).
    public var units: String
    /// Units the source file used ("millimeters", "m", …).
    public var sourceUnits: String
    /// Nominal sampling interval in seconds (median spacing), e.g. 3600 for hourly.
    public var samplingSeconds: Double?
    /// Vertical reference of the heights, as the source states it.
    public var datum: String?
    /// True when the values were computed by someone (de-tided, filtered) rather than measured.
    public var isDerived: Bool
    /// Free-text processing note (e.g. how duplicate DART stamps were resolved).
    public var processing: String?

    public init(variable: String, standardName: String? = nil, longName: String? = nil, units: String, sourceUnits: String,
                samplingSeconds: Double? = nil, datum: String? = nil, isDerived: Bool = false, processing: String? = nil) {
        self.variable = variable
        self.standardName = standardName
        self.longName = longName
        self.units = units
        self.sourceUnits = sourceUnits
        self.samplingSeconds = samplingSeconds
        self.datum = datum
        self.isDerived = isDerived
        self.processing = processing
    }

    /// A short label for the sampling: "1 min", "15 min", "hourly", "daily", "monthly", "annual".
    public var samplingLabel: String { Sampling.label(seconds: samplingSeconds) }
}

/// Sampling intervals of a time axis.
public enum Sampling {
    /// The median spacing of strictly increasing times, or nil for fewer than two.
    public static func medianInterval(_ times: [Double]) -> Double? {
        guard times.count >= 2 else { return nil }
        var gaps = [Double](repeating: 0, count: times.count - 1)
        for i in 1..<times.count { gaps[i - 1] = times[i] - times[i - 1] }
        gaps.sort()
        return gaps[gaps.count / 2]
    }

    /// A readable label for an interval in seconds.
    public static func label(seconds: Double?) -> String {
        guard let s = seconds else { return "single value" }
        guard s.isFinite, abs(s) < 1e15 else { return "irregular" }
        switch s {
        case ..<59: return "\(Int(s.rounded())) s"
        case ..<3500: return "\(Int((s / 60).rounded())) min"
        case ..<3700: return "hourly"
        case ..<86_000: return "\(Int((s / 3600).rounded())) h"
        case ..<87_000: return "daily"
        case 2_300_000..<2_800_000: return "monthly"
        case 30_000_000..<32_000_000: return "annual"
        default: return "\(Int((s / 86_400).rounded())) days"
        }
    }
}
