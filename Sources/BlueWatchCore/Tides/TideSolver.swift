import Foundation

/// The passes over a record that ``TideFit`` needs: accumulate the (weighted) normal equations,
/// solve them, and compute residuals (and, for the robust fit, leverages), each in parallel
/// over contiguous runs of 64-sample blocks.
struct TideSolver: Sendable {
    struct Solution: Sendable {
        var coefficients: [Double]
        /// (XᵀWX)⁻¹, row-major.
        var inverseGram: [Double]
        /// σ² = Σ w e² / (n − p), UTide's mean-square misfit.
        var residualVariance: Double
        /// w·(y − ŷ) at every sample, NaN where unused.
        var weightedResiduals: [Double]
        /// y − ŷ at the used samples, in order of `rows`.
        var residuals: [Double]
        var weights: [Double]?
        var residualRMS: Double
        var varianceExplained: Double
        /// Σ w e² / Σ w, the robust fit's convergence measure.
        var meanSquare: Double
    }

    let design: TideDesign
    let times: [Double]
    let values: [Double]
    let rows: [Int]

    var blockCount: Int { (rows.count + TideDesign.blockSize - 1) / TideDesign.blockSize }

    /// Splits the blocks into one contiguous run per worker and runs `body(run, worker)`.
    func parallelRuns(_ body: @Sendable (Range<Int>, Int) -> Void) {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, blockCount / 8))
        let per = (blockCount + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let run = (w * per)..<min(blockCount, (w + 1) * per)
            if !run.isEmpty { body(run, w) }
        }
    }

    /// Weighted least squares with weights `weights` (per used sample, in order of `rows`), or OLS.
    func solve(weights: [Double]?) throws(TideAnalysisError) -> Solution {
        let p = design.parameterCount, ld = TideDesign.blockSize
        let partials = SharedSlots<NormalEquations>(count: ProcessInfo.processInfo.activeProcessorCount)
        parallelRuns { run, worker in
            var equations = NormalEquations(parameterCount: p)
            let columns = UnsafeMutablePointer<Double>.allocate(capacity: p * ld)
            let scratch = UnsafeMutablePointer<Double>.allocate(capacity: p * ld)
            var y = [Double](repeating: 0, count: ld), w = [Double](repeating: 0, count: ld)
            defer { columns.deallocate(); scratch.deallocate() }
            times.withUnsafeBufferPointer { t in
                rows.withUnsafeBufferPointer { r in
                    for block in run {
                        let start = block * ld, end = min(start + ld, r.count)
                        let blockRows = UnsafeBufferPointer(rebasing: r[start..<end])
                        design.fill(times: t, rows: blockRows, columns: columns)
                        for k in 0..<ld {
                            if k < end - start {
                                y[k] = values[blockRows[k]]
                                w[k] = weights?[start + k] ?? 1
                            } else { y[k] = 0; w[k] = 0 }
                        }
                        equations.add(columns: columns, y: y, w: w, rows: end - start, scratch: scratch)
                    }
                }
            }
            partials.set(worker, equations)
        }
        var total = NormalEquations(parameterCount: p)
        for e in partials.values.compactMap({ $0 }) { total.merge(e) }
        let gram = total.symmetrised()
        guard let inverse = LeastSquares.invertSPD(gram, p) else { throw .inseparable(constituents: suspectPairs()) }
        var beta = [Double](repeating: 0, count: p)
        for a in 0..<p { var s = 0.0; for b in 0..<p { s += inverse[a * p + b] * total.rhs[b] }; beta[a] = s }
        return residualPass(coefficients: beta, inverseGram: inverse, weights: weights)
    }

    /// Residuals, misfit and explained variance for given coefficients.
    func residualPass(coefficients beta: [Double], inverseGram: [Double], weights: [Double]?) -> Solution {
        let p = design.parameterCount, ld = TideDesign.blockSize, n = rows.count
        let residuals = SharedBuffer(count: n)
        parallelRuns { run, _ in
            let columns = UnsafeMutablePointer<Double>.allocate(capacity: p * ld)
            defer { columns.deallocate() }
            var fit = [Double](repeating: 0, count: ld)
            times.withUnsafeBufferPointer { t in
                rows.withUnsafeBufferPointer { r in
                    for block in run {
                        let start = block * ld, end = min(start + ld, r.count)
                        let blockRows = UnsafeBufferPointer(rebasing: r[start..<end])
                        design.fill(times: t, rows: blockRows, columns: columns)
                        for k in 0..<ld { fit[k] = 0 }
                        for a in 0..<p {
                            let c = columns + a * ld, b = beta[a]
                            for k in 0..<ld { fit[k] += b * c[k] }
                        }
                        for k in 0..<(end - start) { residuals.pointer[start + k] = values[blockRows[k]] - fit[k] }
                    }
                }
            }
        }
        let e = Array(residuals.pointer)
        var weighted = [Double](repeating: .nan, count: times.count)
        var sumW = 0.0, sumWE2 = 0.0, sumE2 = 0.0, mean = 0.0
        for k in 0..<n { mean += values[rows[k]] }
        mean /= Double(n)
        var total = 0.0
        for k in 0..<n {
            let w = weights?[k] ?? 1
            weighted[rows[k]] = w * e[k]
            sumW += w
            sumWE2 += w * e[k] * e[k]
            sumE2 += e[k] * e[k]
            let d = values[rows[k]] - mean
            total += d * d
        }
        return Solution(
            coefficients: beta, inverseGram: inverseGram, residualVariance: sumWE2 / Double(n - p),
            weightedResiduals: weighted, residuals: e, weights: weights, residualRMS: (sumE2 / Double(n)).squareRoot(),
            varianceExplained: total > 0 ? 100 * (1 - sumE2 / total) : 0, meanSquare: sumWE2 / sumW)
    }

    /// The median of sorted values: the middle one, or the mean of the two middle ones of an
    /// even count (as MATLAB's and NumPy's `median`).
    static func median(ofSorted v: [Double]) -> Double {
        let n = v.count
        guard n > 0 else { return .nan }
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2
    }

    /// Iteratively reweighted least squares with Cauchy weights w = 1/(1 + r²), where
    /// r = e / (tuning · σ̂ · √(1 − h)), σ̂ = MAD/0.6745 and h the OLS leverage (MATLAB
    /// `robustfit`, which UTide calls); stops when the weighted mean square improves by less
    /// than 0.1%, keeping the better fit if it worsens.
    func robust(start: Solution, tuning: Double, maxIterations: Int = 50) throws(TideAnalysisError) -> (Solution, Int) {
        let leverage = leverages(inverseGram: start.inverseGram)
        var best = start
        var iterations = 1
        while iterations < maxIterations {
            let e = best.residuals
            var sorted = e.sorted()
            let median = Self.median(ofSorted: sorted)
            for k in sorted.indices { sorted[k] = abs(e[k] - median) }
            sorted.sort()
            let sigma = max(Self.median(ofSorted: sorted) / 0.6745, 1e-12)
            var weights = [Double](repeating: 1, count: e.count)
            for k in e.indices {
                let r = e[k] / (tuning * sigma * max(1 - leverage[k], 1e-12).squareRoot())
                weights[k] = 1 / (1 + r * r)
            }
            let next = try solve(weights: weights)
            iterations += 1
            let improvement = (best.meanSquare - next.meanSquare) / best.meanSquare
            if improvement < 0 { break }
            best = next
            if improvement < 1e-3 { break }
        }
        return (best, iterations)
    }

    /// Diagonal of the hat matrix, h_i = x_iᵀ (XᵀX)⁻¹ x_i, for each used sample.
    func leverages(inverseGram: [Double]) -> [Double] {
        let p = design.parameterCount, ld = TideDesign.blockSize
        let output = SharedBuffer(count: rows.count)
        parallelRuns { run, _ in
            let columns = UnsafeMutablePointer<Double>.allocate(capacity: p * ld)
            let product = UnsafeMutablePointer<Double>.allocate(capacity: ld)
            defer { columns.deallocate(); product.deallocate() }
            times.withUnsafeBufferPointer { t in
                rows.withUnsafeBufferPointer { r in
                    for block in run {
                        let start = block * ld, end = min(start + ld, r.count)
                        design.fill(times: t, rows: UnsafeBufferPointer(rebasing: r[start..<end]), columns: columns)
                        var h = [Double](repeating: 0, count: ld)
                        for a in 0..<p {
                            for k in 0..<ld { product[k] = 0 }
                            for b in 0..<p {
                                let g = inverseGram[a * p + b], c = columns + b * ld
                                for k in 0..<ld { product[k] += g * c[k] }
                            }
                            let c = columns + a * ld
                            for k in 0..<ld { h[k] += c[k] * product[k] }
                        }
                        for k in 0..<(end - start) { output.pointer[start + k] = h[k] }
                    }
                }
            }
        }
        return Array(output.pointer)
    }

    /// Pairs of chosen constituents closer in frequency than one cycle over the record.
    func suspectPairs() -> [String] {
        let list = design.arguments.constituents
        let minimum = 1 / (24 * design.lengthDays)
        var names: [String] = []
        for i in list.indices {
            for j in list.indices where j > i && abs(list[i].frequency - list[j].frequency) < minimum {
                names.append("\(list[i].name)/\(list[j].name)")
            }
        }
        return names.isEmpty ? list.map { $0.name } : names
    }
}

/// Per-worker results written from several threads, one slot each.
final class SharedSlots<Value>: @unchecked Sendable {
    private(set) var values: [Value?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: max(1, count)) }
    func set(_ index: Int, _ value: Value) { lock.lock(); values[index] = value; lock.unlock() }
}

/// A buffer that disjoint runs fill from several threads.
final class SharedBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Double>
    init(count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: .nan)
    }
    deinit { pointer.deallocate() }
}
