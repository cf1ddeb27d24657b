import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation

/// What `bluewatch tsunami detect` reports for one record.
public struct TsunamiDetectionReport: Sendable, Encodable {
    public var station: String
    public var stationName: String
    public var series: String
    /// "DART (Mofjeld)" or "tide gauge".
    public var detector: String
    /// How the tide was taken out (gauges).
    public var residual: String?
    public var samples: Int
    public var sources: [TrendReport.Source]
    /// The earthquake the triggers are labelled against, if any.
    public var event: String?
    public var earliestTsunami: String?
    public var dartTriggers: [DartDetector.Trigger]
    public var gaugeDetections: [GaugeDetector.Detection]
    /// The first trigger or detection labelled tsunami (time, UTC).
    public var tsunamiArrival: String?
    /// The largest tsunami amplitude seen, metres (gauges: maximum amplitude; DARTs: peak departure).
    public var maximumAmplitude: Double?
    public var failure: String?
}

/// Runs the DART or tide-gauge detector on a record, labelled against an earthquake.
public struct TsunamiDetectionRunner: Sendable {
    public var event: Earthquake?
    public var dart = DartDetector()
    public var gauge = GaugeDetector()

    public init(event: Earthquake? = nil) { self.event = event }

    /// The earthquake to label against when none is given: the strongest of magnitude ≥ 6.5
    /// with its origin between a day before the record starts and the record's end.
    public static func likelyEvent(for series: TimeSeries, among events: [Earthquake]) -> Earthquake? {
        guard let span = series.span else { return nil }
        return events.filter { ($0.magnitude ?? 0) >= 6.5 && $0.time >= span.lowerBound - 86_400 && $0.time <= span.upperBound }
            .max { ($0.magnitude ?? 0) < ($1.magnitude ?? 0) }
    }

    /// `tide`: a fit to use instead of fitting this record (the alert engine reuses one for hours).
    public func report(station: Station, identifier: String, descriptor: SeriesDescriptor, series: TimeSeries,
                       sources: [TrendReport.Source], events: [Earthquake] = [], tide: TideFit? = nil) -> TsunamiDetectionReport {
        let isDART = station.kind == .dartBuoy || descriptor.kind == .waterColumnHeight
        let quake = event ?? TsunamiDetectionRunner.likelyEvent(for: series, among: events)
        let earliest = quake.flatMap { q in station.latitude.isFinite ? q.earliestTsunamiArrival(latitude: station.latitude, longitude: station.longitude) : nil }
        var report = TsunamiDetectionReport(
            station: station.id, stationName: station.name, series: identifier, detector: isDART ? "DART (Mofjeld)" : "tide gauge",
            residual: nil, samples: series.count, sources: sources,
            event: quake.map { "\($0.id) \($0.magnitude.map { String(format: "M%.1f", $0) } ?? "") \(UTCTime.iso($0.time)) \($0.place ?? "")" },
            earliestTsunami: earliest.map { UTCTime.iso($0.rounded()) }, dartTriggers: [], gaugeDetections: [], tsunamiArrival: nil,
            maximumAmplitude: nil, failure: nil)
        guard series.validCount > 0 else {
            report.failure = "the record holds no valid value"
            return report
        }
        if isDART {
            report.dartTriggers = dart.triggers(series, earliestTsunami: earliest)
            let tsunami = report.dartTriggers.filter { $0.label != "seismic" }
            report.tsunamiArrival = tsunami.first.map { UTCTime.iso($0.time) }
            report.maximumAmplitude = tsunami.first.map { abs($0.peakDeparture) }
            return report
        }
        var residual = series
        for i in residual.values.indices where residual.flags[i] == .fail { residual.values[i] = .nan }
        if descriptor.isDerived {
            report.residual = "the file's own de-tided values"
        } else {
            let latitude = station.latitude.isFinite ? station.latitude : 0
            do {
                let fit = try tide ?? TideFit.analyse(residual, latitude: latitude)
                residual = fit.residual(of: residual)
                report.residual = "observed − tide (\(fit.constituents.count) constituents fitted to this record, values QC flagged suspect left out of the fit)"
            } catch {
                report.residual = "no tidal fit possible (\(error)): high-pass filter only"
            }
        }
        report.gaugeDetections = gauge.detect(residual, earliestTsunami: earliest)
        let tsunami = report.gaugeDetections.filter { $0.label != "before any tsunami could arrive" }
        report.tsunamiArrival = tsunami.first.map { UTCTime.iso($0.arrival) }
        report.maximumAmplitude = tsunami.first.map { $0.maximumAmplitude }
        return report
    }
}
