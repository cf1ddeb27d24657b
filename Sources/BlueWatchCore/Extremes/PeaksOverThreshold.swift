import Foundation

/// Declustered peaks over a threshold (runs declustering; Coles 2001, §5.3.2): values above the
/// threshold whose times are no more than `run` apart form one cluster, and each cluster
/// keeps its (first) highest value — the rule of pyextremes' `get_extremes(method="POT", r=…)`.
public struct PeaksOverThreshold: Sendable, Codable {
    public let threshold: Double
    /// The run length, seconds.
    public let run: Double
    /// Cluster peaks: values and times.
    public let peaks: [Double]
    public let times: [Double]
    /// Values above the threshold before declustering.
    public let exceedances: Int
    /// Years from the first to the last time of the series (365.2425-day years).
    public let recordYears: Double

    /// Clusters per year of record (λ).
    public var peaksPerYear: Double { Double(peaks.count) / recordYears }

    /// The cluster peaks of `series` above `threshold`, `run` seconds declustering.
    public init(_ series: TimeSeries, threshold: Double, run: Double = 86_400) throws(ExtremeValueError) {
        let valid = series.values.filter { !$0.isNaN }
        guard let lo = valid.min(), let hi = valid.max() else { throw .tooFewExtremes(found: 0, needed: ExtremeValueFit.minimumExtremes, what: "values") }
        guard threshold < hi, threshold >= lo else { throw .thresholdOutsideData(threshold: threshold, minimum: lo, maximum: hi) }
        self.threshold = threshold
        self.run = run
        var peaks: [Double] = [], times: [Double] = []
        var count = 0, last = -Double.infinity
        for i in 0..<series.count where series.values[i] > threshold {
            let t = series.times[i], v = series.values[i]
            count += 1
            if t - last > run || peaks.isEmpty {
                peaks.append(v); times.append(t)
            } else if v > peaks[peaks.count - 1] {
                peaks[peaks.count - 1] = v; times[times.count - 1] = t
            }
            last = t
        }
        self.peaks = peaks
        self.times = times
        exceedances = count
        recordYears = ((series.span?.upperBound ?? 0) - (series.span?.lowerBound ?? 0)) / (365.2425 * 86_400)
    }

    /// The threshold's `quantile` (0…1, numpy's linear rule) of the valid values.
    public static func threshold(quantile q: Double, of series: TimeSeries) -> Double? {
        let v = series.values.filter { !$0.isNaN }.sorted()
        guard !v.isEmpty else { return nil }
        let h = q * Double(v.count - 1), lo = Int(h.rounded(.down))
        return lo + 1 < v.count ? v[lo] + (h - Double(lo)) * (v[lo + 1] - v[lo]) : v[lo]
    }
}
