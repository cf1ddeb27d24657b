/// Why an extreme-value analysis cannot be made, in words a user can act on.
public enum ExtremeValueError: Error, Equatable, CustomStringConvertible {
    /// Fewer maxima or exceedances than a fit needs.
    case tooFewExtremes(found: Int, needed: Int, what: String)
    /// A threshold that no value exceeds (or that every value does).
    case thresholdOutsideData(threshold: Double, minimum: Double, maximum: Double)
    /// The likelihood could not be maximised.
    case notConverged(String)
    /// A return period outside what the fit can give.
    case invalidReturnPeriod(Double)

    public var description: String {
        switch self {
        case let .tooFewExtremes(found, needed, what):
            "only \(found) \(what); a fit needs at least \(needed)"
        case let .thresholdOutsideData(threshold, minimum, maximum):
            "threshold \(threshold) is outside the data (\(minimum) … \(maximum)): no excesses to fit"
        case let .notConverged(what):
            "the maximum-likelihood fit did not converge (\(what)); no estimate is given"
        case let .invalidReturnPeriod(t):
            "return period \(t) years: it must exceed one year (and the exceedance interval for peaks over a threshold)"
        }
    }
}
