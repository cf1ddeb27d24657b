import Foundation

/// Per-cell trends of a gridded series: the same OLS model as stations (``TrendModel``; linear,
/// or with annual and semi-annual cycles), NaN-aware, with the AR(1) correction of
/// ``TrendFit``. Works on one block of cells at a time (all time steps of a latitude band), so
/// a file larger than memory can be streamed band by band.
///
/// The normal matrix XᵀX of a complete cell is the same for every cell and is inverted once;
/// a cell with gaps subtracts the rows of its missing steps from it (p² per missing step) and
/// solves its own p×p system. Cost per cell is O(nt·p) plus O(gaps·p²).
public struct GridTrend: Sendable {
    public let model: TrendModel
    public let times: [Double]
    public let minimumCount: Int
    public let confidence: Double
    let design: [Double]          // nt × p, row-major
    let fullNormal: [Double]      // XᵀX over all steps
    let fullInverse: [Double]?
    let centre: Double
    var p: Int { model.parameterCount }

    /// Results for one cell (NaN when the cell has too few values).
    public struct Cell: Sendable {
        public var trend = Double.nan
        public var standardError = Double.nan
        public var lower = Double.nan
        public var upper = Double.nan
        public var pValue = Double.nan
        public var lag1 = Double.nan
        public var count = 0
        public init() {}
        init(trend: Double, standardError: Double, lower: Double, upper: Double, pValue: Double, lag1: Double, count: Int) {
            self.trend = trend; self.standardError = standardError; self.lower = lower; self.upper = upper
            self.pValue = pValue; self.lag1 = lag1; self.count = count
        }
        init(count: Int) { self.count = count }
    }

    public init(times: [Double], model: TrendModel, minimumCount: Int, confidence: Double = 0.95) {
        self.model = model
        self.times = times
        self.minimumCount = max(minimumCount, model.parameterCount + 3)
        self.confidence = confidence
        let p = model.parameterCount
        centre = times.reduce(0) { $0 + TrendModel.years($1) } / Double(max(times.count, 1))
        var design = [Double](repeating: 0, count: times.count * p)
        var row = [Double](repeating: 0, count: p)
        var normal = [Double](repeating: 0, count: p * p)
        for (t, time) in times.enumerated() {
            model.row(time, centre: centre, into: &row)
            for a in 0..<p {
                design[t * p + a] = row[a]
                for b in 0..<p { normal[a * p + b] += row[a] * row[b] }
            }
        }
        self.design = design
        fullNormal = normal
        fullInverse = LeastSquares.invertSPD(normal, p)
    }

    /// Fits every cell of a time-major block `values[t * cells + c]`, writing results into `out`
    /// (count `cells`). Values are in metres; trends come out in mm/yr.
    public func fit(block values: UnsafeBufferPointer<Float>, cells: Int, into out: UnsafeMutableBufferPointer<Cell>) {
        let nt = times.count, p = self.p
        var normal = [Double](repeating: 0, count: p * p)
        var rhs = [Double](repeating: 0, count: p)
        var beta = [Double](repeating: 0, count: p)
        var residuals = [Double](repeating: 0, count: nt)
        let tQuantileCache = TQuantileCache(confidence: confidence)
        for c in 0..<cells {
            var count = 0
            for a in 0..<p { rhs[a] = 0 }
            for t in 0..<nt {
                let v = values[t * cells + c]
                if v.isNaN { continue }
                count += 1
                let y = Double(v)
                for a in 0..<p { rhs[a] += design[t * p + a] * y }
            }
            guard count >= minimumCount else { out[c] = Cell(count: count); continue }
            let inverse: [Double]
            if count == nt, let full = fullInverse {
                inverse = full
            } else {
                for k in 0..<(p * p) { normal[k] = fullNormal[k] }
                for t in 0..<nt where values[t * cells + c].isNaN {
                    for a in 0..<p { for b in 0..<p { normal[a * p + b] -= design[t * p + a] * design[t * p + b] } }
                }
                guard let own = LeastSquares.invertSPD(normal, p) else { out[c] = Cell(count: count); continue }
                inverse = own
            }
            for a in 0..<p {
                var s = 0.0
                for b in 0..<p { s += inverse[a * p + b] * rhs[b] }
                beta[a] = s
            }
            // Residuals in time order (missing steps skipped), RSS and lag-1 autocorrelation.
            var m = 0, rss = 0.0, mean = 0.0
            for t in 0..<nt {
                let v = values[t * cells + c]
                if v.isNaN { continue }
                var fit = 0.0
                for a in 0..<p { fit += design[t * p + a] * beta[a] }
                let e = Double(v) - fit
                residuals[m] = e
                rss += e * e
                mean += e
                m += 1
            }
            mean /= Double(m)
            var num = 0.0, den = 0.0
            for i in 0..<m {
                let d = residuals[i] - mean
                den += d * d
                if i + 1 < m { num += d * (residuals[i + 1] - mean) }
            }
            let r1 = den > 0 ? num / den : 0
            let n = Double(m)
            let nEff = r1 > 0 ? n * (1 - r1) / (1 + r1) : n
            let dof = max(nEff - Double(p), 1)
            let sigma2 = rss / (n - Double(p))
            let se = (sigma2 * inverse[p + 1]).squareRoot() * ((n - Double(p)) / dof).squareRoot() * 1000
            let slope = beta[1] * 1000
            let half = tQuantileCache.quantile(dof) * se
            out[c] = Cell(trend: slope, standardError: se, lower: slope - half, upper: slope + half,
                          pValue: Distributions.studentTTwoSidedP(slope / se, df: dof), lag1: r1, count: count)
        }
    }

    /// Student t quantiles for the interval: exact, memoised at integer degrees of freedom.
    final class TQuantileCache: @unchecked Sendable {
        let probability: Double
        var cache: [Int: Double] = [:]
        init(confidence: Double) { probability = 0.5 + confidence / 2 }
        func quantile(_ dof: Double) -> Double {
            // Interpolated between the neighbouring integer dof, then refined by Newton steps.
            let lo = Int(dof.rounded(.down)), w = dof - Double(lo)
            func q(_ k: Int) -> Double {
                if let v = cache[k] { return v }
                let v = Distributions.studentTQuantile(probability, df: Double(max(k, 1)))
                cache[k] = v
                return v
            }
            return w == 0 ? q(lo) : Distributions.studentTQuantile(probability, df: dof, near: (1 - w) * q(lo) + w * q(lo + 1))
        }
    }
}
