import Foundation

/// Block maxima of a series: per calendar year, or per calendar month (UTC), the highest valid
/// value and its time, kept only when the block is covered well enough that its maximum can be
/// trusted.
public struct BlockMaxima: Sendable, Codable {
    /// One block's maximum.
    public struct Block: Sendable, Codable, Equatable {
        public let year: Int
        /// The month (1–12) of a monthly block; nil for a year.
        public var month: Int? = nil
        public let value: Double
        /// Seconds since 1970 of the (first) maximum.
        public let time: Double
        /// Valid values over the values the series' sampling would give in a full year.
        public let coverage: Double
    }

    /// The blocks kept.
    public let blocks: [Block]
    /// Blocks with data but below the coverage asked for.
    public let skipped: [Block]
    /// The minimum coverage a block needed.
    public let minimumCoverage: Double
    /// 1 for annual blocks, 12 for monthly ones.
    public let blocksPerYear: Int

    /// Annual maxima of `series` (NaN values skipped). The sampling step is the median gap
    /// between valid values, so a year of monthly maxima expects 12 and a year of hourly data
    /// 8,766; a year is kept when it holds at least `minimumCoverage` of that.
    public init(annual series: TimeSeries, minimumCoverage: Double = 0.8) {
        self.init(series, monthly: false, minimumCoverage: minimumCoverage)
    }

    /// Monthly maxima of `series`: a month is kept when it holds at least `minimumCoverage` of
    /// the values its sampling gives in that month (a monthly-maximum record: its one value).
    public init(monthly series: TimeSeries, minimumCoverage: Double = 0.8) {
        self.init(series, monthly: true, minimumCoverage: minimumCoverage)
    }

    private init(_ series: TimeSeries, monthly: Bool, minimumCoverage: Double) {
        self.minimumCoverage = minimumCoverage
        blocksPerYear = monthly ? 12 : 1
        var times: [Double] = [], values: [Double] = []
        for i in 0..<series.count where !series.values[i].isNaN {
            times.append(series.times[i]); values.append(series.values[i])
        }
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        let step = gaps.isEmpty ? 365.2425 * 86_400 : gaps[gaps.count / 2]
        // Monthly values (maxima or means stamped at varying days) give gaps of 28–31 days:
        // a year of them is 12 and a month 1, not whatever the days over their median gap round to.
        let days = step / 86_400
        let monthlyValues = days >= 27 && days <= 32
        var kept: [Block] = [], short: [Block] = []
        var i = 0
        while i < times.count {
            let c = UTCTime.components(times[i])
            let start = UTCTime.seconds(year: c.year, month: monthly ? c.month : 1, day: 1)
            let end = monthly ? UTCTime.seconds(year: c.month == 12 ? c.year + 1 : c.year, month: c.month % 12 + 1, day: 1)
                              : UTCTime.seconds(year: c.year + 1, month: 1, day: 1)
            let expected = monthlyValues ? (monthly ? 1 : 12) : max(1, ((monthly ? end - start : 365.2425 * 86_400) / step).rounded())
            var best = i, count = 0
            while i < times.count && times[i] < end {
                if values[i] > values[best] { best = i }
                count += 1; i += 1
            }
            let block = Block(year: c.year, month: monthly ? c.month : nil, value: values[best], time: times[best],
                              coverage: min(1, Double(count) / expected))
            if block.coverage >= minimumCoverage { kept.append(block) } else { short.append(block) }
        }
        blocks = kept
        skipped = short
    }

    /// The maxima, in time order.
    public var values: [Double] { blocks.map(\.value) }
    /// The covariate of each maximum: the decimal year of its time (annual blocks), or the
    /// centre of its month, year + (month − ½)/12 (monthly blocks, whose seasonal cycle is
    /// taken at the block's centre, as the return levels take it).
    public var decimalYears: [Double] {
        blocks.map { b in b.month.map { Double(b.year) + (Double($0) - 0.5) / 12 } ?? UTCTime.decimalYear(b.time) }
    }
}
