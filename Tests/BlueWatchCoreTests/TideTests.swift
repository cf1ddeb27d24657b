import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// Harmonic analysis of the real Honolulu 2010 hourly record against MATLAB UTide (the
/// reference in ../shared/data/sealevel/hourly) and Python UTide (Tests/Golden/tides_hnl2010.json,
/// made by scripts/reference/tide_reference.py).
struct TideGoldenTests {
    struct Row: Decodable { var name: String; var frequency: Double; var A: Double; var A_ci: Double; var g: Double; var g_ci: Double; var SNR: Double }
    struct Run: Decodable { var lat: Double; var mean: Double; var slope_per_day: Double; var constituents: [Row] }

    struct Golden: Decodable {
        var ols: Run; var gappy: Run; var irregular: Run; var white: Run; var named: Run; var lat5: Run
        var utide_at_latitude_0: String
        func run(_ name: String) -> Run? {
            ["ols": ols, "gappy": gappy, "irregular": irregular, "white": white, "named": named, "lat5": lat5][name]
        }
    }

    static let golden: Golden? = try? TestPaths.loadGolden("tides_hnl2010.json")

    static func honolulu() throws -> TimeSeries {
        try Checkout.reader().read(TestPaths.data("sealevel/hourly/HNL2010.asc")).series[0].series
    }

    /// Millimetres (the references' unit) from the series' metres.
    static func analyse(_ series: TimeSeries, latitude: Double = 21, options: TideOptions = TideOptions()) throws -> TideFit {
        var mm = series
        for i in mm.values.indices { mm.values[i] *= 1000 }
        return try TideFit.analyse(mm, latitude: latitude, options: options)
    }

    static func phaseDifference(_ a: Double, _ b: Double) -> Double {
        let d = abs(a - b).truncatingRemainder(dividingBy: 360)
        return min(d, 360 - d)
    }

    @Test("Honolulu 2010: every constituent with SNR > 2 within 1 mm and 1° of MATLAB UTide")
    func matlab() throws {
        let fit = try Self.analyse(try Self.honolulu())
        let text = try String(contentsOfFile: TestPaths.data("sealevel/hourly/HNL2010_utide_matlab_reference_coef.csv"), encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("name") {
            let f = line.split(separator: ",").map(String.init)
            let name = f[0], a = Double(f[2])!, aci = Double(f[3])!, g = Double(f[4])!
            let got = try #require(fit.constituent(name), "\(name) not fitted")
            if a * a / ((aci / 1.96) * (aci / 1.96)) > 2 {
                #expect(abs(got.amplitude - a) <= 1, "\(name) A \(got.amplitude) vs \(a)")
                #expect(Self.phaseDifference(got.phase, g) <= 1, "\(name) g \(got.phase) vs \(g)")
                checked += 1
            }
        }
        #expect(fit.constituents.count == 59)
        #expect(checked >= 30)
        #expect(abs(fit.mean - 1417.342950) < 0.01)
        // The reference header calls the slope mm/year, but UTide's coef.slope is per day.
        #expect(abs(fit.trendPerYear! / 365.25 - 0.610326) < 1e-4)
    }

    @Test("Honolulu 2010 against Python UTide", arguments: ["ols", "gappy", "irregular", "white", "named", "lat5"])
    func python(run: String) throws {
        let want = try #require(Self.golden?.run(run))
        var series = try Self.honolulu()
        var options = TideOptions()
        var latitude = want.lat
        switch run {
        case "gappy", "irregular":
            let day0 = series.times[0]
            let gap = series.times.map { Int(($0 - day0) / 86_400) % 10 == 9 }
            if run == "gappy" {
                for i in gap.indices where gap[i] { series.values[i] = .nan; series.flags[i] = .missing }
            } else {
                let keep = gap.indices.filter { !gap[$0] }
                series = TimeSeries(times: keep.map { series.times[$0] }, values: keep.map { series.values[$0] })
            }
        case "white": options.whiteNoise = true
        case "named": options.constituents = .named(["M2", "S2", "N2", "K1", "O1"])
        case "lat5": latitude = 0   // BlueWatch at the equator = UTide at 5°, where UTide still works
        default: break
        }
        let fit = try Self.analyse(series, latitude: latitude, options: options)
        #expect(fit.constituents.count == want.constituents.count)
        #expect(abs(fit.mean - want.mean) < 1e-6 * 1500)
        #expect(abs(fit.trendPerYear! / 365.25 - want.slope_per_day) < 1e-6)
        var worstA = 0.0, worstG = 0.0, worstCI = 0.0
        for row in want.constituents {
            let got = try #require(fit.constituent(row.name))
            #expect(abs(got.frequency - row.frequency) < 1e-10, "\(row.name) frequency")
            worstA = max(worstA, abs(got.amplitude - row.A))
            if row.SNR > 2 { worstG = max(worstG, Self.phaseDifference(got.phase, row.g)) }
            worstCI = max(worstCI, abs(got.amplitudeInterval - row.A_ci) / row.A_ci)
            #expect(abs(got.amplitude - row.A) < 5e-3, "\(row.name) A \(got.amplitude) vs \(row.A)")
            if row.SNR > 2 { #expect(Self.phaseDifference(got.phase, row.g) < 0.05, "\(row.name) g \(got.phase) vs \(row.g)") }
            #expect(abs(got.amplitudeInterval - row.A_ci) <= 0.02 * row.A_ci, "\(row.name) A_ci \(got.amplitudeInterval) vs \(row.A_ci)")
            #expect(abs(got.phaseInterval - row.g_ci) <= 0.02 * row.g_ci + 1e-6, "\(row.name) g_ci \(got.phaseInterval) vs \(row.g_ci)")
        }
        print("tides \(run): worst |ΔA| \(worstA) mm, worst |Δg| (SNR>2) \(worstG)°, worst ΔA_ci \(worstCI * 100)%")
    }
}

/// Behaviour the references do not cover: the equator, bad records, prediction, residuals.
struct TideBehaviourTests {
    /// A synthetic record: mean 1 m, M2 0.5 m at 30°, K1 0.2 m at 200°, built with the same
    /// nodal corrections, then analysed.
    static func synthetic(days: Double, latitude: Double, step: Double = 3600) -> (TimeSeries, TideFit) {
        let start = UTCTime.seconds(year: 2015, month: 6, day: 1)
        let times = stride(from: start, to: start + days * 86_400, by: step).map { $0 }
        let truth = TideFit(
            constituents: [
                TideConstituentEstimate(name: "M2", amplitude: 0.5, phase: 30),
                TideConstituentEstimate(name: "K1", amplitude: 0.2, phase: 200),
            ],
            mean: 1, trendPerYear: 0, referenceTime: times[times.count / 2], lengthDays: days, latitude: latitude, nodalLatitude: latitude,
            firstTime: times[0], lastTime: times[times.count - 1], selection: ValueSelection(), residualRMS: 0, varianceExplained: 100,
            method: "truth", iterations: 0, warnings: [])
        return (TimeSeries(times: times, values: truth.predict(at: times)), truth)
    }

    @Test("At the equator the analysis is finite and recovers a known tide (UTide fails there)")
    func equator() throws {
        for latitude in [0.0, -0.5, 1.3] {
            let (series, _) = Self.synthetic(days: 30, latitude: latitude)
            var options = TideOptions()
            options.constituents = .named(["M2", "K1", "S2", "O1"])
            let fit = try TideFit.analyse(series, latitude: latitude, options: options)
            let m2 = try #require(fit.constituent("M2")), k1 = try #require(fit.constituent("K1"))
            #expect(abs(m2.amplitude - 0.5) < 1e-9 && abs(m2.phase - 30) < 1e-6, "M2 at \(latitude)°: \(m2)")
            #expect(abs(k1.amplitude - 0.2) < 1e-9 && abs(k1.phase - 200) < 1e-6, "K1 at \(latitude)°: \(k1)")
            #expect(fit.constituents.allSatisfy { $0.amplitude.isFinite && $0.phase.isFinite && $0.amplitudeInterval.isFinite })
            #expect(abs(fit.mean - 1) < 1e-9)
        }
    }

    @Test("Prediction over another span reproduces the tide; the residual of a pure tide is zero")
    func prediction() throws {
        let (series, truth) = Self.synthetic(days: 40, latitude: -21)
        let fit = try TideFit.analyse(series, latitude: -21)
        let residual = fit.residual(of: series)
        #expect(residual.values.allSatisfy { abs($0) < 1e-6 })
        let later = stride(from: series.times.last! + 86_400 * 300, to: series.times.last! + 86_400 * 310, by: 60).map { $0 }
        let want = truth.predict(at: later), got = fit.predict(at: later)
        #expect(zip(want, got).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test("Bad records give clear errors, never NaN amplitudes")
    func badRecords() throws {
        let start = 1_300_000_000.0
        let short = TimeSeries(times: (0..<20).map { start + Double($0) * 3600 }, values: (0..<20).map { sin(Double($0)) })
        #expect(throws: TideAnalysisError.tooShort(hours: 19)) { try TideFit.analyse(short, latitude: 10) }
        let flat = TimeSeries(times: (0..<200).map { start + Double($0) * 3600 }, values: [Double](repeating: 1.25, count: 200))
        #expect(throws: TideAnalysisError.constant(value: 1.25)) { try TideFit.analyse(flat, latitude: 10) }
        var failed = TimeSeries(times: (0..<200).map { start + Double($0) * 3600 }, values: (0..<200).map { sin(Double($0)) })
        failed.flags = [QCFlag](repeating: .fail, count: 200)
        #expect(throws: TideAnalysisError.self) { try TideFit.analyse(failed, latitude: 10) }
        do { _ = try TideFit.analyse(failed, latitude: 10) } catch {
            #expect(error.description.contains("200 failed QC"))
        }
        let unsorted = TimeSeries(times: [start, start + 7200, start + 3600] + (3..<100).map { start + Double($0) * 3600 },
                                  values: (0..<100).map { sin(Double($0)) })
        do { _ = try TideFit.analyse(unsorted, latitude: 10); Issue.record("unsorted times accepted") } catch {
            #expect(error.description.contains("not in increasing order"))
        }
        var options = TideOptions()
        options.constituents = .named(["M2", "XX9"])
        #expect(throws: TideAnalysisError.unknownConstituent("XX9")) { try TideFit.analyse(Self.synthetic(days: 5, latitude: 0).0, latitude: 0, options: options) }
        // Constituents the record cannot separate: a clear error, or a warning when they are apart.
        options.constituents = .named(["K1", "P1", "S1", "M2"])
        let threeDays = Self.synthetic(days: 3, latitude: 20).0
        do {
            let fit = try TideFit.analyse(threeDays, latitude: 20, options: options)
            #expect(!fit.warnings.isEmpty)
            #expect(fit.constituents.allSatisfy { $0.amplitude.isFinite })
        } catch {
            #expect(error.description.contains("cannot separate"))
        }
    }

    @Test("Robust fit ignores spikes that pull OLS away")
    func robust() throws {
        var (series, _) = Self.synthetic(days: 30, latitude: 15)
        for i in stride(from: 5, to: series.count, by: 37) { series.values[i] += 3 }
        var options = TideOptions()
        options.constituents = .named(["M2", "K1"])
        let ols = try TideFit.analyse(series, latitude: 15, options: options)
        options.robust = true
        let robust = try TideFit.analyse(series, latitude: 15, options: options)
        let m2o = try #require(ols.constituent("M2")), m2r = try #require(robust.constituent("M2"))
        #expect(abs(m2r.amplitude - 0.5) < abs(m2o.amplitude - 0.5) || abs(m2r.amplitude - 0.5) < 1e-3)
        #expect(abs(robust.mean - 1) < abs(ols.mean - 1))
        #expect(robust.iterations > 1)
    }

    @Test("Nuku'alofa 1-minute records: the residual keeps the tsunami and loses the tide", arguments: [
        "tohoku2011", "chile2010", "chile2015", "tonga2006",
    ])
    func nukualofa(event: String) throws {
        let parsed = try Checkout.reader().read(TestPaths.data("tsunami/tidegauge_nukualofa/nukualofa_\(event)_detided.csv"))
        let observed = try #require(parsed.series.first { $0.descriptor.variable == "sea_level" }).series
        let reference = try #require(parsed.series.first { $0.descriptor.variable == "sea_level_residual" }).series
        let fit = try TideFit.analyse(observed, latitude: -21.14)
        let residual = fit.residual(of: observed)
        func variance(_ x: [Double]) -> Double {
            let v = x.filter { !$0.isNaN }; let m = v.reduce(0, +) / Double(v.count)
            return v.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(v.count)
        }
        // The tide is gone: the residual keeps under 10% of the observed variance.
        #expect(variance(residual.values) < 0.1 * variance(observed.values), "\(event): \(variance(residual.values)) vs \(variance(observed.values))")
        // The tsunami is kept: high-passed like GA's column, the residual matches it closely.
        // A 90-minute running mean passes periods beyond about 3 hours, like GA's filter.
        let window = 90 * 60.0
        var highPassed = residual.values
        var lo = 0, hi = 0, sum = 0.0, count = 0
        for i in residual.values.indices {
            while hi < residual.count && residual.times[hi] <= residual.times[i] + window / 2 { sum += residual.values[hi]; count += 1; hi += 1 }
            while residual.times[lo] < residual.times[i] - window / 2 { sum -= residual.values[lo]; count -= 1; lo += 1 }
            highPassed[i] = residual.values[i] - sum / Double(count)
        }
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in highPassed.indices {
            let x = highPassed[i], y = reference.values[i]
            sxy += x * y; sxx += x * x; syy += y * y
        }
        let correlation = sxy / (sxx * syy).squareRoot()
        #expect(correlation > 0.95, "\(event): correlation with GA's residual \(correlation)")
        print("nukualofa \(event): \(fit.constituents.count) constituents, residual variance \(variance(residual.values)) m² of \(variance(observed.values)), r = \(correlation)")
    }
}
