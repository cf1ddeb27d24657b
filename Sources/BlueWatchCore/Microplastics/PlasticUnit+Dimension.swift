/// What a concentration is counted against. Values of different dimensions are never averaged
/// together; the only bridge is volumetric ↔ areal, through the depth of water a net sampled.
extension PlasticUnit {
    public enum Dimension: String, Sendable, Codable, CaseIterable {
        /// Pieces per volume of water (pieces/m³, pieces/L).
        case volumetric
        /// Pieces per area of sea surface (pieces/km²).
        case areal
        /// Pieces per mass of dry sediment or sand (pieces/kg dw).
        case perMass = "per_mass"
        /// Pieces per sample of a stated size (beach quadrat counts).
        case perSample = "per_sample"
    }

    public var dimension: Dimension {
        switch self {
        case .piecesPerCubicMetre, .piecesPerLitre: .volumetric
        case .piecesPerSquareKilometre: .areal
        case .piecesPerKilogramDryWeight: .perMass
        case .piecesPerSample: .perSample
        }
    }

    /// The unit values of a dimension are expressed in when the user names none.
    public static func standard(for dimension: Dimension) -> PlasticUnit {
        switch dimension {
        case .volumetric: .piecesPerCubicMetre
        case .areal: .piecesPerSquareKilometre
        case .perMass: .piecesPerKilogramDryWeight
        case .perSample: .piecesPerSample
        }
    }

    /// Converts `value` from `self` to `target`, using `towDepthMetres` (the depth of water a
    /// surface net integrates over) for areal ↔ volumetric; nil when no conversion exists.
    /// pieces/m³ = pieces/km² ÷ (10⁶ m²/km² × depth m).
    public func convert(_ value: Double, to target: PlasticUnit, towDepthMetres: Double? = nil) -> Double? {
        if let f = factor(to: target) { return value * f }
        guard let depth = towDepthMetres, depth > 0 else { return nil }
        switch (dimension, target.dimension) {
        case (.areal, .volumetric):
            guard let toTarget = PlasticUnit.piecesPerCubicMetre.factor(to: target) else { return nil }
            return value / (1e6 * depth) * toTarget
        case (.volumetric, .areal):
            guard let toCubic = factor(to: .piecesPerCubicMetre) else { return nil }
            return value * toCubic * 1e6 * depth
        default:
            return nil
        }
    }
}
