import Foundation

/// The Nelder–Mead downhill simplex (Nelder & Mead 1965; the coefficients of Gao & Han 2012
/// for more than two dimensions), restarted from its best vertex until a restart no longer
/// improves the minimum — the restarts guard against the simplex collapsing early, which is
/// how a plain run stops short on the flat ridges of extreme-value likelihoods.
///
/// `f` may return `.infinity` outside its domain (a GEV support violated, a negative scale);
/// the start must be inside.
public struct NelderMead: Sendable {
    /// Stop when the simplex's values and its vertices both agree within these.
    public var valueTolerance = 1e-12
    public var pointTolerance = 1e-10
    public var maxEvaluations = 40_000

    public init() {}

    /// The minimum found: the point, its value, and whether the tolerances were met before
    /// `maxEvaluations`.
    public struct Minimum: Sendable {
        public let point: [Double]
        public let value: Double
        public let converged: Bool
    }

    /// Minimises `f` from `start`, the initial simplex stepping each coordinate by `step`
    /// (5 % of it, or 0.00025 at zero, when not given).
    public func minimize(_ f: ([Double]) -> Double, from start: [Double], step: [Double]? = nil) -> Minimum {
        var best = start, bestValue = f(start)
        guard bestValue.isFinite else { return Minimum(point: start, value: bestValue, converged: false) }
        var evaluations = 1
        var converged = false
        for _ in 0..<20 {
            let run = simplex(f, from: best, step: step, evaluations: &evaluations)
            let improved = bestValue - run.value
            if run.value <= bestValue { best = run.point; bestValue = run.value }
            converged = run.converged
            if !run.converged || improved <= valueTolerance * max(1, abs(bestValue)) { break }
        }
        return Minimum(point: best, value: bestValue, converged: converged)
    }

    private func simplex(_ f: ([Double]) -> Double, from start: [Double], step: [Double]?, evaluations: inout Int) -> Minimum {
        let n = start.count
        let dimension = Double(n)
        let reflection = 1.0, expansion = 1 + 2 / dimension
        let contraction = 0.75 - 1 / (2 * dimension), shrink = 1 - 1 / dimension
        var points = [start]
        for i in 0..<n {
            var p = start
            p[i] += step?[i] ?? (p[i] == 0 ? 0.00025 : 0.05 * p[i])
            points.append(p)
        }
        var values = points.map(f)
        evaluations += n
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            points = order.map { points[$0] }
            values = order.map { values[$0] }
            let spreadValue = abs(values[n] - values[0])
            let spreadPoint = points.dropFirst().map { p in zip(p, points[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            if spreadValue <= valueTolerance * max(1, abs(values[0])) && spreadPoint <= pointTolerance * max(1, points[0].map(abs).max() ?? 0) {
                return Minimum(point: points[0], value: values[0], converged: true)
            }
            var centroid = [Double](repeating: 0, count: n)
            for p in points.dropLast() { for i in 0..<n { centroid[i] += p[i] / dimension } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (centroid[$0] - points[n][$0]) } }
            let reflected = along(reflection), fr = f(reflected)
            evaluations += 1
            if fr < values[0] {
                let expanded = along(expansion), fe = f(expanded)
                evaluations += 1
                (points[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[n - 1] {
                (points[n], values[n]) = (reflected, fr)
            } else {
                let outside = fr < values[n]
                let contracted = along(outside ? contraction : -contraction), fc = f(contracted)
                evaluations += 1
                if fc < (outside ? fr : values[n]) {
                    (points[n], values[n]) = (contracted, fc)
                } else {
                    for j in 1...n {
                        points[j] = (0..<n).map { points[0][$0] + shrink * (points[j][$0] - points[0][$0]) }
                        values[j] = f(points[j])
                    }
                    evaluations += n
                }
            }
        }
        let i = values.indices.min { values[$0] < values[$1] } ?? 0
        return Minimum(point: points[i], value: values[i], converged: false)
    }
}
