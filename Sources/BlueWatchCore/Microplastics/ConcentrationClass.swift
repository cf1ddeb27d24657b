/// NOAA NCEI's concentration classes for microplastics in water (pieces/m³), as the Marine
/// Microplastics database labels each record ("Density Class", Nyadjro et al. 2023):
/// Very Low [0, 0.0005), Low [0.0005, 0.005), Medium [0.005, 1), High [1, 10), Very High ≥ 10.
public enum ConcentrationClass: String, Sendable, Codable, CaseIterable {
    case veryLow = "Very Low"
    case low = "Low"
    case medium = "Medium"
    case high = "High"
    case veryHigh = "Very High"

    /// Lower bounds of each class, pieces/m³.
    public static let lowerBounds: [Double] = [0, 0.0005, 0.005, 1, 10]

    /// The class of a concentration, converted to pieces/m³ first; nil for units that do not
    /// convert (NCEI's classes are defined for water only) or negative values.
    public init?(_ value: Double, unit: PlasticUnit) {
        guard let v = unit.convert(value, to: .piecesPerCubicMetre), v >= 0 else { return nil }
        let k = ConcentrationClass.lowerBounds.lastIndex { v >= $0 }!
        self = ConcentrationClass.allCases[k]
    }
}
