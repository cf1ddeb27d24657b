import BlueWatchCore
import BlueWatchStore

extension ProjectReportBuilder {
    /// The years whose high-tide flooding a report forecasts (NOAA's outlook method).
    static let floodOutlookYears = [2030, 2040, 2050]

    /// High-tide flooding where the data allow: the station's longest hourly (or finer)
    /// sea-level record of at least 30 days in the period, fitted as `bluewatch tides analyse`
    /// does; days per year at or above NOAA's derived minor flood threshold, and the outlook of
    /// `floodOutlookYears` with mean sea level moved by the station's longest meaningful trend.
    func floodDays(station: Station, store: any DataStore, cite: (String, String?) -> Void) throws -> FloodingRunner.Report? {
        let runner = TideRunner(from: from, to: to)
        let records = try runner.records(station: station, store: store).filter { r in
            guard (r.sampling ?? .infinity) <= 3600, let span = r.series.span else { return false }
            return span.upperBound - span.lowerBound >= 30 * 86_400
        }
        guard let record = records.max(by: { $0.series.count < $1.series.count }), let tide = runner.analyse(record).fit,
              let flooding = FloodingRunner(record: record, tide: tide) else { return nil }
        var report = flooding.report(threshold: flooding.threshold(noaa: .minor))
        let trend = try FloodingRunner.outlookTrend(station: station, store: store, to: to)
        do { try flooding.addOutlooks(Self.floodOutlookYears, trend: trend.millimetresPerYear, trendSource: trend.source, to: &report) } catch { return nil }
        for s in record.sources { cite(s.sha256, "\(UTCTime.isoDate(tide.recordSpan.lowerBound)) – \(UTCTime.isoDate(tide.recordSpan.upperBound))") }
        return report
    }
}
