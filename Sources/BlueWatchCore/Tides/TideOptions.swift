/// How ``TideFit/analyse(_:latitude:options:)`` fits the tide.
public struct TideOptions: Sendable, Equatable {
    /// Which constituents to fit.
    public enum Constituents: Sendable, Equatable {
        /// Those the record resolves by the Rayleigh criterion with this factor (1 = conventional).
        case automatic(rayleigh: Double)
        /// These, by name ("M2", "K1", …), whether the record resolves them or not.
        case named([String])
    }

    public var constituents: Constituents = .automatic(rayleigh: 1)
    /// Iteratively reweighted least squares with Cauchy weights (UTide's robust option)
    /// instead of ordinary least squares.
    public var robust = false
    /// Cauchy tuning constant (UTide and MATLAB `robustfit` default 2.385).
    public var tuning = 2.385
    /// Fit a linear trend with the mean (UTide's default).
    public var includesTrend = true
    /// Confidence intervals from a white residual spectrum instead of the residual spectrum
    /// averaged in the band of each constituent (UTide's default, coloured).
    public var whiteNoise = false
    /// Admit values flagged suspect (3); values flagged fail (4) or missing (9) never are.
    public var admitSuspect = false

    public init() {}
}
