import Foundation

/// Aids for choosing a threshold for peaks over a threshold (Coles 2001, §4.3.1): the mean
/// residual life (mean excess) and the stability of the GPD parameters across thresholds.
/// Above a threshold where the GPD holds, the mean excess is linear in u and the modified scale
/// σ* = σ − ξu and the shape ξ stay constant (within their uncertainty).
public struct ThresholdChoice: Sendable, Codable {
    /// One candidate threshold.
    public struct Row: Sendable, Codable, Equatable {
        public let threshold: Double
        /// Cluster peaks above it.
        public let peaks: Int
        /// Mean excess of the cluster peaks, with its 95 % normal interval.
        public let meanExcess: Double
        public let meanExcessLower: Double
        public let meanExcessUpper: Double
        /// GPD shape and modified scale σ − ξu (nil where the fit fails or has too few peaks).
        public let shape: Double?
        public let modifiedScale: Double?
    }

    public let rows: [Row]

    /// Mean excess and GPD fits of the declustered peaks of `series` at `count` thresholds
    /// evenly spaced between the quantiles `from` and `to` of the valid values.
    public init(_ series: TimeSeries, from: Double = 0.9, to: Double = 0.995, count: Int = 20, run: Double = 86_400) {
        var rows: [Row] = []
        guard let lo = PeaksOverThreshold.threshold(quantile: from, of: series),
              let hi = PeaksOverThreshold.threshold(quantile: to, of: series), hi > lo, count >= 2 else { self.rows = []; return }
        for k in 0..<count {
            let u = lo + (hi - lo) * Double(k) / Double(count - 1)
            guard let pot = try? PeaksOverThreshold(series, threshold: u, run: run), pot.peaks.count >= 2 else { continue }
            let excess = pot.peaks.map { $0 - u }
            let n = Double(excess.count), m = excess.reduce(0, +) / n
            let sd = (excess.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
            let half = 1.959963984540054 * sd / n.squareRoot()
            let fit = try? ExtremeValueFit.gpd(peaks: pot.peaks, years: pot.times.map(UTCTime.decimalYear), threshold: u, exceedancesPerYear: pot.peaksPerYear)
            rows.append(Row(threshold: u, peaks: pot.peaks.count, meanExcess: m, meanExcessLower: m - half, meanExcessUpper: m + half,
                            shape: fit?.shape, modifiedScale: fit.map { $0.scale - $0.shape * u }))
        }
        self.rows = rows
    }
}
