import Foundation

/// A maximum-likelihood fit of a GEV to block maxima — stationary, or with a location that
/// moves linearly in time (Coles 2001, §6.2) — or of a GPD to declustered peaks over a
/// threshold (Coles §4.3), with its return levels. Intervals come from the profile likelihood
/// (`+Profile`) and the bootstrap (`+Bootstrap`).
public struct ExtremeValueFit: Sendable, Codable {
    public let distribution: ExtremeValueDistribution
    /// GEV: the location μ (at `referenceYear` when the location moves). GPD: the threshold u.
    public let location: Double
    /// GEV with a moving location: μ's change per year.
    public let locationTrend: Double?
    /// The year (decimal) where `location` applies when the location moves.
    public let referenceYear: Double?
    /// σ.
    public let scale: Double
    /// ξ (> 0 a heavy upper tail), as Coles and pyextremes sign it.
    public let shape: Double
    /// The minimised negative log-likelihood.
    public let negativeLogLikelihood: Double
    /// GPD: declustered exceedances per year (λ).
    public let exceedancesPerYear: Double?
    /// The maxima (GEV) or the cluster peaks (GPD) the fit used.
    public let extremes: [Double]
    /// Decimal year of each extreme (the covariate of a moving location).
    public let years: [Double]

    /// Parameters the likelihood is maximised over: GEV [μ, log σ, ξ] or [μ₀, μ₁, log σ, ξ];
    /// GPD [log σ, ξ].
    var parameters: [Double] {
        switch distribution {
        case .gev: locationTrend.map { [location, $0, log(scale), shape] } ?? [location, log(scale), shape]
        case .gpd: [log(scale), shape]
        }
    }

    /// The return level of `period` years: exceeded once in `period` years on average
    /// (GEV on annual maxima: G(z) = 1 − 1/T; GPD: λT exceedances of u expected per period).
    /// `year` picks the location of a moving-location fit (default: the reference year).
    public func returnLevel(period: Double, year: Double? = nil) throws(ExtremeValueError) -> Double {
        try Self.returnLevel(parameters, of: self, period: period, year: year)
    }

    /// The return period, in years, of a level `z` (∞ above the upper end point of a bounded tail).
    public func returnPeriod(of z: Double, year: Double? = nil) -> Double {
        switch distribution {
        case .gev:
            let mu = location + (locationTrend ?? 0) * ((year ?? referenceYear ?? 0) - (referenceYear ?? 0))
            return 1 / (1 - ExtremeValueDistribution.gevCDF(z, mu: mu, sigma: scale, xi: shape))
        case .gpd:
            return 1 / ((exceedancesPerYear ?? 1) * (1 - ExtremeValueDistribution.gpdCDF(z - location, sigma: scale, xi: shape)))
        }
    }

    static func returnLevel(_ theta: [Double], of fit: ExtremeValueFit, period: Double, year: Double?) throws(ExtremeValueError) -> Double {
        switch fit.distribution {
        case .gev:
            guard period > 1 else { throw .invalidReturnPeriod(period) }
            let (mu, sigma, xi) = fit.gevParameters(theta, year: year)
            return ExtremeValueDistribution.gevQuantile(exceedance: 1 / period, mu: mu, sigma: sigma, xi: xi)
        case .gpd:
            let rate = (fit.exceedancesPerYear ?? 1) * period
            guard rate > 1 else { throw .invalidReturnPeriod(period) }
            return fit.location + ExtremeValueDistribution.gpdQuantile(exceedance: 1 / rate, sigma: exp(theta[0]), xi: theta[1])
        }
    }

    /// μ (at `year`), σ and ξ of a GEV parameter vector.
    func gevParameters(_ theta: [Double], year: Double?) -> (Double, Double, Double) {
        if theta.count == 4 {
            let t = (year ?? referenceYear ?? 0) - (referenceYear ?? 0)
            return (theta[0] + theta[1] * t, exp(theta[2]), theta[3])
        }
        return (theta[0], exp(theta[1]), theta[2])
    }

    /// The negative log-likelihood of a parameter vector on `extremes` and `years`.
    func negativeLogLikelihood(_ theta: [Double], extremes z: [Double], years: [Double]) -> Double {
        switch distribution {
        case .gev:
            if theta.count == 4 {
                let ref = referenceYear ?? 0
                return ExtremeValueDistribution.gevNegativeLogLikelihood(z, mu: { theta[0] + theta[1] * (years[$0] - ref) }, sigma: exp(theta[2]), xi: theta[3])
            }
            return ExtremeValueDistribution.gevNegativeLogLikelihood(z, mu: { _ in theta[0] }, sigma: exp(theta[1]), xi: theta[2])
        case .gpd:
            let u = location
            return ExtremeValueDistribution.gpdNegativeLogLikelihood(z.map { $0 - u }, sigma: exp(theta[0]), xi: theta[1])
        }
    }

    /// The same model with other parameters (and, for the bootstrap, other data).
    func with(_ theta: [Double], value: Double, extremes: [Double]? = nil, years: [Double]? = nil) -> ExtremeValueFit {
        switch distribution {
        case .gev:
            let (mu, trend): (Double, Double?) = theta.count == 4 ? (theta[0], theta[1]) : (theta[0], nil)
            return ExtremeValueFit(distribution: .gev, location: mu, locationTrend: trend, referenceYear: referenceYear,
                                   scale: exp(theta[theta.count - 2]), shape: theta[theta.count - 1], negativeLogLikelihood: value,
                                   exceedancesPerYear: nil, extremes: extremes ?? self.extremes, years: years ?? self.years)
        case .gpd:
            return ExtremeValueFit(distribution: .gpd, location: location, locationTrend: nil, referenceYear: nil,
                                   scale: exp(theta[0]), shape: theta[1], negativeLogLikelihood: value,
                                   exceedancesPerYear: exceedancesPerYear, extremes: extremes ?? self.extremes, years: years ?? self.years)
        }
    }
}
