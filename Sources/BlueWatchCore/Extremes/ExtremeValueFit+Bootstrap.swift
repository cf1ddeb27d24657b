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
    /// Seeded, so a run repeats: the resamples are drawn in order from the seed and their refits
    /// (independent) run on every core, each into its own slot.
    public func bootstrap(periods: [Double], year: Double? = nil, samples: Int = 1000, seed: UInt64 = 1) throws(ExtremeValueError) -> ExtremeValueBootstrap {
        for p in periods { _ = try returnLevel(period: p, year: year) }
        var rng = SplitMix64(seed: seed)
        var rows: [[Double]] = []
        rows.reserveCapacity(samples)
        var failed = 0
        let n = extremes.count
        let block = 256
        var done = 0
        while done < samples {
            let count = min(block, samples - done)
            var draws = [Int](repeating: 0, count: count * n)
            for k in draws.indices { draws[k] = Int(rng.next(below: UInt64(n))) }
            let results = refits(draws, count: count, periods: periods, year: year)
            for row in results {
                if let row { rows.append(row) } else { failed += 1 }
            }
            done += count
        }
        return ExtremeValueBootstrap(periods: periods, levels: rows, failed: failed)
    }

    /// The return levels of `count` resamples (`draws`: `count` × n indices into the extremes),
    /// refitted concurrently; nil where a refit failed.
    private func refits(_ draws: [Int], count: Int, periods: [Double], year: Double?) -> [[Double]?] {
        let n = extremes.count
        let results = UnsafeMutableBufferPointer<[Double]?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { s in
            var z = [Double](repeating: 0, count: n), t = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let j = draws[s * n + i]
                z[i] = extremes[j]; t[i] = years[j]
            }
            guard let fit = refit(extremes: z, years: t) else { return }
            slots[s] = try? periods.map { p throws(ExtremeValueError) in try fit.returnLevel(period: p, year: year) }
        }
        return Array(results)
    }
}
