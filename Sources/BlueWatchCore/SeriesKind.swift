/// What a stored series measures: the closed set of quantities BlueWatch analyses, and
/// `other` for any variable it only stores and exports (a file's own name for it).
///
/// The store keeps the ``variable`` name (`SeriesDescriptor.variable`); code that decides by
/// quantity (which rule applies, which QC kind, whether a value is a length) asks for the
/// kind instead of comparing names.
public enum SeriesKind: Hashable, Sendable {
    /// Sea level at a tide gauge, any sampling (`sea_level`).
    case seaLevel
    /// Sea level minus a tide prediction or a high-pass filter, as a provider computed it
    /// (`sea_level_residual`).
    case seaLevelResidual
    /// A DART bottom-pressure recorder's water-column height (`water_column_height`).
    case waterColumnHeight
    /// The highest sea level of each month (`sea_level_monthly_max`).
    case seaLevelMonthlyMaximum
    /// River stage above the gauge zero (`river_stage`).
    case riverStage
    /// The highest or lowest stage of each day (`river_stage_daily_max`, `river_stage_daily_min`).
    case riverStageDailyMaximum, riverStageDailyMinimum
    /// Any other variable, by its name in the source file.
    case other(String)

    /// Every kind BlueWatch names itself (all but `other`).
    public static let named: [SeriesKind] = [.seaLevel, .seaLevelResidual, .waterColumnHeight, .seaLevelMonthlyMaximum,
                                             .riverStage, .riverStageDailyMaximum, .riverStageDailyMinimum]

    /// The kind of a stored variable name.
    public init(variable: String) {
        self = Self.named.first { $0.variable == variable } ?? .other(variable)
    }

    /// The variable name stored and exported for this kind.
    public var variable: String {
        switch self {
        case .seaLevel: "sea_level"
        case .seaLevelResidual: "sea_level_residual"
        case .waterColumnHeight: "water_column_height"
        case .seaLevelMonthlyMaximum: "sea_level_monthly_max"
        case .riverStage: "river_stage"
        case .riverStageDailyMaximum: "river_stage_daily_max"
        case .riverStageDailyMinimum: "river_stage_daily_min"
        case .other(let name): name
        }
    }

    /// True for the quantities that are lengths whatever a file's units say (stored in metres).
    public var isLength: Bool {
        if case .other = self { return false }
        return true
    }

    /// True for river stage of any sampling.
    public var isRiverStage: Bool { self == .riverStage || self == .riverStageDailyMaximum || self == .riverStageDailyMinimum }

    /// The CF standard name of the kind, when CF has one.
    public var standardName: String? {
        switch self {
        case .seaLevel: "water_surface_height_above_reference_datum"
        case .waterColumnHeight: "sea_floor_depth_below_sea_surface"
        default: nil
        }
    }
}

extension SeriesDescriptor {
    /// The quantity of the series (from ``variable``).
    public var kind: SeriesKind { SeriesKind(variable: variable) }

    /// True when a tsunami can show in the series: a DART water-column height, or sea level
    /// (or a provider's residual of it) sampled every 6 minutes or faster.
    public var canShowTsunami: Bool {
        switch kind {
        case .waterColumnHeight: true
        case .seaLevel, .seaLevelResidual: (samplingSeconds ?? .infinity) <= 360
        default: false
        }
    }
}
