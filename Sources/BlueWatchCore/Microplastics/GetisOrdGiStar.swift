import Foundation

/// Getis-Ord local Gi* (Ord & Getis 1995) with binary weights that include each site itself,
/// computed as PySAL's `esda.G_Local(y, w, transform="B", star=True)`:
///
///   z_i = (Σ_j w_ij x_j − x̄ W_i) / (S √((n W_i − W_i²)/(n − 1))),  S² = Σx²/n − x̄²,
///
/// with a conditional permutation test (for each site, its own value fixed and its W_i − 1
/// neighbours drawn at random without replacement from the other n − 1 values), folded
/// pseudo p-values (larger + 1)/(permutations + 1), and Benjamini–Hochberg false-discovery
/// control across sites. Sites are processed in parallel; each has its own random stream
/// derived from `seed`, so results do not depend on the number of threads. One deliberate
/// difference from PySAL: a site whose only neighbour is itself gets p = 1 (PySAL's folded
/// count gives it the smallest possible p, 1/(permutations+1), and so calls every isolated
/// cell a spot).
public struct GetisOrdGiStar: Sendable {
    public struct Site: Sendable, Equatable, Codable {
        /// Σ_j w_ij x_j / Σ x (PySAL's `Gs`).
        public var g: Double
        public var z: Double
        /// Normal-approximation one-sided p of |z| (PySAL's `p_norm`).
        public var pNormal: Double
        /// Folded permutation pseudo p-value (PySAL's `p_sim`); NaN without permutations.
        public var pPermutation: Double
        /// Number of neighbours including itself.
        public var neighbours: Int
        /// +1 hot spot, −1 cold spot, 0 not significant after false-discovery control.
        public var spot: Int
    }

    public let sites: [Site]
    /// The p-value threshold Benjamini–Hochberg gives at `alpha` (0 when nothing passes).
    public let fdrThreshold: Double
    public let alpha: Double
    public let permutations: Int

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooFewSites(Int)
        case constantValues
        case negativeValues
        public var description: String {
            switch self {
            case .tooFewSites(let n): "Gi* needs at least 3 sites with values, got \(n)"
            case .constantValues: "every site has the same value: there is no hot or cold spot to find"
            case .negativeValues: "Gi* is defined for non-negative values"
            }
        }
    }

    /// - Parameters:
    ///   - values: one value per site (finite, ≥ 0).
    ///   - weights: binary weights with each site its own neighbour.
    ///   - permutations: conditional permutations per site (999; 0 to skip).
    ///   - alpha: false-discovery rate for calling hot and cold spots (on the permutation p when
    ///     permutations > 0, else on the normal p).
    public init(values x: [Double], weights: SpatialWeights, permutations: Int = 999, alpha: Double = 0.05, seed: UInt64 = 1) throws(Failure) {
        let n = x.count
        precondition(weights.siteCount == n && weights.includesSelf, "weights must list every site and include self")
        guard n >= 3 else { throw .tooFewSites(n) }
        guard x.allSatisfy({ $0 >= 0 }) else { throw .negativeValues }
        let total = x.reduce(0, +)
        let mean = total / Double(n)
        let variance = x.reduce(0) { $0 + $1 * $1 } / Double(n) - mean * mean
        guard variance > 0, total > 0 else { throw .constantValues }
        let s = variance.squareRoot()
        var sites = [Site](repeating: Site(g: 0, z: 0, pNormal: 1, pPermutation: .nan, neighbours: 0, spot: 0), count: n)
        let chunk = max(64, n / (ProcessInfo.processInfo.activeProcessorCount * 4))
        let chunks = (n + chunk - 1) / chunk
        sites.withUnsafeMutableBufferPointer { out in
            let output = UnsafeSendable(out)
            x.withUnsafeBufferPointer { xp in
                weights.neighbours.withUnsafeBufferPointer { nb in
                    let xs = UnsafeSendable(xp), nbs = UnsafeSendable(nb)
                    DispatchQueue.concurrentPerform(iterations: chunks) { k in
                        var scratch = [Int32](repeating: 0, count: n - 1)
                        for i in (k * chunk)..<min(n, (k + 1) * chunk) {
                            let lo = weights.offsets[i], hi = weights.offsets[i + 1]
                            var sum = 0.0
                            for j in lo..<hi { sum += xs.value[nbs.value[j]] }
                            let w = Double(hi - lo)
                            let z = (sum - mean * w) / (s * ((Double(n) * w - w * w) / Double(n - 1)).squareRoot())
                            var site = Site(g: sum / total, z: w >= Double(n) ? 0 : z, pNormal: 0, pPermutation: .nan, neighbours: hi - lo, spot: 0)
                            site.pNormal = 0.5 * erfc(abs(site.z) / 2.0.squareRoot())
                            if permutations > 0 && hi - lo == 1 {
                                // A cell with no neighbour but itself: every permutation equals the
                                // observation, so there is nothing to test (PySAL reports 1/(P+1)).
                                site.pPermutation = 1
                            } else if permutations > 0 {
                                site.pPermutation = Self.permutationP(site: i, observed: sum, others: hi - lo - 1, values: xs.value,
                                                                      permutations: permutations, seed: seed, scratch: &scratch)
                            }
                            output.value[i] = site
                        }
                    }
                }
            }
        }
        let p = sites.map { permutations > 0 ? $0.pPermutation : $0.pNormal }
        let threshold = Self.benjaminiHochberg(p, alpha: alpha)
        for i in 0..<n where p[i] <= threshold && sites[i].z != 0 {
            sites[i].spot = sites[i].z > 0 ? 1 : -1
        }
        self.sites = sites
        self.fdrThreshold = threshold
        self.alpha = alpha
        self.permutations = permutations
    }

    /// Conditional randomisation for one site: `others` values drawn without replacement from
    /// the n − 1 other sites (a partial Fisher–Yates shuffle of `scratch`, which holds a
    /// permutation of the other sites' indices), plus the site's own value.
    static func permutationP(site i: Int, observed: Double, others k: Int, values x: UnsafeBufferPointer<Double>,
                             permutations: Int, seed: UInt64, scratch: inout [Int32]) -> Double {
        let m = x.count - 1
        var rng = SplitMix64(seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
        var larger = 0
        let own = x[i]
        let threshold = observed - 1e-12 * abs(observed)
        scratch.withUnsafeMutableBufferPointer { ids in
            // The other sites' indices; any order will do, the shuffle below keeps it a permutation.
            for j in 0..<m { ids[j] = Int32(j < i ? j : j + 1) }
            for _ in 0..<permutations {
                var sum = own
                for t in 0..<k {
                    let r = t + Int(rng.next(below: UInt64(m - t)))
                    let j = ids[r]
                    ids[r] = ids[t]
                    ids[t] = j
                    sum += x[Int(j)]
                }
                if sum >= threshold { larger += 1 }
            }
        }
        if permutations - larger < larger { larger = permutations - larger }
        return Double(larger + 1) / Double(permutations + 1)
    }

    /// The Benjamini–Hochberg threshold: the largest p_(k) with p_(k) ≤ k·α/n (0 when none),
    /// as `esda.fdr` returns it.
    public static func benjaminiHochberg(_ p: [Double], alpha: Double) -> Double {
        let sorted = p.filter { !$0.isNaN }.sorted()
        let n = Double(sorted.count)
        var threshold = 0.0
        for (k, value) in sorted.enumerated() where value <= Double(k + 1) * alpha / n { threshold = value }
        return threshold
    }

    public var hotSpots: Int { sites.reduce(0) { $0 + ($1.spot > 0 ? 1 : 0) } }
    public var coldSpots: Int { sites.reduce(0) { $0 + ($1.spot < 0 ? 1 : 0) } }
}
