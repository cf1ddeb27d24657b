/// Means over fixed calendar bins (hours, days; months through ``MonthlyMeans``) with a
/// completeness rule: a bin has a value only when at least 75 % of its expected samples are
/// usable, the expected number coming from the record's sampling interval.
public enum BinMeans {
    public enum Resolution: String, Sendable, CaseIterable {
        case hour, day, month

        /// Bin length in seconds (a month: its mean length, for comparisons only).
        public var seconds: Double {
            switch self { case .hour: 3_600; case .day: 86_400; case .month: 2_629_746 }
        }
    }

    public static let completeness = 0.75

    /// Means stamped at the middle of each bin, with the number of values averaged; bins
    /// without enough values are left out (months: NaN, as ``MonthlyMeans`` gives them).
    public static func compute(_ series: TimeSeries, resolution: Resolution, samplingSeconds: Double,
                               usable: (Int) -> Bool) -> (series: TimeSeries, counts: [Int]) {
        if resolution == .month {
            let monthly = MonthlyMeans.compute(series, samplingSeconds: samplingSeconds, usable: usable)
            return (monthly, monthly.values.map { $0.isNaN ? 0 : 1 })
        }
        let width = resolution.seconds
        let needed = max(1, Int((width / samplingSeconds * completeness).rounded(.up)))
        var times: [Double] = [], values: [Double] = [], counts: [Int] = []
        series.times.withUnsafeBufferPointer { t in
            series.values.withUnsafeBufferPointer { v in
                var i = 0
                while i < t.count {
                    let bin = (t[i] / width).rounded(.down)
                    var sum = 0.0, n = 0, j = i
                    while j < t.count && (t[j] / width).rounded(.down) == bin {
                        if !v[j].isNaN && usable(j) { sum += v[j]; n += 1 }
                        j += 1
                    }
                    if n >= needed {
                        times.append((bin + 0.5) * width)
                        values.append(sum / Double(n))
                        counts.append(n)
                    }
                    i = j
                }
            }
        }
        return (TimeSeries(times: times, values: values), counts)
    }
}
