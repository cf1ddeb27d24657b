import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// Tsunami detection on the real DART and tide-gauge records of ../shared/data/tsunami.
struct TsunamiDetectionTests {
    static let tohoku = Earthquake(id: "official20110311054624120_30", time: UTCTime.parse("2011-03-11T05:46:24Z")!, latitude: 38.297, longitude: 142.373,
                                   depthKm: 29, magnitude: 9.1, magnitudeType: "mww", place: nil, eventType: "earthquake")
    static let chile2010 = Earthquake(id: "official20100227063411530_30", time: UTCTime.parse("2010-02-27T06:34:11Z")!, latitude: -36.122, longitude: -72.898,
                                      depthKm: 22.9, magnitude: 8.8, magnitudeType: "mww", place: nil, eventType: "earthquake")
    static let tonga2006 = Earthquake(id: "usp000eg5g", time: UTCTime.parse("2006-05-03T15:26:40Z")!, latitude: -20.187, longitude: -174.123,
                                      depthKm: 55, magnitude: 8.0, magnitudeType: "mwc", place: nil, eventType: "earthquake")
    static let chile2015 = Earthquake(id: "us20003k7a", time: UTCTime.parse("2015-09-16T22:54:32Z")!, latitude: -31.5729, longitude: -71.6744,
                                      depthKm: 22.44, magnitude: 8.3, magnitudeType: "mww", place: nil, eventType: "earthquake")

    static func series(_ relative: String, variable: String? = nil) throws -> TimeSeries {
        let parsed = try Checkout.reader().read(TestPaths.data(relative))
        return try #require(parsed.series.first { variable == nil || $0.descriptor.variable == variable }).series
    }

    /// When a de-tided record first departs by more than `threshold` after `earliest`.
    static func visibleArrival(_ s: TimeSeries, after earliest: Double, threshold: Double) -> Double? {
        s.times.indices.first { s.times[$0] >= earliest && abs(s.values[$0]) > threshold }.map { s.times[$0] }
    }

    @Test("DART: the Mofjeld detector fires on the tsunami, labels the earthquake's seismic waves, and nothing else comes first",
          arguments: ["21401", "21413", "21418"])
    func dartTohoku(id: String) throws {
        let raw = try Self.series("tsunami/dart_tohoku2011_raw/\(id).txt")
        let station = try #require(try Checkout.registry().station(id: "dart-\(id)"))
        let earliest = Self.tohoku.earliestTsunamiArrival(latitude: station.latitude, longitude: station.longitude)
        let triggers = DartDetector().triggers(raw, earliestTsunami: earliest)
        let tsunami = try #require(triggers.first { $0.label == "tsunami" })
        // Nothing but seismic triggers before it; the quake's own seismic waves are caught as such.
        #expect(triggers.prefix { $0 != tsunami }.allSatisfy { $0.label == "seismic" })
        #expect(triggers.contains { $0.label == "seismic" && $0.time >= Self.tohoku.time && $0.time < Self.tohoku.time + 900 })
        #expect(abs(tsunami.peakDeparture) > 0.3)
        // Compared with the arrival in LeVeque's de-tided record of the same buoy.
        let detided = try Self.series("tsunami/dart_tohoku2011_raw/\(id)_notide.txt")
        let visible = try #require(Self.visibleArrival(detided, after: earliest, threshold: 0.03))
        #expect(abs(tsunami.time - visible) <= 300, "DART \(id): trigger \(UTCTime.iso(tsunami.time)), de-tided arrival \(UTCTime.iso(visible))")
    }

    @Test("DART 32412, Chile 2010: fires on the tsunami and not before it")
    func dartChile() throws {
        let detided = try Self.series("tsunami/dart_chile2010/32412_notide.txt")
        let station = try #require(try Checkout.registry().station(id: "dart-32412"))
        let earliest = Self.chile2010.earliestTsunamiArrival(latitude: station.latitude, longitude: station.longitude)
        let triggers = DartDetector().triggers(detided, earliestTsunami: earliest)
        let tsunami = try #require(triggers.first { $0.label == "tsunami" })
        #expect(triggers.prefix { $0 != tsunami }.allSatisfy { $0.label == "seismic" })
        let visible = try #require(Self.visibleArrival(detided, after: earliest, threshold: 0.03))
        #expect(abs(tsunami.time - visible) <= 900, "trigger \(UTCTime.iso(tsunami.time)), visible \(UTCTime.iso(visible))")
        // Three hours before the earthquake the buoy's record is quiet: no trigger there.
        #expect(!triggers.contains { $0.time < Self.chile2010.time })
    }

    @Test("Nuku'alofa: one detection per event, at the arrival in Geoscience Australia's residual, none on quiet days", arguments: [
        ("tohoku2011", 0), ("chile2010", 1), ("chile2015", 2), ("tonga2006", 3),
    ])
    func nukualofa(event: String, index: Int) throws {
        let quake = [Self.tohoku, Self.chile2010, Self.chile2015, Self.tonga2006][index]
        let path = "tsunami/tidegauge_nukualofa/nukualofa_\(event)_detided.csv"
        let observed = try Self.series(path, variable: "sea_level")
        let residual = try TideFit.analyse(observed, latitude: -21.14).residual(of: observed)
        let earliest = quake.earliestTsunamiArrival(latitude: -21.14, longitude: -175.18)
        let detections = GaugeDetector().detect(residual, earliestTsunami: earliest)
        #expect(detections.count == 1, "\(event): \(detections.map { UTCTime.iso($0.arrival) })")
        let d = try #require(detections.first)
        #expect(d.label == "tsunami")
        let reference = try Self.series(path, variable: "sea_level_residual")
        let fromGA = try #require(GaugeDetector().detect(reference, earliestTsunami: earliest).first)
        // The detector fires within minutes on both residuals; the onset picked back from the
        // trigger (3σ) can differ more where small early waves hide in the noise (Chile 2015).
        #expect(abs(d.triggeredAt - fromGA.triggeredAt) <= 300, "\(event): ours \(UTCTime.iso(d.triggeredAt)), on GA's residual \(UTCTime.iso(fromGA.triggeredAt))")
        #expect(abs(d.arrival - fromGA.arrival) <= 1200, "\(event): onset \(UTCTime.iso(d.arrival)) vs \(UTCTime.iso(fromGA.arrival))")
        // Quiet days: the pre-event record (before the quake) gives no alarm.
        let quiet = (residual.times.first!, quake.time)
        let days = (quiet.1 - quiet.0) / 86_400
        #expect(days > 0.3)
        #expect(detections.filter { $0.arrival < quake.time }.isEmpty)
        #expect(d.maximumAmplitude >= abs(d.firstPeak))
        #expect((d.dominantPeriodMinutes ?? 0) > 8 && (d.dominantPeriodMinutes ?? 0) < 90)
    }

    @Test("Hilo and Kahului 2011: detected at the arrival, amplitudes in metres", arguments: ["hilo", "kahului"])
    func hawaii(name: String) throws {
        let folder = TestPaths.data("tsunami/tidegauge_hawaii_tohoku2011")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix(name) })
        let observed = try Self.series("tsunami/tidegauge_hawaii_tohoku2011/" + file)
        let station = try #require(try Checkout.registry().station(id: name))
        let residual = try TideFit.analyse(observed, latitude: station.latitude).residual(of: observed)
        let earliest = Self.tohoku.earliestTsunamiArrival(latitude: station.latitude, longitude: station.longitude)
        let detections = GaugeDetector().detect(residual, earliestTsunami: earliest)
        #expect(detections.count == 1)
        let d = try #require(detections.first)
        #expect(d.label == "tsunami" && d.maximumAmplitude > 1)
        // The arrival visible in the residual itself (no filtering, so nothing is smeared in
        // time): the first of three consecutive minutes beyond 4σ of the residual before any
        // tsunami could arrive.
        let quiet = residual.values.indices.filter { residual.times[$0] < earliest && !residual.values[$0].isNaN }.map { residual.values[$0] }
        let mean = quiet.reduce(0, +) / Double(quiet.count)
        let rms = (quiet.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(quiet.count)).squareRoot()
        let r = residual.values
        let visible = try #require(r.indices.dropLast(2).first { k in
            residual.times[k] >= earliest && (k..<(k + 3)).allSatisfy { !r[$0].isNaN && abs(r[$0] - mean) > 4 * rms }
        }.map { residual.times[$0] })
        #expect(abs(d.arrival - visible) <= 300, "\(name): detected \(UTCTime.iso(d.arrival)), visible \(UTCTime.iso(visible))")
    }
}
