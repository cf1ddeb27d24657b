import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// High and low waters and tidal datums of the Honolulu 2010 fit, against an independent extrema
/// search on the same prediction sampled every minute (scripts/reference/datums_reference.py).
struct TidalDatumsTests {
    struct Reference: Decodable {
        struct Event: Decodable { let time: Double; let height: Double; let type: String }
        let events: [Event]
        let datums: [String: Double]
    }

    static func honoluluFit() throws -> TideFit {
        let dataset = try Checkout.reader().read(TestPaths.data("sealevel/hourly/HNL2010.asc"))
        let series = try #require(dataset.series.first { $0.descriptor.variable == "sea_level" }?.series)
        return try TideFit.analyse(series, latitude: 21.3067)
    }

    @Test("high and low waters within 1 minute and 1 mm of the reference search, labels equal; datums over the year within 1 mm")
    func honolulu2010() throws {
        let fit = try Self.honoluluFit()
        let start = UTCTime.seconds(year: 2010, month: 1, day: 1), end = UTCTime.seconds(year: 2011, month: 1, day: 1)
        let times = stride(from: start, through: end, by: 60).map { $0 }
        let curve = fit.predict(at: times, minimumSNR: 2, trendBeyondRecord: false)
        let dir = TemporaryDirectory()
        var text = "time,height\n"
        text.reserveCapacity(times.count * 24)
        for (t, h) in zip(times, curve) { text += "\(Int(t)),\(String(format: "%.7f", h))\n" }
        try text.write(toFile: dir.file("curve.csv"), atomically: true, encoding: .utf8)

        let python = Process()
        python.executableURL = URL(fileURLWithPath: TestPaths.packageRoot + "/.venv/bin/python")
        python.arguments = [TestPaths.packageRoot + "/scripts/reference/datums_reference.py", dir.file("curve.csv"), String(Int(start))]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        python.waitUntilExit()
        try #require(python.terminationStatus == 0, "the reference script failed (numpy missing? run scripts/bootstrap.sh --test)")
        let reference = try JSONDecoder().decode(Reference.self, from: data)

        let waters = fit.highLowWaters(from: start, to: end)
        try #require(waters.events.count == reference.events.count, "\(waters.events.count) vs \(reference.events.count) turning points")
        #expect(waters.events.count > 1300)
        for (a, b) in zip(waters.events, reference.events) {
            #expect(abs(a.time - b.time) <= 60 && abs(a.height - b.height) <= 0.001 && a.kind.rawValue == b.type,
                    "\(UTCTime.iso(a.time)) \(a.height) \(a.kind.rawValue) vs \(UTCTime.iso(b.time)) \(b.height) \(b.type)")
        }
        let datums = try #require(fit.datums(epoch: start...end))
        for (name, value) in datums.named {
            #expect(abs(value - (reference.datums[name] ?? .nan)) <= 0.001, "\(name) \(value) vs \(reference.datums[name] ?? .nan)")
        }
        #expect(datums.mhhw > datums.mhw && datums.mhw > datums.msl && datums.msl > datums.mlw && datums.mlw > datums.mllw)
    }

    @Test("datums from observation when a record spans the epoch: a tide with sampling noise and gaps gives the prediction's datums within 1 cm; a 0.2 m higher sea moves every level datum by 0.2 m; a one-year record does not span a 19-year epoch")
    func observedDatums() throws {
        let fit = try Self.honoluluFit()
        let epoch = UTCTime.seconds(year: 2009, month: 1, day: 1)...UTCTime.seconds(year: 2011, month: 1, day: 1)
        let hours = stride(from: epoch.lowerBound, to: epoch.upperBound, by: 3600).map { $0 }
        let tide = fit.predict(at: hours, minimumSNR: 2, trendBeyondRecord: false)
        var rng = SplitMix64(seed: 7)
        var times: [Double] = [], values: [Double] = []
        for (t, h) in zip(hours, tide) where rng.next(below: 100) >= 10 {   // 10 % of the hours missing
            times.append(t)
            values.append(h + 0.02 * (Double(rng.next(below: 2001)) / 1000 - 1))   // ±2 cm noise
        }
        let observed = TimeSeries(times: times, values: values)
        #expect(TideFit.coversEpoch(observed, epoch: epoch))
        #expect(!TideFit.coversEpoch(observed, epoch: TidalDatums.nationalTidalDatumEpoch))
        let predicted = try #require(fit.datums(epoch: epoch))
        let fromObservation = try #require(fit.observedDatums(observed, epoch: epoch))
        for name in ["MHHW", "MHW", "MSL", "MLW", "MLLW", "GT"] {
            let (a, b) = (fromObservation.height(of: name)!, predicted.height(of: name)!)
            #expect(abs(a - b) < 0.01, "\(name): observed \(a) vs predicted \(b)")
        }
        let raised = try #require(fit.observedDatums(TimeSeries(times: times, values: values.map { $0 + 0.2 }), epoch: epoch))
        for name in TidalDatums.levelNames {
            #expect(abs(raised.height(of: name)! - fromObservation.height(of: name)! - 0.2) < 1e-6, "\(name) moves with the sea")
        }
        #expect(abs(raised.gt - fromObservation.gt) < 1e-6)
    }

    @Test("observed high and low waters of Honolulu, February 2010: as many as predicted under the same wiggle rule, each within 5 cm of the hourly observations around it, and the record's own heights")
    func observedHighLow() throws {
        let dataset = try Checkout.reader().read(TestPaths.data("sealevel/hourly/HNL2010.asc"))
        let series = try #require(dataset.series.first { $0.descriptor.variable == "sea_level" }?.series)
        let fit = try TideFit.analyse(series, latitude: 21.3067)
        let start = UTCTime.seconds(year: 2010, month: 2, day: 1), end = UTCTime.seconds(year: 2010, month: 3, day: 1)
        let observed = try #require(fit.observedHighLowWaters(series, from: start, to: end))
        // The prediction under the same wiggle rule (Honolulu's small secondary tides fall under it on some days).
        let predicted = HighLowWaters(curve: { fit.predict(at: $0, minimumSNR: 2, trendBeyondRecord: false) }, from: start, to: end,
                                      minimumRange: 0.03, minimumSeparation: 7200)
        #expect(abs(observed.events.count - predicted.events.count) <= 4, "\(observed.events.count) observed vs \(predicted.events.count) predicted")
        for e in observed.events {
            let near = (0..<series.count).filter { abs(series.times[$0] - e.time) <= 5400 && !series.values[$0].isNaN }.map { series.values[$0] }
            let extreme = try #require(e.kind.isHigh ? near.max() : near.min())
            #expect(abs(extreme - e.height) < 0.05, "\(UTCTime.iso(e.time)) \(e.kind.rawValue) \(e.height) vs hourly \(extreme)")
        }
        #expect(fit.observedHighLowWaters(series, from: UTCTime.seconds(year: 2012, month: 1, day: 1), to: UTCTime.seconds(year: 2012, month: 2, day: 1)) == nil)
    }
}
