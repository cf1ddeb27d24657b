import Foundation

/// High-tide flooding: days on which the water reaches a flood threshold, per year, and the
/// expected number in a coming year (NOAA's annual high-tide-flooding outlook method in
/// outline: Sweet, Marra & Dusek, *2019 State of U.S. High Tide Flooding with a 2020 Outlook*,
/// NOAA Tech. Rep. NOS CO-OPS 092).
public enum HighTideFlooding {
    /// NOAA's derived flood thresholds above MHHW from the great diurnal range GT (m)
    /// (Sweet et al. 2018, *Patterns and Projections of High Tide Flooding*, NOAA Tech. Rep.
    /// NOS CO-OPS 086, §2): minor 0.04·GT + 0.50 m, moderate 0.03·GT + 0.80 m, major
    /// 0.04·GT + 1.17 m.
    public enum Severity: String, Sendable, Codable, CaseIterable {
        case minor, moderate, major

        /// Height of the threshold above MHHW (m).
        public func aboveMHHW(greatDiurnalRange gt: Double) -> Double {
            switch self {
            case .minor: 0.04 * gt + 0.50
            case .moderate: 0.03 * gt + 0.80
            case .major: 0.04 * gt + 1.17
            }
        }
    }

    /// One calendar year's count.
    public struct Year: Sendable, Codable, Equatable {
        public let year: Int
        /// Days whose highest valid value reached the threshold.
        public let floodDays: Int
        /// Days with at least `minimumPerDay` valid values (the others are not judged).
        public let daysJudged: Int
        /// The year's highest value (m).
        public let maximum: Double

        public init(year: Int, floodDays: Int, daysJudged: Int, maximum: Double) {
            self.year = year; self.floodDays = floodDays; self.daysJudged = daysJudged; self.maximum = maximum
        }
    }

    /// Flood days per calendar year (UTC days) of `series` at or above `threshold`. A day is
    /// judged when it holds at least `minimumPerDay` valid values (so a day of hourly data
    /// needs 18 of 24 by default: its maximum may otherwise be missed).
    public static func floodDays(_ series: TimeSeries, threshold: Double, minimumPerDay: Int = 18) -> [Year] {
        var years: [Int: (flood: Int, judged: Int, max: Double)] = [:]
        for d in dailyMaxima(series) {
            let year = UTCTime.components(d.day).year
            var entry = years[year] ?? (0, 0, -Double.infinity)
            entry.max = max(entry.max, d.maximum)
            if d.count >= minimumPerDay {
                entry.judged += 1
                if d.maximum >= threshold { entry.flood += 1 }
            }
            years[year] = entry
        }
        return years.sorted { $0.key < $1.key }.map { Year(year: $0.key, floodDays: $0.value.flood, daysJudged: $0.value.judged, maximum: $0.value.max) }
    }

    /// Per UTC day with a valid value: the day's start (seconds), its highest valid value and
    /// how many valid values it holds.
    public static func dailyMaxima(_ series: TimeSeries) -> [(day: Double, maximum: Double, count: Int)] {
        var out: [(day: Double, maximum: Double, count: Int)] = []
        var i = 0
        while i < series.count {
            let day = (series.times[i] / 86_400).rounded(.down)
            var n = 0, top = -Double.infinity
            while i < series.count && (series.times[i] / 86_400).rounded(.down) == day {
                let v = series.values[i]
                if !v.isNaN { n += 1; top = max(top, v) }
                i += 1
            }
            if n > 0 { out.append((day * 86_400, top, n)) }
        }
        return out
    }

    /// The trend of the flood days: the least-squares slope (days per year, per year) and its
    /// 95 % interval (Student t) over the years with at least `minimumJudged` days judged; nil
    /// with fewer than `minimumYears` such years.
    public struct DaysTrend: Sendable, Codable, Equatable {
        public let daysPerYearPerYear: Double
        public let lower: Double
        public let upper: Double
        public let years: Int
    }

    public static func trend(_ years: [Year], minimumJudged: Int = 292, minimumYears: Int = 5) -> DaysTrend? {
        let used = years.filter { $0.daysJudged >= minimumJudged }
        guard used.count >= minimumYears else { return nil }
        let x = used.map { Double($0.year) }, y = used.map { Double($0.floodDays) }
        let n = Double(used.count), mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        guard sxx > 0 else { return nil }
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / sxx
        let sse = zip(x, y).reduce(0) { $0 + pow($1.1 - my - slope * ($1.0 - mx), 2) }
        let se = (sse / (n - 2) / sxx).squareRoot()
        let t = Distributions.studentTQuantile(0.975, df: n - 2)
        return DaysTrend(daysPerYearPerYear: slope, lower: slope - t * se, upper: slope + t * se, years: used.count)
    }

    /// The outlook of a coming period: for each day, the chance that the day's highest water
    /// — its predicted highest tide, plus the mean-sea-level offset, plus a skew surge drawn
    /// from the record's own days — reaches the threshold; the expected flood days are
    /// their sum, and the 5–95 % range that of independent days (Poisson-binomial, by the
    /// normal approximation).
    public struct Outlook: Sendable, Codable, Equatable {
        public let expectedDays: Double
        public let low: Double
        public let high: Double
        /// Expected days per calendar month (1…12) of the period.
        public let byMonth: [Double]
    }

    /// `dailyTideMaxima`: (UTC day start, highest predicted tide of the day, m);
    /// `residualDailyMaxima`: the record's daily skew surges (highest water minus highest
    /// predicted tide of the day, m);
    /// `offset`: mean sea level of the period minus that of the fitted record (m).
    public static func outlook(dailyTideMaxima: [(day: Double, height: Double)], residualDailyMaxima: [Double],
                               offset: Double, threshold: Double) -> Outlook? {
        let residuals = residualDailyMaxima.filter { !$0.isNaN }.sorted()
        guard !residuals.isEmpty, !dailyTideMaxima.isEmpty else { return nil }
        let n = Double(residuals.count)
        var expected = 0.0, variance = 0.0
        var byMonth = [Double](repeating: 0, count: 12)
        for (day, tide) in dailyTideMaxima {
            // P(residual ≥ threshold − tide − offset), empirical.
            let need = threshold - tide - offset
            var lo = 0, hi = residuals.count
            while lo < hi { let mid = (lo + hi) / 2; if residuals[mid] < need { lo = mid + 1 } else { hi = mid } }
            let p = Double(residuals.count - lo) / n
            expected += p
            variance += p * (1 - p)
            byMonth[UTCTime.components(day).month - 1] += p
        }
        let sd = variance.squareRoot()
        return Outlook(expectedDays: expected, low: max(0, expected - 1.645 * sd), high: expected + 1.645 * sd, byMonth: byMonth)
    }
}
