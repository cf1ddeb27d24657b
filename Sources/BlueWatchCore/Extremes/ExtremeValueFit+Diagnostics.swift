import Foundation

/// How well a fit describes its extremes: the points of the probability and quantile plots
/// (Weibull plotting positions i/(n+1)) and the Kolmogorov–Smirnov distance with its asymptotic
/// p-value (Kolmogorov's series; as `scipy.stats.kstest(..., method="asymp")`). The parameters
/// come from the same data, so the p-value is optimistic (a Lilliefors-type correction would
/// lower it); a small p still says the model does not fit.
public struct ExtremeValueDiagnostics: Sendable, Codable, Equatable {
    /// Empirical and model probability of each extreme, ascending.
    public let empirical: [Double]
    public let model: [Double]
    /// Each extreme (ascending) and the model's quantile at its plotting position.
    public let observed: [Double]
    public let modelQuantile: [Double]
    public let ksStatistic: Double
    public let ksPValue: Double
}

extension ExtremeValueFit {
    /// The diagnostics of the fit. For a non-stationary fit the probability plot and the test
    /// use each maximum's probability under its own block's distribution (Coles §6.2.4); its
    /// quantile plot is left empty (the maxima have no common distribution to take quantiles of).
    public var diagnostics: ExtremeValueDiagnostics {
        let n = Double(extremes.count)
        let probability: [Double] = extremes.indices.map { i in
            switch distribution {
            case .gev:
                ExtremeValueDistribution.gevCDF(extremes[i], mu: gevLocation(parameters, at: years[i]), sigma: scale, xi: shape)
            case .gpd:
                ExtremeValueDistribution.gpdCDF(extremes[i] - location, sigma: scale, xi: shape)
            }
        }
        let model = probability.sorted()
        let empirical = model.indices.map { Double($0 + 1) / (n + 1) }
        var d = 0.0
        for (rank, f) in model.enumerated() { d = max(d, Double(rank + 1) / n - f, f - Double(rank) / n) }
        var observed: [Double] = [], quantile: [Double] = []
        if !isNonStationary {
            observed = extremes.sorted()
            quantile = empirical.map { p in
                distribution == .gev
                    ? ExtremeValueDistribution.gevQuantile(exceedance: 1 - p, mu: location, sigma: scale, xi: shape)
                    : location + ExtremeValueDistribution.gpdQuantile(exceedance: 1 - p, sigma: scale, xi: shape)
            }
        }
        return ExtremeValueDiagnostics(empirical: empirical, model: model, observed: observed, modelQuantile: quantile,
                                       ksStatistic: d, ksPValue: Self.kolmogorovSurvival(d * n.squareRoot()))
    }

    /// P(K > x) for Kolmogorov's distribution: 2 Σ (−1)^(k−1) e^(−2k²x²).
    static func kolmogorovSurvival(_ x: Double) -> Double {
        guard x > 0.2 else { return 1 }
        var sum = 0.0
        for k in 1...100 {
            let term = exp(-2 * Double(k * k) * x * x)
            sum += (k % 2 == 1 ? 1 : -1) * term
            if term < 1e-16 { break }
        }
        return min(1, max(0, 2 * sum))
    }
}
