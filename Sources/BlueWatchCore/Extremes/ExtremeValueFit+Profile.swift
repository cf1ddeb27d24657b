import Foundation

/// A confidence interval of a return level; a bound is nil where the profile likelihood does not
/// reach it within 100 scale parameters of the estimate (the data do not bound it).
public struct ReturnLevelInterval: Sendable, Codable, Equatable {
    public let lower: Double?
    public let upper: Double?
}

extension ExtremeValueFit {
    /// The profile-likelihood interval of the `period`-year return level (Coles 2001, §2.6.6,
    /// §3.3.3): the levels z whose profile deviance 2(ℓ̂ − ℓ_p(z)) stays below the χ²₁ quantile
    /// of `confidence`. The model is reparameterised so that z replaces μ (GEV) or σ (GPD) and
    /// the other parameters are maximised out at each z.
    public func profileInterval(period: Double, year: Double? = nil, confidence: Double = 0.95) throws(ExtremeValueError) -> ReturnLevelInterval {
        let estimate = try returnLevel(period: period, year: year)
        let critical = pow(Distributions.normalQuantile((1 + confidence) / 2), 2) / 2
        let z = extremes, t = years
        let free0 = freeParameters(parameters)
        // The profile at level x, minimised from `start`; returns the value and the minimiser.
        // The profile at level x: the better of minima from `start` (the neighbour's) and from
        // the maximum-likelihood estimate, since either can sit in a valley the other misses.
        func profile(_ x: Double, from start: [Double]) -> (Double, [Double]) {
            let objective = { (f: [Double]) -> Double in
                guard let theta = constrained(x, free: f, period: period, year: year) else { return .infinity }
                return negativeLogLikelihood(theta, extremes: z, years: t)
            }
            let runs = (start == free0 ? [start] : [start, free0]).map { NelderMead().minimize(objective, from: $0) }
            let m = runs.min { $0.value < $1.value } ?? runs[0]
            return (m.value - negativeLogLikelihood, m.point)
        }
        func bound(_ direction: Double) -> Double? {
            var inside = (x: estimate, free: free0)
            var step = max(scale * 0.05, abs(estimate) * 1e-4)
            while step < 100 * scale {
                let x = inside.x + direction * step
                let (drop, free) = profile(x, from: inside.free)
                if drop > critical || !drop.isFinite {
                    // Bisect between the last level inside and x.
                    var (a, b) = (inside.x, x)
                    var startFree = inside.free
                    for _ in 0..<60 where abs(b - a) > 1e-9 * max(1, abs(a)) {
                        let mid = (a + b) / 2
                        let (d, f) = profile(mid, from: startFree)
                        if d > critical || !d.isFinite { b = mid } else { a = mid; startFree = f }
                    }
                    return (a + b) / 2
                }
                if drop.isFinite { inside = (x, free) }
                step *= 1.6
            }
            return nil
        }
        return ReturnLevelInterval(lower: bound(-1), upper: bound(1))
    }

    /// The parameters that stay free when the return level is fixed.
    func freeParameters(_ theta: [Double]) -> [Double] {
        switch distribution {
        case .gev: Array(theta.dropFirst())
        case .gpd: [theta[1]]
        }
    }

    /// The full parameter vector whose `period`-year return level is `level`, from the free ones.
    func constrained(_ level: Double, free: [Double], period: Double, year: Double?) -> [Double]? {
        switch distribution {
        case .gev:
            // Every block's location is μ₀ plus terms free of μ₀, so the level moves one for one
            // with μ₀: μ₀ = level − (the level with μ₀ = 0).
            return [level - gevAnnualLevel([0] + free, period: period, year: year)] + free
        case .gpd:
            let xi = free[0]
            let g = ExtremeValueDistribution.expm1Over(log((exceedancesPerYear ?? 1) * period), xi)
            guard level > location, g > 0 else { return nil }
            return [log((level - location) / g), xi]
        }
    }
}
