import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// Station trends against statsmodels, scipy and pymannkendall on every PSMSL monthly record
/// (golden file made by scripts/reference/trend_reference.py).
struct StationTrendGoldenTests {
    struct Interval: Decodable { var estimate: Double; var se: Double; var lower: Double; var upper: Double; var p: Double }
    struct Golden: Decodable {
        struct Split: Decodable { var before: Interval; var after: Interval }
        struct Sen: Decodable { var slope: Double; var lower: Double; var upper: Double }
        struct MK: Decodable { var s: Double; var var_s: Double; var z: Double; var p: Double }
        var n: Int; var r1: Double; var n_eff: Double; var ols_se_uncorrected: Double
        var ols: Interval; var acceleration: Interval; var split: Split?
        var sen: Sen; var mk: MK; var hamed_rao: MK
    }

    static let golden: [String: Golden] = (try? TestPaths.loadGolden("station_trends.json")) ?? [:]

    func close(_ a: Double, _ b: Double, _ rel: Double = 1e-6) -> Bool { Approximately.equal(a, b, absolute: 1e-9, relative: rel) }

    func check(_ got: StationTrend.Interval, _ want: Interval, _ label: String) {
        #expect(close(got.estimate, want.estimate), "\(label) estimate \(got.estimate) vs \(want.estimate)")
        #expect(close(got.standardError ?? .nan, want.se), "\(label) se")
        #expect(close(got.lower, want.lower) && close(got.upper, want.upper), "\(label) interval [\(got.lower), \(got.upper)] vs [\(want.lower), \(want.upper)]")
        #expect(Approximately.equal(got.pValue ?? .nan, want.p, absolute: 1e-12, relative: 1e-6), "\(label) p \(got.pValue ?? .nan) vs \(want.p)")
    }

    @Test("OLS with AR(1)-corrected intervals, acceleration, split, Sen and Mann-Kendall match the references",
          arguments: golden.keys.sorted { Int($0)! < Int($1)! })
    func station(id: String) throws {
        let want = try #require(Self.golden[id])
        let parsed = try Checkout.reader().read(TestPaths.data("sealevel/psmsl/rlr_monthly/\(id).rlrdata")).series[0]
        var options = TrendOptions()
        options.split = UTCTime.seconds(year: 1993, month: 1, day: 1)
        let got = try StationTrend.analyse(parsed.series, samplingSeconds: parsed.descriptor.samplingSeconds, options: options)
        #expect(got.valuesUsed == want.n)
        #expect(close(got.lag1Autocorrelation, want.r1, 1e-9) && close(got.effectiveCount, want.n_eff, 1e-9))
        #expect(close(got.olsStandardErrorUncorrected, want.ols_se_uncorrected))
        check(got.ols, want.ols, "\(id) OLS")
        check(try #require(got.acceleration), want.acceleration, "\(id) acceleration")
        if let split = want.split {
            let s = try #require(got.split, "\(id) split missing")
            check(s.before, split.before, "\(id) before 1993")
            check(s.after, split.after, "\(id) after 1993")
        } else {
            #expect(got.split == nil)
        }
        let robust = try #require(got.robust)
        #expect(close(robust.senSlope.estimate, want.sen.slope, 1e-9), "\(id) Sen \(robust.senSlope.estimate) vs \(want.sen.slope)")
        #expect(close(robust.senSlope.lower, want.sen.lower, 1e-9) && close(robust.senSlope.upper, want.sen.upper, 1e-9), "\(id) Sen interval")
        #expect(robust.mannKendall.s == want.mk.s && close(robust.mannKendall.varianceS, want.mk.var_s, 1e-12))
        #expect(close(robust.mannKendall.z, want.mk.z, 1e-9) && Approximately.equal(robust.mannKendall.p, want.mk.p, absolute: 1e-14, relative: 1e-6))
        #expect(close(robust.hamedRao.varianceS, want.hamed_rao.var_s, 1e-6), "\(id) Hamed-Rao Var(S) \(robust.hamedRao.varianceS) vs \(want.hamed_rao.var_s)")
        #expect(Approximately.equal(robust.hamedRao.p, want.hamed_rao.p, absolute: 1e-14, relative: 1e-5), "\(id) Hamed-Rao p")
        #expect(got.meaningful == (got.spanYears >= 30 && got.reasons.isEmpty))
    }

    @Test("short records are marked not meaningful, with the reason")
    func recordLengthGuard() throws {
        let parsed = try Checkout.reader().read(TestPaths.data("sealevel/psmsl/rlr_monthly/2267.rlrdata")).series[0]
        let got = try StationTrend.analyse(parsed.series, samplingSeconds: parsed.descriptor.samplingSeconds)
        #expect(!got.meaningful)
        #expect(got.reasons.first?.contains("less than the 30-year minimum") == true)
    }
}

struct StatisticsTests {
    // Reference values from scipy.stats (t.ppf, norm.ppf, t.sf).
    @Test("distribution functions agree with scipy to 1e-12")
    func distributions() {
        #expect(abs(Distributions.studentTQuantile(0.975, df: 10) - 2.228138851986274) < 1e-12)
        #expect(abs(Distributions.studentTQuantile(0.975, df: 3.7) - 2.8675207071911895) < 1e-11)
        #expect(abs(Distributions.normalQuantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(abs(Distributions.normalQuantile(1e-10) - -6.361340902404056) < 1e-11)
        #expect(abs(Distributions.studentTTwoSidedP(2.5, df: 17.3) - 0.02274750017580115) < 1e-14)
    }

    @Test("Kendall's S and its variance match a brute-force count, ties included")
    func kendall() {
        var generator = SeededGenerator(seed: 7)
        for n in [3, 10, 57, 400] {
            let x = (0..<n).map { _ in Double(Int.random(in: 0..<(n / 2 + 2), using: &generator)) }
            var s = 0.0
            for i in 0..<n { for j in (i + 1)..<n { s += x[j] > x[i] ? 1 : x[j] < x[i] ? -1 : 0 } }
            let mk = MannKendall.original(x)!
            #expect(mk.s == s, "n = \(n)")
            let counts = Dictionary(grouping: x, by: { $0 }).values.map { Double($0.count) }
            let nd = Double(n)
            let variance = (nd * (nd - 1) * (2 * nd + 5) - counts.reduce(0) { $0 + $1 * ($1 - 1) * (2 * $1 + 5) }) / 18
            #expect(mk.varianceS == variance)
        }
    }

    @Test("Sen's slope by selection (no pair list) equals the listed median on a long series")
    func senSelection() {
        var generator = SeededGenerator(seed: 3)
        let n = 901
        let t = (0..<n).map { Double($0) / 12 + Double.random(in: 0..<0.01, using: &generator) }
        let y = t.map { 3.2 * $0 + Double.random(in: -40..<40, using: &generator) }
        let fast = SenSlope.estimate(times: t, values: y, listingLimit: 10)!
        let listed = SenSlope.estimate(times: t, values: y)!
        // Selection compares y − s·t instead of dividing: equal up to the last bits.
        for (a, b) in [(fast.slope, listed.slope), (fast.lower, listed.lower), (fast.upper, listed.upper)] {
            #expect(abs(a - b) <= 1e-14 * abs(b), "selection \(a) vs listing \(b)")
        }
        var slopes: [Double] = []
        for i in 0..<n { for j in (i + 1)..<n { slopes.append((y[j] - y[i]) / (t[j] - t[i])) } }
        slopes.sort()
        let m = slopes.count
        let median = m % 2 == 1 ? slopes[m / 2] : (slopes[m / 2 - 1] + slopes[m / 2]) / 2
        #expect(abs(fast.slope - median) <= 1e-12 * abs(median))
        #expect(fast.lower < fast.slope && fast.slope < fast.upper)
    }

    @Test("autocorrelation by FFT equals the direct sum")
    func acf() {
        let x = (0..<300).map { sin(Double($0) / 7) + Double($0 % 5) }
        let r = Autocorrelation.of(x)
        let mean = x.reduce(0, +) / 300
        let den = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        for k in [0, 1, 13, 299] {
            let num = (0..<(300 - k)).reduce(0.0) { $0 + (x[$1] - mean) * (x[$1 + k] - mean) }
            #expect(abs(r[k] - num / den) < 1e-12)
        }
    }

    @Test("monthly means follow the completeness rule")
    func monthlyMeans() {
        // Hourly values for January and February 2001; February loses 8 whole days.
        var times: [Double] = [], values: [Double] = []
        let start = UTCTime.seconds(year: 2001, month: 1, day: 1)
        for h in 0..<(59 * 24) {
            let t = start + Double(h) * 3600
            let day = h / 24
            times.append(t)
            values.append(day >= 31 + 3 && day < 31 + 11 ? .nan : Double(day < 31 ? 1 : 2))
        }
        let m = MonthlyMeans.compute(TimeSeries(times: times, values: values), samplingSeconds: 3600) { _ in true }
        #expect(m.values[0] == 1)
        #expect(m.values[1].isNaN, "8 missing days exceed the 7-day rule")
        #expect(m.times[0] == UTCTime.middleOfMonth(year: 2001, month: 1))
    }
}

/// A small deterministic random generator for repeatable test inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E3779B97F4A7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
