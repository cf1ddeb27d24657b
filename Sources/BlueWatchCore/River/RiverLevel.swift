/// The kinds of published stage thresholds a river gauge may carry, lowest meaning first.
/// NWS flood categories (action, minor flood, moderate, major) and the Mekong River
/// Commission's alarm and flood levels use different words for related ideas; each keeps its
/// own name here, and a station's levels are ordered by their stage, not by this order.
public enum RiverLevelKind: String, Sendable, Codable, CaseIterable {
    /// NWS action stage: mitigation action is needed in preparation for possible flooding.
    case action
    /// MRC alarm level: a flood is expected within days.
    case alarm
    /// NWS minor flood stage / MRC flood level: the river overtops its banks.
    case flood
    /// NWS moderate flood stage.
    case moderate
    /// NWS major flood stage.
    case major
    /// A national agency's critical level (e.g. Chiang Khan).
    case critical

    /// English words for reports and CAP messages.
    public var label: String {
        switch self {
        case .action: "action stage"
        case .alarm: "alarm level"
        case .flood: "flood stage"
        case .moderate: "moderate flood stage"
        case .major: "major flood stage"
        case .critical: "critical level"
        }
    }

    /// Chinese words for reports.
    public var labelZh: String {
        switch self {
        case .action: "行动水位"
        case .alarm: "警戒水位"
        case .flood: "洪水水位"
        case .moderate: "中度洪水水位"
        case .major: "重度洪水水位"
        case .critical: "危急水位"
        }
    }
}

/// One published threshold of a river gauge: its kind, its stage in metres above the gauge
/// zero, and who published it.
public struct RiverLevel: Sendable, Equatable, Codable {
    public var kind: RiverLevelKind
    /// Metres above the gauge's zero (the stored series' datum).
    public var stage: Double
    /// Where the level was published ("NWS, water.noaa.gov/gauges/HLSN7", "MRC via …").
    public var source: String

    public init(kind: RiverLevelKind, stage: Double, source: String) {
        self.kind = kind
        self.stage = stage
        self.source = source
    }
}

extension [RiverLevel] {
    /// The highest level at or below `stage`, or nil below the lowest (levels in any order).
    public func reached(by stage: Double) -> RiverLevel? {
        guard stage.isFinite else { return nil }
        return filter { $0.stage <= stage }.max { $0.stage < $1.stage }
    }

    /// The levels from lowest to highest stage.
    public var ascending: [RiverLevel] { sorted { $0.stage < $1.stage } }
}
