import Foundation

/// Per-cell trends of a gridded series: the same OLS model as stations (``TrendModel``; linear,
/// or with annual and semi-annual cycles), NaN-aware, with the AR(1) correction of
/// ``TrendFit``. Works on one block of cells at a time (all time steps of a latitude band), so
/// a file larger than memory can be streamed band by band.
///
/// The normal matrix XᵀX of a complete cell is the same for every cell and is inverted once;
/// a cell with gaps subtracts the rows of its missing steps from it (p² per missing step) and
/// solves its own p×p system. Cost per cell is O(nt·p) plus O(gaps·p²); the residual sums and
/// the lag-1 product are accumulated in a second contiguous pass, so no residual array is kept.
public struct GridTrend: Sendable {
    public let model: TrendModel
    public let times: [Double]
    public let minimumCount: Int
    public let confidence: Double
    /// Also compute Sen's slope and the Mann-Kendall test per cell (O(nt²) each).
    public let robust: Bool
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
        /// Sen's slope (mm/yr) and its interval, and the Mann-Kendall p-value, when requested.
        public var sen = Double.nan
        public var senLower = Double.nan
        public var senUpper = Double.nan
        public var mannKendallP = Double.nan
        public init() {}
        init(trend: Double, standardError: Double, lower: Double, upper: Double, pValue: Double, lag1: Double, count: Int) {
            self.trend = trend; self.standardError = standardError; self.lower = lower; self.upper = upper
            self.pValue = pValue; self.lag1 = lag1; self.count = count
        }
        init(count: Int) { self.count = count }
    }

    public init(times: [Double], model: TrendModel, minimumCount: Int, confidence: Double = 0.95, robust: Bool = false) {
        self.robust = robust
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

    /// Fits the cells `range` of a time-major block `values[t * cells + c]`, writing cell `c`'s
    /// result into `out[c - range.lowerBound]`. Values are in metres; trends come out in mm/yr.
    /// Disjoint ranges may run on different threads. Loops run over time outside and cells
    /// inside, so every pass reads the block contiguously.
    public func fit(block values: UnsafeBufferPointer<Float>, cells: Int, range: Range<Int>, into out: UnsafeMutableBufferPointer<Cell>) {
        // Tiles of cells small enough that their accumulators stay in cache while every time
        // step streams past them.
        let tile = 2048
        for start in Swift.stride(from: range.lowerBound, to: range.upperBound, by: tile) {
            let sub = start..<min(start + tile, range.upperBound)
            let slot = UnsafeMutableBufferPointer(rebasing: out[(sub.lowerBound - range.lowerBound)..<(sub.upperBound - range.lowerBound)])
            fitTile(block: values, cells: cells, range: sub, into: slot)
        }
    }

    func fitTile(block values: UnsafeBufferPointer<Float>, cells: Int, range: Range<Int>, into out: UnsafeMutableBufferPointer<Cell>) {
        let nt = times.count, p = self.p, m = range.count, first = range.lowerBound
        // Per-cell accumulators in one allocation: count, Xᵀy (p), β (p), (XᵀX)⁻¹₁₁, Σe, Σe²,
        // Σ e_i e_{i+1}, previous e, first e.
        let stride = 2 * p + 7
        let acc = UnsafeMutablePointer<Double>.allocate(capacity: m * stride)
        acc.initialize(repeating: 0, count: m * stride)
        defer { acc.deallocate() }
        let cCount = 0, cRHS = 1, cBeta = 1 + p, cInv = 1 + 2 * p, cSum = cInv + 1, cSum2 = cSum + 1, cLag = cSum2 + 1, cPrev = cLag + 1, cFirst = cPrev + 1
        let v = values.baseAddress!
        design.withUnsafeBufferPointer { designBuffer in
            let x = designBuffer.baseAddress!
            // Pass 1: counts and Xᵀy, time outside, cells inside (contiguous reads).
            for t in 0..<nt {
                let row = v + t * cells + first
                let xt = x + t * p
                for k in 0..<m {
                    let value = row[k]
                    if value.isNaN { continue }
                    let y = Double(value)
                    let a = acc + k * stride
                    a[cCount] += 1
                    for j in 0..<p { a[cRHS + j] += xt[j] * y }
                }
            }
            // Solve: complete cells share the full inverse; gappy cells downdate the full matrix.
            var normal = [Double](repeating: 0, count: p * p)
            for k in 0..<m {
                let a = acc + k * stride
                let n = Int(a[cCount])
                guard n >= minimumCount else { a[cBeta] = .nan; continue }
                let inverse: [Double]
                if n == nt, let full = fullInverse {
                    inverse = full
                } else {
                    for i in 0..<(p * p) { normal[i] = fullNormal[i] }
                    for t in 0..<nt where v[t * cells + first + k].isNaN {
                        for i in 0..<p { for j in 0..<p { normal[i * p + j] -= x[t * p + i] * x[t * p + j] } }
                    }
                    guard let own = LeastSquares.invertSPD(normal, p) else { a[cBeta] = .nan; continue }
                    inverse = own
                }
                for i in 0..<p {
                    var sum = 0.0
                    for j in 0..<p { sum += inverse[i * p + j] * a[cRHS + j] }
                    a[cBeta + i] = sum
                }
                a[cInv] = inverse[p + 1]
                a[cPrev] = .nan
            }
            // Pass 2: residual sums and lag-1 products in time order, missing steps skipped.
            for t in 0..<nt {
                let row = v + t * cells + first
                let xt = x + t * p
                for k in 0..<m {
                    let value = row[k]
                    let a = acc + k * stride
                    if value.isNaN || a[cBeta].isNaN { continue }
                    var fit = 0.0
                    for j in 0..<p { fit += xt[j] * a[cBeta + j] }
                    let e = Double(value) - fit
                    a[cSum] += e
                    a[cSum2] += e * e
                    if a[cPrev].isNaN { a[cFirst] = e } else { a[cLag] += e * a[cPrev] }
                    a[cPrev] = e
                }
            }
        }
        let tQuantileCache = TQuantileCache(confidence: confidence)
        for k in 0..<m {
            let a = acc + k * stride
            let count = Int(a[cCount])
            guard count >= minimumCount, !a[cBeta].isNaN else { out[k] = Cell(count: count); continue }
            let n = Double(count)
            let mean = a[cSum] / n
            // Σ(e_i − ē)(e_{i+1} − ē) = Σ e_i e_{i+1} − ē(2Σe − e_first − e_last) + (n − 1)ē².
            let num = a[cLag] - mean * (2 * a[cSum] - a[cFirst] - a[cPrev]) + (n - 1) * mean * mean
            let den = a[cSum2] - n * mean * mean
            let r1 = den > 0 ? num / den : 0
            let nEff = r1 > 0 ? n * (1 - r1) / (1 + r1) : n
            let dof = max(nEff - Double(p), 1)
            let sigma2 = a[cSum2] / (n - Double(p))
            let se = (sigma2 * a[cInv]).squareRoot() * ((n - Double(p)) / dof).squareRoot() * 1000
            let slope = a[cBeta + 1] * 1000
            let half = tQuantileCache.quantile(dof) * se
            out[k] = Cell(trend: slope, standardError: se, lower: slope - half, upper: slope + half,
                          pValue: Distributions.studentTTwoSidedP(slope / se, df: dof), lag1: r1, count: count)
        }
        if robust { robustTile(block: values, cells: cells, range: range, into: out) }
    }

    /// Sen's slope with its interval and the original Mann-Kendall p-value of each fitted cell,
    /// on the cell's own values (no deseasonalising: use it on anomaly grids).
    func robustTile(block values: UnsafeBufferPointer<Float>, cells: Int, range: Range<Int>, into out: UnsafeMutableBufferPointer<Cell>) {
        let nt = times.count
        let years = times.map(TrendModel.years)
        var t = [Double](repeating: 0, count: nt), y = [Double](repeating: 0, count: nt)
        var scratch = [Double](repeating: 0, count: max(1, nt * (nt - 1) / 2))
        for k in 0..<range.count where !out[k].trend.isNaN {
            var n = 0
            for s in 0..<nt {
                let v = values[s * cells + range.lowerBound + k]
                if !v.isNaN { t[n] = years[s]; y[n] = Double(v); n += 1 }
            }
            let series = Array(y[0..<n])
            guard let mk = MannKendall.original(series) else { continue }
            let sen = t.withUnsafeBufferPointer { tb in
                y.withUnsafeBufferPointer { yb in
                    scratch.withUnsafeMutableBufferPointer { sb in
                        SenSlope.estimateShort(times: UnsafeBufferPointer(rebasing: tb[0..<n]), values: UnsafeBufferPointer(rebasing: yb[0..<n]),
                                               varianceS: mk.varianceS, confidence: confidence, scratch: sb)
                    }
                }
            }
            guard let sen else { continue }
            out[k].sen = sen.slope * 1000
            out[k].senLower = sen.lower * 1000
            out[k].senUpper = sen.upper * 1000
            out[k].mannKendallP = mk.p
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
