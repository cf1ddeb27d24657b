/// Monthly means from sub-monthly data with an explicit completeness rule, as UHSLC computes
/// them (UHSLC processing notes, NCEI accession 0002129, `hour2daily.txt`): a month's value is
/// the average of its daily values and exists only if seven or fewer days are missing. A day
/// counts when at least `dayCompleteness` (75 %) of its expected samples are present; the
/// expected number comes from the series' sampling interval. Daily values here are plain
/// means (UHSLC first removes the tide and low-pass filters; for monthly means the difference
/// is small and is documented in Docs/METHODS.md).
public enum MonthlyMeans {
    public static let maximumMissingDays = 7
    public static let dayCompleteness = 0.75

    /// Monthly means at the middle of each calendar month (UTC), NaN for incomplete months,
    /// covering every month from the first to the last value. `usable` says which values count.
    public static func compute(_ series: TimeSeries, samplingSeconds: Double, usable: (Int) -> Bool) -> TimeSeries {
        guard let first = series.times.first, let last = series.times.last else { return TimeSeries(times: [], values: []) }
        let perDay = max(1, Int((86_400 / samplingSeconds).rounded()))
        let needed = Int((Double(perDay) * dayCompleteness).rounded(.up))
        // Daily sums.
        var dayMeans: [Int: Double] = [:]
        var i = 0
        while i < series.count {
            let day = Int((series.times[i] / 86_400).rounded(.down))
            var sum = 0.0, n = 0, j = i
            while j < series.count && Int((series.times[j] / 86_400).rounded(.down)) == day {
                if usable(j), !series.values[j].isNaN { sum += series.values[j]; n += 1 }
                j += 1
            }
            if n >= needed { dayMeans[day] = sum / Double(n) }
            i = j
        }
        let start = UTCTime.components(first), end = UTCTime.components(last)
        var times: [Double] = [], values: [Double] = []
        var y = start.year, m = start.month
        while (y, m) <= (end.year, end.month) {
            let firstDay = UTCTime.days(year: y, month: m, day: 1)
            let nextDay = m == 12 ? UTCTime.days(year: y + 1, month: 1, day: 1) : UTCTime.days(year: y, month: m + 1, day: 1)
            let days = (firstDay..<nextDay).compactMap { dayMeans[$0] }
            times.append(UTCTime.middleOfMonth(year: y, month: m))
            values.append(nextDay - firstDay - days.count <= maximumMissingDays ? days.reduce(0, +) / Double(days.count) : .nan)
            m += 1
            if m == 13 { m = 1; y += 1 }
        }
        return TimeSeries(times: times, values: values)
    }
}
