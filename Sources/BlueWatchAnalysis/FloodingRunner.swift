import BlueWatchCore
import BlueWatchStore

/// High-tide flooding at a station from its tidal record and its fit: flood days per year above
/// a threshold, and NOAA's outlook (Sweet, Marra & Dusek 2019) of the expected flood days of
/// coming years. `bluewatch flooding` and the project reports both call it.
public struct FloodingRunner: Sendable {
    /// The flood threshold, on the record's datum.
    public struct Threshold: Sendable, Codable, Equatable {
        /// Metres on the record's datum.
        public let level: Double
        /// How it was set ("NOAA derived minor flood threshold: 0.524 m above MHHW …").
        public let text: String
    }

    /// One year's outlook, with the mean-sea-level offset it assumed.
    public struct YearOutlook: Sendable, Codable, Equatable {
        public let year: Int
        public let expectedDays: Double
        public let low: Double
        public let high: Double
        public let byMonth: [Double]
        /// Mean sea level of the year minus the fitted record's (m).
        public let offset: Double
    }

    /// Flood days and outlooks of one record.
    public struct Report: Sendable, Codable {
        public var station: String
        public var series: String
        public var threshold: Threshold
        public var datums: TidalDatums
        public var years: [HighTideFlooding.Year]
        /// The flood days' trend over the judged years (nil below five such years).
        public var daysTrend: HighTideFlooding.DaysTrend?
        public var outlooks: [YearOutlook] = []
        /// The mean-sea-level trend (mm/yr) the outlooks move the mean with, and its source.
        public var trendMillimetresPerYear: Double?
        public var trendSource: String?
        /// Days of skew surge the outlooks draw from.
        public var skewSurgeDays: Int?
        public var notes: [String] = []
    }

    public let record: TideRunner.Record
    public let tide: TideFit
    public let datums: TidalDatums
    /// True when the datums come from the record's observed high and low waters.
    public let datumsObserved: Bool

    /// Nil when the fit gives no high and low waters to compute datums from. The datums are
    /// observed when the record spans 1983–2001, else predicted (`TideFit.datums(for:)`).
    public init?(record: TideRunner.Record, tide: TideFit) {
        guard let (datums, observed) = tide.datums(for: record.series) else { return nil }
        self.record = record
        self.tide = tide
        self.datums = datums
        datumsObserved = observed
    }

    /// NOAA's derived flood threshold of `severity` (Sweet et al. 2018), above MHHW.
    public func threshold(noaa severity: HighTideFlooding.Severity) -> Threshold {
        let above = severity.aboveMHHW(greatDiurnalRange: datums.gt)
        return Threshold(level: datums.mhhw + above,
                         text: String(format: "NOAA derived %@ flood threshold: %.3f m above MHHW (GT %.3f m; Sweet et al. 2018)", severity.rawValue, above, datums.gt))
    }

    /// `metres` above the datum `name` (MHHW, MSL, …); nil for an unknown datum name.
    public func threshold(_ metres: Double, above name: String) -> Threshold? {
        guard let base = datums.height(of: name) else { return nil }
        return Threshold(level: base + metres, text: String(format: "%.3f m above %@", metres, name.uppercased()))
    }

    /// `metres` on the record's own datum.
    public func threshold(onRecordDatum metres: Double) -> Threshold {
        Threshold(level: metres, text: String(format: "%.3f m on the record's datum", metres))
    }

    /// The record with values flagged suspect or fail left out.
    var usable: TimeSeries {
        var series = record.series
        series.values = zip(series.values, series.flags).map { $1 == .fail || $1 == .suspect ? .nan : $0 }
        return series
    }

    /// Values a day needs to be judged: three quarters of its samples.
    var minimumPerDay: Int { max(1, Int((0.75 * 86_400 / (record.sampling ?? 3600)).rounded(.up))) }

    /// Flood days per calendar year of the record (without outlooks).
    public func report(threshold: Threshold) -> Report {
        let years = HighTideFlooding.floodDays(usable, threshold: threshold.level, minimumPerDay: minimumPerDay)
        return Report(station: record.station.id, series: record.identifier, threshold: threshold, datums: datums,
               years: years, daysTrend: HighTideFlooding.trend(years),
               notes: ["datums from the \(datumsObserved ? "observed high and low waters" : "harmonic prediction") over 1983–2001 of \(record.identifier) (\(UTCTime.isoDate(tide.recordSpan.lowerBound))…\(UTCTime.isoDate(tide.recordSpan.upperBound)))"])
    }

    /// The skew surges of the record: each judged day's highest water minus its highest
    /// predicted tide (Williams et al. 2016), so the tide's maximum and the anomaly are not
    /// both maxima.
    public func skewSurges() -> [Double] {
        let series = usable
        let predicted = TimeSeries(times: series.times, values: tide.predict(at: series.times, trendBeyondRecord: false))
        let tideByDay = Dictionary(HighTideFlooding.dailyMaxima(predicted).map { ($0.day, $0.maximum) }, uniquingKeysWith: max)
        return HighTideFlooding.dailyMaxima(series).filter { $0.count >= minimumPerDay }.compactMap { d in tideByDay[d.day].map { d.maximum - $0 } }
    }

    /// Adds the outlooks of `years` to `report`: mean sea level moved from the fitted record by
    /// `trend` mm/yr (from `trendSource`) to each year's middle.
    public func addOutlooks(_ years: [Int], trend: Double, trendSource: String, to report: inout Report) throws(FloodingError) {
        let surges = skewSurges()
        guard !surges.isEmpty else { throw FloodingError("no day of \(record.identifier) holds enough values for a skew surge; the outlook needs them") }
        for year in years {
            let start = UTCTime.seconds(year: year, month: 1, day: 1), end = UTCTime.seconds(year: year + 1, month: 1, day: 1)
            var daily: [Double: Double] = [:]
            for e in tide.highLowWaters(from: start, to: end).events where e.kind.isHigh {
                let day = (e.time / 86_400).rounded(.down) * 86_400
                daily[day] = max(daily[day] ?? -.infinity, e.height)
            }
            let offset = trend / 1000 * ((start + end) / 2 - tide.recordSpan.upperBound) / (365.2425 * 86_400)
            guard let o = HighTideFlooding.outlook(dailyTideMaxima: daily.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                                   residualDailyMaxima: surges, offset: offset, threshold: report.threshold.level) else {
                throw FloodingError("no predicted high water in \(year)")
            }
            report.outlooks.append(YearOutlook(year: year, expectedDays: o.expectedDays, low: o.low, high: o.high, byMonth: o.byMonth, offset: offset))
        }
        report.trendMillimetresPerYear = trend
        report.trendSource = trendSource
        report.skewSurgeDays = surges.count
        report.notes.append("outlook skew-surge climatology (daily highest water minus highest predicted tide) from \(surges.count) days of \(record.identifier)")
    }

    /// The trend that moves mean sea level in an outlook: the station's longest meaningful
    /// stored record (OLS), or none (said so).
    public static func outlookTrend(station: Station, store: any DataStore, to: Double? = nil) throws -> (millimetresPerYear: Double, source: String) {
        let reports = try StationTrendRunner(to: to).reports(station: station, store: store)
        if let best = reports.compactMap({ r in r.trend.flatMap { $0.meaningful ? (r.series, $0) : nil } }).max(by: { $0.1.spanYears < $1.1.spanYears }) {
            return (best.1.ols.estimate, "OLS trend of \(best.0) \(best.1.start)…\(best.1.end)")
        }
        return (0, "no meaningful trend stored for \(station.id): mean sea level held at the fitted record's")
    }
}

/// Why a flooding analysis could not be made.
public struct FloodingError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
