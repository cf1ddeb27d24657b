import Foundation

/// The two limiting families of extreme-value theory (Coles 2001, ch. 3–4), with the shape ξ
/// signed as Coles and pyextremes print it: ξ > 0 a heavy upper tail (Fréchet, Pareto), ξ < 0 a
/// bounded one (Weibull), ξ = 0 the exponential-tailed limit (Gumbel, exponential). SciPy's
/// `genextreme` takes c = −ξ; its `genpareto` takes c = ξ.
public enum ExtremeValueDistribution: String, Sendable, Codable, CaseIterable {
    /// Generalised extreme value, for block maxima: G(z) = exp(−[1 + ξ(z − μ)/σ]^(−1/ξ)).
    case gev
    /// Generalised Pareto, for excesses over a threshold u: H(y) = 1 − [1 + ξy/σ]^(−1/ξ), y > 0.
    case gpd

    /// log(1 + ξx)/ξ, and x at ξ = 0 (its limit), accurate for small ξ; nil off the support.
    @inline(__always)
    static func tail(_ x: Double, _ xi: Double) -> Double? {
        let a = xi * x
        guard a > -1 else { return nil }
        return abs(xi) < 1e-12 ? x : log1p(a) / xi
    }

    /// (e^(ξs) − 1)/ξ, and s at ξ = 0.
    @inline(__always)
    static func expm1Over(_ s: Double, _ xi: Double) -> Double {
        abs(xi) < 1e-12 ? s : expm1(xi * s) / xi
    }

    /// GEV negative log-likelihood of maxima `z` with per-value locations `mu(i)`; +∞ off the
    /// support or for σ ≤ 0.
    static func gevNegativeLogLikelihood(_ z: [Double], mu: (Int) -> Double, sigma: Double, xi: Double) -> Double {
        guard sigma > 0, sigma.isFinite, xi.isFinite else { return .infinity }
        var sum = Double(z.count) * log(sigma)
        for i in z.indices {
            guard let l = tail((z[i] - mu(i)) / sigma, xi) else { return .infinity }
            sum += (1 + xi) * l + exp(-l)
        }
        return sum.isNaN ? .infinity : sum
    }

    /// GPD negative log-likelihood of excesses `y` (> 0); +∞ off the support or for σ ≤ 0.
    static func gpdNegativeLogLikelihood(_ y: [Double], sigma: Double, xi: Double) -> Double {
        guard sigma > 0, sigma.isFinite, xi.isFinite else { return .infinity }
        var sum = Double(y.count) * log(sigma)
        for v in y {
            guard let l = tail(v / sigma, xi) else { return .infinity }
            sum += (1 + xi) * l
        }
        return sum.isNaN ? .infinity : sum
    }

    /// GEV distribution function at z.
    public static func gevCDF(_ z: Double, mu: Double, sigma: Double, xi: Double) -> Double {
        guard let l = tail((z - mu) / sigma, xi) else { return xi > 0 ? 0 : 1 }
        return exp(-exp(-l))
    }

    /// The GEV quantile exceeded with probability `p` per block: μ + σ((−log(1−p))^(−ξ) − 1)/ξ.
    public static func gevQuantile(exceedance p: Double, mu: Double, sigma: Double, xi: Double) -> Double {
        mu + sigma * expm1Over(-log(-log1p(-p)), xi)
    }

    /// GPD distribution function of an excess y.
    public static func gpdCDF(_ y: Double, sigma: Double, xi: Double) -> Double {
        guard y > 0 else { return 0 }
        guard let l = tail(y / sigma, xi) else { return 1 }
        return -expm1(-l)
    }

    /// The GPD excess exceeded with probability `p`: σ(p^(−ξ) − 1)/ξ.
    public static func gpdQuantile(exceedance p: Double, sigma: Double, xi: Double) -> Double {
        sigma * expm1Over(-log(p), xi)
    }
}
