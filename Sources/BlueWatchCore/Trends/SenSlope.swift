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

    /// The median pairwise slope only.
    public static func median(times: [Double], values: [Double]) -> Double? {
        estimate(times: times, values: values)?.slope
    }

    /// A function returning the k-th smallest (0-based) pairwise slope.
    static func selector(times t: [Double], values y: [Double], listingLimit: Int) -> (Int) -> Double {
        let n = t.count
        if n <= listingLimit {
            var slopes: [Double] = []
            slopes.reserveCapacity(n * (n - 1) / 2)
            for i in 0..<n { for j in (i + 1)..<n { slopes.append((y[j] - y[i]) / (t[j] - t[i])) } }
            slopes.sort()
            return { slopes[$0] }
        }
        // Bracket every pairwise slope.
        let span = (y.max()! - y.min()!)
        var minGap = Double.infinity
        for i in 1..<n { minGap = min(minGap, t[i] - t[i - 1]) }
        let bound = span / minGap + 1
        return { k in
            // Smallest s with #{pairs: slope ≤ s} ≥ k + 1.
            var lo = -bound, hi = bound
            while true {
                let mid = lo + (hi - lo) / 2
                if mid <= lo || mid >= hi { break }
                if pairsAtMost(mid, t, y) >= k + 1 { hi = mid } else { lo = mid }
            }
            return hi
        }
    }

    /// #{i < j : (y_j − y_i)/(t_j − t_i) ≤ s} = #{i < j : y_j − s·t_j ≤ y_i − s·t_i}.
    static func pairsAtMost(_ s: Double, _ t: [Double], _ y: [Double]) -> Int {
        var z = (0..<t.count).map { y[$0] - s * t[$0] }
        var buffer = z
        return MannKendall.mergeCount(&z, &buffer, 0, z.count) { right, left in right <= left }
    }
}
