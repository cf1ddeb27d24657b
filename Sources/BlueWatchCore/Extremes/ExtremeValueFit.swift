import Foundation

/// A maximum-likelihood fit of a GEV to block maxima — stationary, or with a location that
/// moves linearly in time and/or follows a seasonal cycle (Coles 2001, §6.2–6.3) — or of a GPD
/// to declustered peaks over a threshold (Coles §4.3), with its return levels. Intervals come
/// from the profile likelihood (`+Profile`) and the bootstrap (`+Bootstrap`).
public struct ExtremeValueFit: Sendable, Codable {
    public let distribution: ExtremeValueDistribution
    /// GEV: the location μ₀ (at `referenceYear` when the location moves; the annual mean level
    /// of a seasonal location). GPD: the threshold u.
    public let location: Double
    /// GEV with a moving location: μ's change per year.
    public let locationTrend: Double?
    /// The year (decimal) where `location` applies when the location moves.
    public let referenceYear: Double?
    /// GEV of monthly maxima with a seasonal location: the amplitudes [a, b] of
    /// μ(t) = … + a cos 2πφ + b sin 2πφ, φ the fraction of the year at the block's centre.
    public let seasonalCycle: [Double]?
    /// GEV: maxima per year (1 for annual blocks, 12 for monthly); return levels are annual.
    public let blocksPerYear: Int
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
    /// Decimal year of each extreme (the covariate of a moving or seasonal location).
    public let years: [Double]

    /// True when μ is not one constant (a trend or a seasonal cycle).
    public var isNonStationary: Bool { locationTrend != nil || seasonalCycle != nil }

    /// Parameters the likelihood is maximised over: GEV [μ₀, (μ₁), (a, b), log σ, ξ];
    /// GPD [log σ, ξ].
    var parameters: [Double] {
        switch distribution {
        case .gev: [location] + (locationTrend.map { [$0] } ?? []) + (seasonalCycle ?? []) + [log(scale), shape]
        case .gpd: [log(scale), shape]
        }
    }

    /// The return level of `period` years: exceeded once in `period` years on average (GEV:
    /// the product of the year's block distributions is 1 − 1/T; GPD: λT exceedances of u
    /// expected per period). `year` picks the year of a non-stationary fit (default: the
    /// reference year).
    public func returnLevel(period: Double, year: Double? = nil) throws(ExtremeValueError) -> Double {
        try Self.returnLevel(parameters, of: self, period: period, year: year)
    }

    /// The return period, in years, of a level `z` (∞ above the upper end point of a bounded tail).
    public func returnPeriod(of z: Double, year: Double? = nil) -> Double {
        switch distribution {
        case .gev:
            let (sigma, xi) = (scale, shape)
            let y = blockTimes(year: year).reduce(0.0) { sum, t in
                let p = ExtremeValueDistribution.gevCDF(z, mu: gevLocation(parameters, at: t), sigma: sigma, xi: xi)
                return sum - log(p)
            }
            return 1 / -expm1(-y)
        case .gpd:
            return 1 / ((exceedancesPerYear ?? 1) * (1 - ExtremeValueDistribution.gpdCDF(z - location, sigma: scale, xi: shape)))
        }
    }

    static func returnLevel(_ theta: [Double], of fit: ExtremeValueFit, period: Double, year: Double?) throws(ExtremeValueError) -> Double {
        switch fit.distribution {
        case .gev:
            guard period > 1 else { throw .invalidReturnPeriod(period) }
            return fit.gevAnnualLevel(theta, period: period, year: year)
        case .gpd:
            let rate = (fit.exceedancesPerYear ?? 1) * period
            guard rate > 1 else { throw .invalidReturnPeriod(period) }
            return fit.location + ExtremeValueDistribution.gpdQuantile(exceedance: 1 / rate, sigma: exp(theta[0]), xi: theta[1])
        }
    }

    /// The decimal times of a year's blocks: the year itself for annual maxima, the centre of
    /// each month for monthly ones (of the year holding `year`).
    func blockTimes(year: Double?) -> [Double] {
        let t = year ?? referenceYear ?? 0
        guard blocksPerYear > 1 else { return [t] }
        let base = t.rounded(.down), n = Double(blocksPerYear)
        return (0..<blocksPerYear).map { base + (Double($0) + 0.5) / n }
    }

    /// The annual `period`-year level of a GEV parameter vector: z with
    /// Σ_blocks −log G_b(z) = −log(1 − 1/T), found by bisection between the blocks' own
    /// levels at an equal share (closed form when every block has the same location).
    func gevAnnualLevel(_ theta: [Double], period: Double, year: Double?) -> Double {
        let sigma = exp(theta[theta.count - 2]), xi = theta[theta.count - 1]
        let mus = blockTimes(year: year).map { gevLocation(theta, at: $0) }
        let target = -log1p(-1 / period)
        let share = -expm1(-target / Double(mus.count))
        let levels = mus.map { ExtremeValueDistribution.gevQuantile(exceedance: share, mu: $0, sigma: sigma, xi: xi) }
        guard var lo = levels.min(), var hi = levels.max(), hi > lo else { return levels[0] }
        func excess(_ z: Double) -> Double {
            mus.reduce(0.0) { sum, mu in
                guard let l = ExtremeValueDistribution.tail((z - mu) / sigma, xi) else { return xi > 0 ? .infinity : sum }
                return sum + exp(-l)
            } - target
        }
        for _ in 0..<200 where hi - lo > 1e-12 * max(1, abs(lo)) {
            let mid = (lo + hi) / 2
            if excess(mid) > 0 { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }

    /// μ of a GEV parameter vector at decimal time `t`.
    func gevLocation(_ theta: [Double], at t: Double) -> Double {
        var mu = theta[0], k = 1
        if locationTrend != nil { mu += theta[1] * (t - (referenceYear ?? 0)); k = 2 }
        if seasonalCycle != nil {
            let w = 2 * Double.pi * (t - t.rounded(.down))
            mu += theta[k] * cos(w) + theta[k + 1] * sin(w)
        }
        return mu
    }

    /// The negative log-likelihood of a parameter vector on `extremes` and `years`.
    func negativeLogLikelihood(_ theta: [Double], extremes z: [Double], years: [Double]) -> Double {
        switch distribution {
        case .gev:
            let sigma = exp(theta[theta.count - 2]), xi = theta[theta.count - 1]
            if !isNonStationary { return ExtremeValueDistribution.gevNegativeLogLikelihood(z, mu: { _ in theta[0] }, sigma: sigma, xi: xi) }
            return ExtremeValueDistribution.gevNegativeLogLikelihood(z, mu: { gevLocation(theta, at: years[$0]) }, sigma: sigma, xi: xi)
        case .gpd:
            let u = location
            return ExtremeValueDistribution.gpdNegativeLogLikelihood(z.map { $0 - u }, sigma: exp(theta[0]), xi: theta[1])
        }
    }

    /// The same model with other parameters (and, for the bootstrap, other data).
    func with(_ theta: [Double], value: Double, extremes: [Double]? = nil, years: [Double]? = nil) -> ExtremeValueFit {
        switch distribution {
        case .gev:
            let trend: Double? = locationTrend == nil ? nil : theta[1]
            let k = locationTrend == nil ? 1 : 2
            let seasonal: [Double]? = seasonalCycle == nil ? nil : [theta[k], theta[k + 1]]
            return ExtremeValueFit(distribution: .gev, location: theta[0], locationTrend: trend, referenceYear: referenceYear,
                                   seasonalCycle: seasonal, blocksPerYear: blocksPerYear,
                                   scale: exp(theta[theta.count - 2]), shape: theta[theta.count - 1], negativeLogLikelihood: value,
                                   exceedancesPerYear: nil, extremes: extremes ?? self.extremes, years: years ?? self.years)
        case .gpd:
            return ExtremeValueFit(distribution: .gpd, location: location, locationTrend: nil, referenceYear: nil,
                                   seasonalCycle: nil, blocksPerYear: 1,
                                   scale: exp(theta[0]), shape: theta[1], negativeLogLikelihood: value,
                                   exceedancesPerYear: exceedancesPerYear, extremes: extremes ?? self.extremes, years: years ?? self.years)
        }
    }
}
