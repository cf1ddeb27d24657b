import Foundation

/// The regression model of a sea-level trend: intercept and linear term, optionally annual
/// and semi-annual harmonics, a quadratic term (acceleration), a hinge (split trend) and steps
/// (known datum shifts). Time is in years of 365.2425 days from 2000-01-01T00:00:00Z.
public struct TrendModel: Sendable, Equatable, Codable {
    public var seasonal: Bool
    public var quadratic: Bool
    /// Split time (UTC seconds): the slope may change there, the line stays continuous.
    public var hinge: Double?
    /// Datum steps (UTC seconds): a level shift at each.
    public var steps: [Double]

    public init(seasonal: Bool, quadratic: Bool = false, hinge: Double? = nil, steps: [Double] = []) {
        self.seasonal = seasonal
        self.quadratic = quadratic
        self.hinge = hinge
        self.steps = steps
    }

    public static let epoch = 946_684_800.0
    public static let secondsPerYear = 365.2425 * 86_400

    /// Years since 2000-01-01 for a UTC time.
    @inline(__always) public static func years(_ t: Double) -> Double { (t - epoch) / secondsPerYear }

    /// Column names, in order.
    public var columns: [String] {
        var c = ["intercept", "trend"]
        if quadratic { c.append("quadratic") }
        if hinge != nil { c.append("slope_change") }
        if seasonal { c += ["annual_cos", "annual_sin", "semiannual_cos", "semiannual_sin"] }
        c += steps.indices.map { "step_\($0 + 1)" }
        return c
    }

    public var parameterCount: Int { columns.count }

    /// Writes the design row for time `t` (UTC seconds). `centre` (years) is subtracted from
    /// the time of the linear and quadratic terms to keep the normal equations well scaled.
    @inline(__always) public func row(_ t: Double, centre: Double, into x: inout [Double]) {
        let y = TrendModel.years(t)
        let c = y - centre
        var k = 0
        x[k] = 1; k += 1
        x[k] = c; k += 1
        if quadratic { x[k] = c * c; k += 1 }
        if let hinge { x[k] = max(0, y - TrendModel.years(hinge)); k += 1 }
        if seasonal {
            let w = 2 * Double.pi * y
            x[k] = cos(w); x[k + 1] = sin(w); x[k + 2] = cos(2 * w); x[k + 3] = sin(2 * w)
            k += 4
        }
        for s in steps { x[k] = t >= s ? 1 : 0; k += 1 }
    }
}

/// An ordinary least-squares fit of a ``TrendModel`` with its standard errors corrected for
/// AR(1) serial correlation of the residuals by the effective sample size of Santer et al.
/// (2000, J. Geophys. Res. 105(D6), 7337–7356): r₁ = lag-1 autocorrelation of the residuals
/// (in sequence order, missing values skipped), n_eff = n(1 − r₁)/(1 + r₁) (n_eff = n when
/// r₁ ≤ 0), each standard error multiplied by √((n − p)/(n_eff − p)), and intervals and
/// p-values from Student's t with n_eff − p degrees of freedom.
public struct TrendFit: Sendable, Equatable, Codable {
    public var model: TrendModel
    /// Coefficients in the series' units per year (and per year² for the quadratic term).
    public var coefficients: [Double]
    /// OLS standard errors (no correction).
    public var olsStandardErrors: [Double]
    /// Standard errors corrected for AR(1) serial correlation.
    public var standardErrors: [Double]
    public var lag1Autocorrelation: Double
    public var count: Int
    public var effectiveCount: Double
    public var degreesOfFreedom: Double
    /// Covariance of trend and slope change, corrected (for the split model's second slope).
    public var trendSlopeChangeCovariance: Double?

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooFewValues(Int)
        case degenerate(String)

        public var description: String {
            switch self {
            case .tooFewValues(let n): "only \(n) usable values"
            case .degenerate(let s): s
            }
        }
    }

    /// Fits `model` to the non-NaN values of `values` at `times` (UTC seconds).
    public init(times: [Double], values: [Double], model: TrendModel) throws(Failure) {
        let valid = values.indices.filter { !values[$0].isNaN }
        let p = model.parameterCount
        guard valid.count > p + 2 else { throw .tooFewValues(valid.count) }
        let centre = valid.reduce(0.0) { $0 + TrendModel.years(times[$1]) } / Double(valid.count)
        var residuals = [Double](repeating: 0, count: valid.count)
        let fit: LeastSquares
        do {
            fit = try residuals.withUnsafeMutableBufferPointer { buffer throws(LeastSquares.Failure) in
                try LeastSquares(count: valid.count, parameters: p, y: { values[valid[$0]] },
                                 row: { model.row(times[valid[$0]], centre: centre, into: &$1) }, residuals: buffer)
            }
        } catch { throw .degenerate(error.description) }
        let n = Double(valid.count)
        let mean = residuals.reduce(0, +) / n
        var num = 0.0, den = 0.0
        for i in residuals.indices {
            let d = residuals[i] - mean
            den += d * d
            if i + 1 < residuals.count { num += d * (residuals[i + 1] - mean) }
        }
        let r1 = den > 0 ? num / den : 0
        let nEff = r1 > 0 ? n * (1 - r1) / (1 + r1) : n
        let dof = max(nEff - Double(p), 1)
        let inflation = ((n - Double(p)) / dof).squareRoot()
        self.model = model
        coefficients = fit.coefficients
        olsStandardErrors = (0..<p).map { fit.standardError($0) }
        standardErrors = olsStandardErrors.map { $0 * inflation }
        lag1Autocorrelation = r1
        count = valid.count
        effectiveCount = nEff
        degreesOfFreedom = dof
        if let k = model.columns.firstIndex(of: "slope_change") {
            trendSlopeChangeCovariance = fit.covariance(1, k) * inflation * inflation
        }
    }

    /// The coefficient named `name` with its corrected standard error.
    public func coefficient(_ name: String) -> (value: Double, standardError: Double)? {
        guard let k = model.columns.firstIndex(of: name) else { return nil }
        return (coefficients[k], standardErrors[k])
    }

    /// Half-width of the interval at `confidence` for a standard error.
    public func halfWidth(_ standardError: Double, confidence: Double = 0.95) -> Double {
        Distributions.studentTQuantile(0.5 + confidence / 2, df: degreesOfFreedom) * standardError
    }

    /// Two-sided p-value of a coefficient against zero.
    public func pValue(_ value: Double, _ standardError: Double) -> Double {
        Distributions.studentTTwoSidedP(value / standardError, df: degreesOfFreedom)
    }
}
