/// The Theil-Sen slope: the median of the slopes between every pair of observations, with
/// Sen's (1968) confidence interval in the convention of scipy's `theilslopes` (ranks rounded,
/// normal approximation with the tie-corrected Var(S)). Exact without n² memory: pairwise
/// slopes are listed for short series; for long ones the k-th smallest slope is found by
/// bisection on the slope, counting the pairs below it as inversions of y − s·t in O(n log n).
public struct SenSlope: Sendable, Equatable, Codable {
    /// Median pairwise slope, in value units per time unit.
    public let slope: Double
    /// Lower and upper bounds of the interval.
    public let lower: Double
    public let upper: Double
    /// Confidence level of the interval (0.95).
    public let confidence: Double
    public let count: Int

    /// Above this many values the selection works without listing the pairs.
    public static let listingLimit = 3000

    /// Sen's slope of `values` against strictly increasing `times` (NaN values skipped).
    public static func estimate(times: [Double], values: [Double], confidence: Double = 0.95, listingLimit: Int = listingLimit) -> SenSlope? {
        let valid = values.indices.filter { !values[$0].isNaN }
        let t = valid.map { times[$0] }, y = valid.map { values[$0] }
        let n = t.count
        guard n >= 3 else { return nil }
        let pairs = n * (n - 1) / 2
        let select = selector(times: t, values: y, listingLimit: listingLimit)
        let slope = pairs % 2 == 1 ? select(pairs / 2) : (select(pairs / 2 - 1) + select(pairs / 2)) / 2
        // scipy: z = Φ⁻¹(α/2) < 0; Ru = round((N − zσ)/2), Rl = round((N + zσ)/2) − 1.
        let z = Distributions.normalQuantile((1 - confidence) / 2)
        let sigma = MannKendall.varianceOfS(y).squareRoot()
        let upperRank = min(Int(((Double(pairs) - z * sigma) / 2).rounded(.toNearestOrEven)), pairs - 1)
        let lowerRank = max(Int(((Double(pairs) + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
        return SenSlope(slope: slope, lower: select(lowerRank), upper: select(upperRank), confidence: confidence, count: n)
    }

    /// The median pairwise slope only (no interval).
    public static func median(times: [Double], values: [Double]) -> Double? {
        let valid = values.indices.filter { !values[$0].isNaN }
        let t = valid.map { times[$0] }, y = valid.map { values[$0] }
        guard t.count >= 2 else { return nil }
        let pairs = t.count * (t.count - 1) / 2
        let select = selector(times: t, values: y, listingLimit: listingLimit)
        return pairs % 2 == 1 ? select(pairs / 2) : (select(pairs / 2 - 1) + select(pairs / 2)) / 2
    }

    /// A function returning the k-th smallest (0-based) pairwise slope, for times strictly increasing.
    static func selector(times t: [Double], values y: [Double], listingLimit: Int) -> (Int) -> Double {
        let n = t.count
        if n <= listingLimit {
            var slopes: [Double] = []
            slopes.reserveCapacity(n * (n - 1) / 2)
            for i in 0..<n { for j in (i + 1)..<n { slopes.append((y[j] - y[i]) / (t[j] - t[i])) } }
            slopes.sort()
            return { slopes[$0] }
        }
        let total = n * (n - 1) / 2
        // A deterministic sample of pair slopes to bracket any rank cheaply.
        var state: UInt64 = 0x2545F4914F6CDD1D
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let sampleSize = min(total, 20 * n)
        var sample: [Double] = []
        sample.reserveCapacity(sampleSize)
        while sample.count < sampleSize {
            let i = next(n), j = next(n)
            if i != j { let (a, b) = (min(i, j), max(i, j)); sample.append((y[b] - y[a]) / (t[b] - t[a])) }
        }
        sample.sort()
        let span = y.max()! - y.min()!
        var minGap = Double.infinity
        for i in 1..<n { minGap = min(minGap, t[i] - t[i - 1]) }
        let bound = span / minGap + 1
        return { k in
            // 1. Bracket: count(≤ lo) ≤ k < count(≤ hi), from sample quantiles around k/N.
            let q = (Double(k) + 0.5) / Double(total)
            var delta = 4 / Double(sampleSize).squareRoot()
            var lo = -bound, hi = bound
            var below = 0, atMostHi = total
            while true {
                let a = Int(((q - delta) * Double(sampleSize)).rounded(.down)), b = Int(((q + delta) * Double(sampleSize)).rounded(.up))
                let candidateLo = a > 0 ? sample[a].nextDown : -bound, candidateHi = b < sampleSize ? sample[b] : bound
                let cLo = pairsAtMost(candidateLo, t, y), cHi = pairsAtMost(candidateHi, t, y)
                if cLo <= k && cHi >= k + 1 { lo = candidateLo; hi = candidateHi; below = cLo; atMostHi = cHi; break }
                if a <= 0 && b >= sampleSize { break }
                delta *= 2
            }
            // 2. Narrow until the bracket holds few pairs.
            while atMostHi - below > 4 * n {
                let mid = lo + (hi - lo) / 2
                if mid <= lo || mid >= hi { break }
                let c = pairsAtMost(mid, t, y)
                if c >= k + 1 { hi = mid; atMostHi = c } else { lo = mid; below = c }
            }
            // 3. List the pairs with lo < slope ≤ hi and select exactly among them.
            var slopes = pairsBetween(lo, hi, t, y).map { (y[$0.1] - y[$0.0]) / (t[$0.1] - t[$0.0]) }
            slopes.sort()
            let r = k - below
            return slopes.isEmpty ? hi : slopes[min(max(r, 0), slopes.count - 1)]
        }
    }

    /// #{i < j : (y_j − y_i)/(t_j − t_i) ≤ s} = #{i < j : y_j − s·t_j ≤ y_i − s·t_i}.
    static func pairsAtMost(_ s: Double, _ t: [Double], _ y: [Double]) -> Int {
        var z = (0..<t.count).map { y[$0] - s * t[$0] }
        var buffer = z
        return MannKendall.mergeCount(&z, &buffer, 0, z.count) { right, left in right <= left }
    }

    /// The pairs (i < j) with lo < slope ≤ hi: ordered by y − lo·t, they are exactly the pairs
    /// whose order y − hi·t inverts, listed during a merge sort in O(n log n + pairs).
    static func pairsBetween(_ lo: Double, _ hi: Double, _ t: [Double], _ y: [Double]) -> [(Int, Int)] {
        let n = t.count
        let zLo = (0..<n).map { y[$0] - lo * t[$0] }
        // Ties at lo put the later index first, so a pair with slope exactly lo is not listed.
        var order = Array(0..<n).sorted { zLo[$0] < zLo[$1] || (zLo[$0] == zLo[$1] && $0 > $1) }
        let zHi = (0..<n).map { y[$0] - hi * t[$0] }
        var buffer = order
        var pairs: [(Int, Int)] = []
        func sort(_ a: Int, _ b: Int) {
            guard b - a > 1 else { return }
            let m = (a + b) / 2
            sort(a, m); sort(m, b)
            var i = a, j = m, k = a
            while i < m && j < b {
                if zHi[order[j]] <= zHi[order[i]] {
                    for l in i..<m { pairs.append((min(order[l], order[j]), max(order[l], order[j]))) }
                    buffer[k] = order[j]; j += 1
                } else {
                    buffer[k] = order[i]; i += 1
                }
                k += 1
            }
            while i < m { buffer[k] = order[i]; i += 1; k += 1 }
            while j < b { buffer[k] = order[j]; j += 1; k += 1 }
            for l in a..<b { order[l] = buffer[l] }
        }
        sort(0, n)
        return pairs
    }

    /// Sen's slope and interval of a short series whose pairwise slopes fit in `scratch`
    /// (n(n−1)/2 values), without a full sort: two quickselects put the interval's ranks in
    /// place and only the slopes between them (a few thousand, holding the median) are sorted.
    /// O(n²) time, no allocation. Times strictly increasing, no NaN; the same numbers as
    /// ``estimate(times:values:confidence:listingLimit:)``.
    public static func estimateShort(times t: UnsafeBufferPointer<Double>, values y: UnsafeBufferPointer<Double>, varianceS: Double,
                                     confidence: Double = 0.95, scratch: UnsafeMutableBufferPointer<Double>) -> SenSlope? {
        let n = t.count
        guard n >= 3 else { return nil }
        let pairs = n * (n - 1) / 2
        precondition(scratch.count >= pairs, "scratch too small for the pairwise slopes")
        var k = 0
        for i in 0..<n { for j in (i + 1)..<n { scratch[k] = (y[j] - y[i]) / (t[j] - t[i]); k += 1 } }
        let slopes = UnsafeMutableBufferPointer(rebasing: scratch[0..<pairs])
        let z = Distributions.normalQuantile((1 - confidence) / 2)
        let sigma = varianceS.squareRoot()
        let upperRank = min(Int(((Double(pairs) - z * sigma) / 2).rounded(.toNearestOrEven)), pairs - 1)
        let lowerRank = max(Int(((Double(pairs) + z * sigma) / 2).rounded(.toNearestOrEven)) - 1, 0)
        let mid = pairs / 2
        let lower = quickselect(slopes, lowerRank, 0, pairs)
        let upper = quickselect(slopes, upperRank, lowerRank, pairs)
        let median: Double
        if lowerRank <= mid - (pairs % 2 == 0 ? 1 : 0) && mid <= upperRank {
            var middle = UnsafeMutableBufferPointer(rebasing: slopes[lowerRank...upperRank])
            middle.sort()
            median = pairs % 2 == 1 ? slopes[mid] : (slopes[mid - 1] + slopes[mid]) / 2
        } else {
            let m = quickselect(slopes, mid, 0, pairs)
            median = pairs % 2 == 1 ? m : (quickselect(slopes, mid - 1, 0, mid) + m) / 2
        }
        return SenSlope(slope: median, lower: lower, upper: upper, confidence: confidence, count: n)
    }

    /// The k-th smallest of `a[lo..<hi]` (Hoare partitioning, median-of-three pivots); on return
    /// `a[lo..<k]` ≤ `a[k]` ≤ `a[k+1..<hi]`.
    static func quickselect(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int, _ lo: Int, _ hi: Int) -> Double {
        var lo = lo, hi = hi - 1
        while lo < hi {
            let m = lo + (hi - lo) / 2
            if a[m] < a[lo] { a.swapAt(m, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[m] { a.swapAt(hi, m) }
            let pivot = a[m]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { break }
        }
        return a[k]
    }
}
