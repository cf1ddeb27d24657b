/// Flood and drought indicators of a river gauge from daily stage (Docs/METHODS.md, "River
/// indicators"), per calendar year (UTC days):
/// - days at or above each published level, in the year and in its wet-season months, from
///   the daily maximum stage when the gauge reports one (as NWS flood categories are judged),
///   otherwise from the daily stage;
/// - the year's highest and lowest daily stage, with their days;
/// - drought days: days whose stage is below the 10th percentile of all the record's values
///   within ±15 days of the same day of year (linear interpolation between order statistics,
///   as numpy's default);
/// - days with a value, so a reader sees how complete each year is.
public struct RiverIndicators: Sendable, Equatable {
    public struct Year: Sendable, Equatable {
        public var year: Int
        public var days: Int
        public var maximum: Double?
        public var maximumDay: Double?
        public var minimum: Double?
        public var minimumDay: Double?
        /// Days at or above each level, in the order of ``RiverIndicators/levels``.
        public var daysAtOrAbove: [Int]
        /// The same within the wet-season months.
        public var wetSeasonDaysAtOrAbove: [Int]
        public var droughtDays: Int
        public var droughtDaysJudged: Int
    }

    /// The station's levels, lowest stage first.
    public let levels: [RiverLevel]
    public let wetSeasonMonths: Set<Int>
    public let years: [Year]
    /// Half-width of the day-of-year window for the drought percentile.
    public static let droughtWindowDays = 15
    public static let droughtPercentile = 10.0

    /// - Parameters:
    ///   - stage: daily stage (one value per UTC day; NaN missing). Values flagged fail are left out.
    ///   - dailyMaximum: the daily maximum stage, when the gauge reports it.
    public init(stage: TimeSeries, dailyMaximum: TimeSeries?, levels: [RiverLevel], wetSeasonMonths: Set<Int>) {
        let ordered = levels.ascending
        self.levels = ordered
        self.wetSeasonMonths = wetSeasonMonths
        let daily = Self.byDay(stage)
        let peaks = dailyMaximum.map(Self.byDay) ?? daily
        let thresholds = Self.droughtThresholds(daily)
        var byYear: [Int: Year] = [:]
        let levelCount = levels.count
        func year(_ day: Int) -> Int { UTCTime.civil(days: day).year }
        func blank(_ y: Int) -> Year {
            Year(year: y, days: 0, maximum: nil, maximumDay: nil, minimum: nil, minimumDay: nil,
                 daysAtOrAbove: Array(repeating: 0, count: levelCount), wetSeasonDaysAtOrAbove: Array(repeating: 0, count: levelCount),
                 droughtDays: 0, droughtDaysJudged: 0)
        }
        for (day, value) in daily.sorted(by: { $0.key < $1.key }) {
            let y = year(day)
            var entry = byYear[y] ?? blank(y)
            entry.days += 1
            let t = Double(day) * 86_400 + 43_200
            if entry.maximum.map({ value > $0 }) ?? true { entry.maximum = value; entry.maximumDay = t }
            if entry.minimum.map({ value < $0 }) ?? true { entry.minimum = value; entry.minimumDay = t }
            if let threshold = thresholds[Self.dayOfYear(day)] {
                entry.droughtDaysJudged += 1
                if value < threshold { entry.droughtDays += 1 }
            }
            byYear[y] = entry
        }
        for (day, peak) in peaks {
            let y = year(day)
            var entry = byYear[y] ?? blank(y)
            let wet = wetSeasonMonths.contains(UTCTime.civil(days: day).month)
            for (i, level) in ordered.enumerated() where peak >= level.stage {
                entry.daysAtOrAbove[i] += 1
                if wet { entry.wetSeasonDaysAtOrAbove[i] += 1 }
            }
            byYear[y] = entry
        }
        self.years = byYear.values.sorted { $0.year < $1.year }
    }

    /// One value per UTC day (the mean when a day holds several), fail-flagged and missing left out.
    static func byDay(_ series: TimeSeries) -> [Int: Double] {
        var sums: [Int: (Double, Int)] = [:]
        for i in 0..<series.count where !series.values[i].isNaN && series.flags[i] != .fail {
            let day = Int((series.times[i] / 86_400).rounded(.down))
            let s = sums[day] ?? (0, 0)
            sums[day] = (s.0 + series.values[i], s.1 + 1)
        }
        return sums.mapValues { $0.0 / Double($0.1) }
    }

    /// Day of year 1…366 of a day count since 1970.
    static func dayOfYear(_ day: Int) -> Int {
        let c = UTCTime.civil(days: day)
        return day - UTCTime.days(year: c.year, month: 1, day: 1) + 1
    }

    /// The 10th percentile of the values within ±15 days of each day of year (circular),
    /// for days of year with at least 30 values in their window.
    static func droughtThresholds(_ daily: [Int: Double]) -> [Int: Double] {
        var byDOY = [[Double]](repeating: [], count: 367)
        for (day, v) in daily { byDOY[dayOfYear(day)].append(v) }
        var result: [Int: Double] = [:]
        for d in 1...366 {
            var window: [Double] = []
            for offset in -droughtWindowDays...droughtWindowDays {
                var k = d + offset
                if k < 1 { k += 366 } else if k > 366 { k -= 366 }
                window += byDOY[k]
            }
            guard window.count >= 30 else { continue }
            result[d] = Self.percentile(window.sorted(), droughtPercentile)
        }
        return result
    }

    /// Percentile `p` (0…100) of sorted values, linear between order statistics.
    public static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = p / 100 * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - Double(lo))
    }
}
