import Foundation

/// Return levels of a fit refitted to resampled extremes.
public struct ExtremeValueBootstrap: Sendable, Codable {
    /// The return periods (years), in the order of `levels`' columns.
    public let periods: [Double]
    /// One row per successful refit: the return level of each period.
    public let levels: [[Double]]
    /// Resamples whose refit did not converge (left out).
    public let failed: Int

    /// The percentile interval of period index `i` at `confidence` (numpy's linear quantile,
    /// as pyextremes takes it).
    public func interval(_ i: Int, confidence: Double = 0.95) -> ReturnLevelInterval {
        let sorted = levels.map { $0[i] }.filter(\.isFinite).sorted()
        guard sorted.count >= 2 else { return ReturnLevelInterval(lower: nil, upper: nil) }
        func quantile(_ p: Double) -> Double {
            let h = p * Double(sorted.count - 1), lo = Int(h.rounded(.down))
            return lo + 1 < sorted.count ? sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo]) : sorted[lo]
        }
        return ReturnLevelInterval(lower: quantile((1 - confidence) / 2), upper: quantile((1 + confidence) / 2))
    }
}

extension ExtremeValueFit {
    /// The nonparametric bootstrap, as pyextremes makes it for MLE fits: `samples` resamples of
    /// the extremes with replacement (with their years), each refitted from this fit's
    /// parameters, and the return levels of `periods` (at `year` for a moving location).
    /// Seeded, so a run repeats.
    public func bootstrap(periods: [Double], year: Double? = nil, samples: Int = 1000, seed: UInt64 = 1) throws(ExtremeValueError) -> ExtremeValueBootstrap {
        for p in periods { _ = try returnLevel(period: p, year: year) }
        var rng = SplitMix64(seed: seed)
        var rows: [[Double]] = []
        rows.reserveCapacity(samples)
        var failed = 0
        let n = extremes.count
        for _ in 0..<samples {
            var z = [Double](repeating: 0, count: n), t = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let j = Int(rng.next(below: UInt64(n)))
                z[i] = extremes[j]; t[i] = years[j]
            }
            guard let fit = refit(extremes: z, years: t),
                  let row = try? periods.map({ p throws(ExtremeValueError) in try fit.returnLevel(period: p, year: year) }) else { failed += 1; continue }
            rows.append(row)
        }
        return ExtremeValueBootstrap(periods: periods, levels: rows, failed: failed)
    }
}
