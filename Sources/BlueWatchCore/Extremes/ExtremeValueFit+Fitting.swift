import Foundation

extension ExtremeValueFit {
    /// The fewest maxima or cluster peaks a fit accepts (3 parameters, 4 with a moving location).
    public static let minimumExtremes = 10

    /// Fits a GEV to block maxima `maxima` (taken at decimal `years`) by maximum likelihood.
    /// `movingLocation` lets μ change linearly with the year (μ₀ at the mean year);
    /// `seasonalCycle` (monthly blocks) adds a cos/sin annual harmonic to μ, with `years` the
    /// blocks' centres. `blocksPerYear` (1 or 12) turns block probabilities into annual ones.
    public static func gev(maxima: [Double], years: [Double], movingLocation: Bool = false, seasonalCycle: Bool = false,
                           blocksPerYear: Int = 1) throws(ExtremeValueError) -> ExtremeValueFit {
        let needed = minimumExtremes + (movingLocation ? 5 : 0) + (seasonalCycle ? 10 : 0)
        guard maxima.count >= needed else { throw .tooFewExtremes(found: maxima.count, needed: needed, what: "block maxima") }
        let n = Double(maxima.count)
        let ref = movingLocation ? years.reduce(0, +) / n : nil
        // Least squares of the maxima on the location's covariates gives the starting location
        // model; the residuals' spread gives the Gumbel moment start for σ.
        var columns: [[Double]] = [maxima.map { _ in 1 }]
        if let ref { columns.append(years.map { $0 - ref }) }
        if seasonalCycle {
            columns.append(years.map { cos(2 * .pi * ($0 - $0.rounded(.down))) })
            columns.append(years.map { sin(2 * .pi * ($0 - $0.rounded(.down))) })
        }
        let beta = leastSquares(columns, maxima)
        let fitted = maxima.indices.map { i in columns.indices.reduce(0.0) { $0 + beta[$1] * columns[$1][i] } }
        let sd = (zip(maxima, fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / max(1, n - Double(columns.count))).squareRoot()
        guard sd > 0 else { throw .notConverged("all maxima are equal") }
        let sigma0 = sd * 6.0.squareRoot() / Double.pi
        var location = beta
        location[0] -= 0.5772156649 * sigma0
        let template = ExtremeValueFit(distribution: .gev, location: location[0], locationTrend: ref == nil ? nil : location[1], referenceYear: ref,
                                       seasonalCycle: seasonalCycle ? Array(location.suffix(2)) : nil, blocksPerYear: max(1, blocksPerYear),
                                       scale: sigma0, shape: 0, negativeLogLikelihood: .nan, exceedancesPerYear: nil,
                                       extremes: maxima, years: years)
        let starts = [-0.1, 0.1].map { xi in location + [log(sigma0), xi] }
        return try template.maximise(from: starts)
    }

    /// The least-squares coefficients of `y` on `columns` (normal equations; zeros when singular).
    static func leastSquares(_ columns: [[Double]], _ y: [Double]) -> [Double] {
        let k = columns.count
        var a = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
        for r in 0..<k {
            for c in 0..<k { a[r][c] = zip(columns[r], columns[c]).reduce(0) { $0 + $1.0 * $1.1 } }
            a[r][k] = zip(columns[r], y).reduce(0) { $0 + $1.0 * $1.1 }
        }
        for p in 0..<k {
            guard let pivot = (p..<k).max(by: { abs(a[$0][p]) < abs(a[$1][p]) }), abs(a[pivot][p]) > 1e-12 else { return [Double](repeating: 0, count: k) }
            a.swapAt(p, pivot)
            for r in 0..<k where r != p {
                let f = a[r][p] / a[p][p]
                for c in p...k { a[r][c] -= f * a[p][c] }
            }
        }
        return (0..<k).map { a[$0][k] / a[$0][$0] }
    }

    /// Fits a GPD to the excesses of cluster `peaks` over `threshold`; `exceedancesPerYear`
    /// (λ, clusters per year of record) turns exceedance probabilities into return periods.
    public static func gpd(peaks: [Double], years: [Double], threshold: Double, exceedancesPerYear: Double) throws(ExtremeValueError) -> ExtremeValueFit {
        guard peaks.count >= minimumExtremes else { throw .tooFewExtremes(found: peaks.count, needed: minimumExtremes, what: "cluster peaks above the threshold") }
        let excess = peaks.map { $0 - threshold }
        let n = Double(excess.count)
        let m = excess.reduce(0, +) / n
        let v = excess.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        guard m > 0, v > 0 else { throw .notConverged("all excesses are equal") }
        let xi0 = max(-0.4, min(0.4, 0.5 * (1 - m * m / v)))
        let sigma0 = max(0.5 * m * (m * m / v + 1), 1e-6)
        let template = ExtremeValueFit(distribution: .gpd, location: threshold, locationTrend: nil, referenceYear: nil,
                                       seasonalCycle: nil, blocksPerYear: 1,
                                       scale: sigma0, shape: xi0, negativeLogLikelihood: .nan, exceedancesPerYear: exceedancesPerYear,
                                       extremes: peaks, years: years)
        return try template.maximise(from: [[log(sigma0), xi0], [log(m), 0.1], [log(m), -0.1]])
    }

    /// The best of the maxima found from `starts`, refused when none converged or the shape
    /// sits where the likelihood has no regular maximum (ξ ≤ −1, Smith 1985).
    func maximise(from starts: [[Double]]) throws(ExtremeValueError) -> ExtremeValueFit {
        let z = extremes, t = years
        let best = starts.compactMap { start -> NelderMead.Minimum? in
            let m = NelderMead().minimize({ negativeLogLikelihood($0, extremes: z, years: t) }, from: start)
            return m.value.isFinite ? m : nil
        }.min { $0.value < $1.value }
        guard let best else { throw .notConverged("no starting point lies inside the support") }
        guard best.converged else { throw .notConverged("the simplex did not settle") }
        let xi = best.point[best.point.count - 1]
        guard xi > -1, xi < 2 else { throw .notConverged("the shape ξ = \(String(format: "%.2f", xi)) is outside where the likelihood has a regular maximum") }
        return with(best.point, value: best.value)
    }

    /// The same model refitted to other data from this fit's parameters (nil when that fails).
    /// A bootstrap refit stops at 1e-7 relative in the parameters (return levels to about a
    /// micrometre), well inside the resampling's own spread, instead of the fit's 1e-10.
    func refit(extremes z: [Double], years t: [Double]) -> ExtremeValueFit? {
        var simplex = NelderMead()
        simplex.valueTolerance = 1e-9
        simplex.pointTolerance = 1e-7
        let m = simplex.minimize({ negativeLogLikelihood($0, extremes: z, years: t) }, from: parameters)
        guard m.value.isFinite, m.converged, m.point[m.point.count - 1] > -1 else { return nil }
        return with(m.point, value: m.value, extremes: z, years: t)
    }
}
