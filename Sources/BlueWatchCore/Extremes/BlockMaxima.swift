import Foundation

/// Annual maxima of a series: per calendar year (UTC) the highest valid value and its time,
/// kept only when the year is covered well enough that its maximum can be trusted.
public struct BlockMaxima: Sendable, Codable {
    /// One year's maximum.
    public struct Block: Sendable, Codable, Equatable {
        public let year: Int
        public let value: Double
        /// Seconds since 1970 of the (first) maximum.
        public let time: Double
        /// Valid values over the values the series' sampling would give in a full year.
        public let coverage: Double
    }

    /// The years kept.
    public let blocks: [Block]
    /// Years with data but below the coverage asked for.
    public let skipped: [Block]
    /// The minimum coverage a year needed.
    public let minimumCoverage: Double

    /// Annual maxima of `series` (NaN values skipped). The sampling step is the median gap
    /// between valid values, so a year of monthly maxima expects 12 and a year of hourly data
    /// 8,766; a year is kept when it holds at least `minimumCoverage` of that.
    public init(annual series: TimeSeries, minimumCoverage: Double = 0.8) {
        self.minimumCoverage = minimumCoverage
        var times: [Double] = [], values: [Double] = []
        for i in 0..<series.count where !series.values[i].isNaN {
            times.append(series.times[i]); values.append(series.values[i])
        }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        let step = gaps.isEmpty ? 365.2425 * 86_400 : gaps[gaps.count / 2]
        // Monthly values (maxima or means stamped at varying days) give gaps of 28–31 days:
        // a year of them is 12, not whatever 365 days over their median gap rounds to.
        let days = step / 86_400
        let expected = days >= 27 && days <= 32 ? 12 : max(1, (365.2425 / days).rounded())
        var kept: [Block] = [], short: [Block] = []
        var i = 0
        while i < times.count {
            let year = UTCTime.components(times[i]).year
            let end = UTCTime.seconds(year: year + 1, month: 1, day: 1)
            var best = i, count = 0
            while i < times.count && times[i] < end {
                if values[i] > values[best] { best = i }
                count += 1; i += 1
            }
            let block = Block(year: year, value: values[best], time: times[best], coverage: min(1, Double(count) / expected))
            if block.coverage >= minimumCoverage { kept.append(block) } else { short.append(block) }
        }
        blocks = kept
        skipped = short
    }

    /// The maxima, in year order.
    public var values: [Double] { blocks.map(\.value) }
    /// The decimal year of each maximum's time.
    public var decimalYears: [Double] { blocks.map { UTCTime.decimalYear($0.time) } }
}
