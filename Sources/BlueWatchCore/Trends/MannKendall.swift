import Foundation

/// The Mann-Kendall trend test (Mann 1945; Kendall 1975; Gilbert 1987), original and with
/// Hamed & Rao's (1998) variance correction for autocorrelation, computed as pymannkendall
/// does (missing values skipped, two-sided p-values, continuity correction) but in
/// O(n log n): S from a merge sort that counts inversions, the rank autocorrelation by FFT.
public struct MannKendall: Sendable, Equatable, Codable {
    /// Kendall's S = Σ_{i<j} sign(x_j − x_i).
    public let s: Double
    /// Var(S) with the tie correction.
    public let varianceS: Double
    /// Normalised statistic with continuity correction.
    public let z: Double
    /// Two-sided p-value.
    public let p: Double
    /// Kendall's tau = S / (n(n−1)/2).
    public let tau: Double
    /// Number of values used.
    public let count: Int

    /// The original test on `values` in time order (NaN skipped).
    public static func original(_ values: [Double]) -> MannKendall? {
        let x = values.filter { !$0.isNaN }
        let n = x.count
        guard n >= 3 else { return nil }
        let s = kendallS(x)
        let v = varianceOfS(x)
        return MannKendall(s: s, varianceS: v, n: n)
    }

    /// The Hamed-Rao modified test: Var(S) multiplied by n/n*_s from the significant lags of
    /// the autocorrelation of the ranks of the series detrended by its Sen slope, as in
    /// pymannkendall's `hamed_rao_modification_test` (all lags, α = 0.05). `indexSlope` is the
    /// Sen slope per index step over the full series (gaps keep their index), which
    /// pymannkendall uses for detrending.
    public static func hamedRao(_ values: [Double], alpha: Double = 0.05) -> MannKendall? {
        let x = values.filter { !$0.isNaN }
        let n = x.count
        guard n >= 3 else { return nil }
        let positions = values.indices.filter { !values[$0].isNaN }.map(Double.init)
        guard let slope = SenSlope.median(times: positions, values: x) else { return nil }
        let detrended = (0..<n).map { x[$0] - Double($0 + 1) * slope }
        let acf = Autocorrelation.of(ranks(detrended))
        let bound = Distributions.normalQuantile(1 - alpha / 2) / Double(n).squareRoot()
        var sni = 0.0
        for i in 1..<n where abs(acf[i]) > bound {
            let d = Double(n - i)
            sni += d * (d - 1) * (d - 2) * acf[i]
        }
        let nd = Double(n)
        let factor = 1 + 2 / (nd * (nd - 1) * (nd - 2)) * sni
        return MannKendall(s: kendallS(x), varianceS: varianceOfS(x) * factor, n: n)
    }

    init(s: Double, varianceS: Double, n: Int) {
        self.s = s
        self.varianceS = varianceS
        self.count = n
        let root = varianceS.squareRoot()
        z = s > 0 ? (s - 1) / root : s < 0 ? (s + 1) / root : 0
        p = Distributions.normalTwoSidedP(z)
        tau = s / (0.5 * Double(n) * Double(n - 1))
    }

    /// S = P − T − 2D: P pairs, T tied pairs, D strictly discordant pairs (inversions).
    static func kendallS(_ x: [Double]) -> Double {
        let n = x.count
        let pairs = Double(n) * Double(n - 1) / 2
        let tied = tieGroups(x).reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
        return pairs - tied - 2 * Double(strictInversions(x))
    }

    /// Var(S) = [n(n−1)(2n+5) − Σ t(t−1)(2t+5)] / 18 over groups of tied values.
    static func varianceOfS(_ x: [Double]) -> Double {
        let n = Double(x.count)
        let ties = tieGroups(x).reduce(0.0) { let t = Double($1); return $0 + t * (t - 1) * (2 * t + 5) }
        return (n * (n - 1) * (2 * n + 5) - ties) / 18
    }

    /// Sizes of groups of equal values (only groups larger than one).
    static func tieGroups(_ x: [Double]) -> [Int] {
        let sorted = x.sorted()
        var groups: [Int] = []
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count && sorted[j] == sorted[i] { j += 1 }
            if j - i > 1 { groups.append(j - i) }
            i = j
        }
        return groups
    }

    /// Number of pairs i < j with x_j < x_i, by merge sort.
    static func strictInversions(_ x: [Double]) -> Int {
        var a = x
        var buffer = x
        return mergeCount(&a, &buffer, 0, a.count) { right, left in right < left }
    }

    /// Counts pairs (i in left half, j in right half) with `precedes(x_j, x_i)` while merging
    /// ascending; `precedes` must be `<` or `<=` for a consistent order.
    static func mergeCount(_ a: inout [Double], _ b: inout [Double], _ lo: Int, _ hi: Int,
                           _ precedes: (Double, Double) -> Bool) -> Int {
        guard hi - lo > 1 else { return 0 }
        let mid = (lo + hi) / 2
        var count = mergeCount(&a, &b, lo, mid, precedes) + mergeCount(&a, &b, mid, hi, precedes)
        var i = lo, j = mid, k = lo
        while i < mid && j < hi {
            if precedes(a[j], a[i]) {
                count += mid - i
                b[k] = a[j]; j += 1
            } else {
                b[k] = a[i]; i += 1
            }
            k += 1
        }
        while i < mid { b[k] = a[i]; i += 1; k += 1 }
        while j < hi { b[k] = a[j]; j += 1; k += 1 }
        for t in lo..<hi { a[t] = b[t] }
        return count
    }

    /// Average ranks (1-based), ties sharing the mean of their ranks (scipy's `rankdata`).
    static func ranks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] }
        var result = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i + 1
            while j < order.count && x[order[j]] == x[order[i]] { j += 1 }
            let rank = Double(i + j + 1) / 2
            for k in i..<j { result[order[k]] = rank }
            i = j
        }
        return result
    }
}

/// Sample autocorrelation at every lag, r_k = Σ (x_i − x̄)(x_{i+k} − x̄) / Σ (x_i − x̄)²,
/// computed by FFT in O(n log n).
public enum Autocorrelation {
    public static func of(_ x: [Double]) -> [Double] {
        let n = x.count
        guard n > 0 else { return [] }
        let mean = x.reduce(0, +) / Double(n)
        var size = 1
        while size < 2 * n { size <<= 1 }
        var re = [Double](repeating: 0, count: size), im = [Double](repeating: 0, count: size)
        for i in 0..<n { re[i] = x[i] - mean }
        FFT.transform(&re, &im, inverse: false)
        for i in 0..<size { re[i] = re[i] * re[i] + im[i] * im[i]; im[i] = 0 }
        FFT.transform(&re, &im, inverse: true)
        let zero = re[0]
        guard zero > 0 else { return [Double](repeating: 0, count: n) }
        return (0..<n).map { re[$0] / zero }
    }
}

/// In-place iterative radix-2 complex FFT (length a power of two).
public enum FFT {
    public static func transform(_ re: inout [Double], _ im: inout [Double], inverse: Bool) {
        let n = re.count
        precondition(n.nonzeroBitCount == 1 && im.count == n, "FFT length must be a power of two")
        var j = 0
        for i in 1..<n {
            var bit = n >> 1
            while j & bit != 0 { j ^= bit; bit >>= 1 }
            j ^= bit
            if i < j { re.swapAt(i, j); im.swapAt(i, j) }
        }
        var length = 2
        while length <= n {
            let angle = (inverse ? 2 : -2) * Double.pi / Double(length)
            let wr = cos(angle), wi = sin(angle)
            var start = 0
            while start < n {
                var cr = 1.0, ci = 0.0
                for k in 0..<(length / 2) {
                    let a = start + k, b = a + length / 2
                    let tr = re[b] * cr - im[b] * ci, ti = re[b] * ci + im[b] * cr
                    re[b] = re[a] - tr; im[b] = im[a] - ti
                    re[a] += tr; im[a] += ti
                    let next = cr * wr - ci * wi
                    ci = cr * wi + ci * wr
                    cr = next
                }
                start += length
            }
            length <<= 1
        }
        if inverse { for i in 0..<n { re[i] /= Double(n); im[i] /= Double(n) } }
    }
}
