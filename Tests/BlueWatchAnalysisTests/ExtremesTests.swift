import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// GEV on the annual maxima of each Hawaiian monthly-maxima file and GPD on the Honolulu 2010
/// hourly residual, against scipy.stats and pyextremes on the same inputs
/// (scripts/reference/extremes_reference.py → Tests/Golden/extremes.json).
struct ExtremesTests {
    struct Golden: Decodable {
        struct MLE: Decodable { let xi: Double; let location: Double?; let scale: Double; let nll: Double }
        struct Bootstrap: Decodable { let samples: Int; let lower: [Double]; let upper: [Double] }
        struct KS: Decodable { let statistic: Double; let p: Double }
        struct ThresholdRow: Decodable {
            let threshold: Double; let peaks: Int; let mean_excess: Double; let lower: Double; let upper: Double
            let shape: Double?; let modified_scale: Double?
        }
        struct Peer: Decodable {
            let xi: Double; let scale: Double
            let return_levels: [Double]; let bootstrap_lower: [Double]; let bootstrap_upper: [Double]
        }
        struct NonStationary: Decodable {
            let mu0: Double; let mu1_per_year: Double; let scale: Double; let xi: Double
            let reference_year: Double; let nll: Double; let return_levels: [String: [Double]]
        }
        struct Seasonal: Decodable {
            let mu0: Double; let mu1_per_year: Double?; let cos: Double; let sin: Double; let scale: Double; let xi: Double
            let nll: Double; let year: Double; let return_levels: [Double]; let profile_95_100yr: [Double?]?
        }
        struct MonthlySeasonal: Decodable {
            let blocks: Int; let reference_year: Double; let seasonal: Seasonal; let seasonal_trend: Seasonal
        }
        struct GEVCase: Decodable {
            let years: [Int]; let maxima: [Double]; let decimal_years: [Double]
            let mle: MLE; let return_levels: [Double]; let profile_95: [[Double?]?]
            let nonstationary: NonStationary; let pyextremes: Peer; let bootstrap_mle: Bootstrap?; let ks: KS
            let monthly_seasonal: MonthlySeasonal
        }
        struct GPDCase: Decodable {
            let times: [Double]; let residual: [Double?]; let threshold: Double; let run_hours: Double
            let exceedances: Int; let peaks: [Double]; let record_years: Double; let rate: Double; let periods: [Double]
            let mle: MLE; let return_levels: [Double]; let profile_95: [[Double?]]; let pyextremes: Peer
            let bootstrap_mle: Bootstrap; let threshold_choice: [ThresholdRow]
        }
        let periods: [Double]
        let gev: [String: GEVCase]
        let gpd: GPDCase
    }

    static let golden: Golden? = try? TestPaths.loadGolden("extremes.json")

    static func close(_ a: Double, _ b: Double, _ rel: Double = 1e-4) -> Bool { abs(a - b) <= rel * max(abs(b), 1e-3) }

    @Test("the golden file is there and holds all eight Hawaiian gauges")
    func goldenReadable() throws {
        let g = try #require(Self.golden, "Tests/Golden/extremes.json is missing or unreadable")
        #expect(g.gev.count == 8 && g.gpd.peaks.count >= ExtremeValueFit.minimumExtremes)
    }

    @Test("annual maxima of each monthly-maxima file equal the reference's (years with ≥ 10 months)")
    func annualMaxima() throws {
        let g = try #require(Self.golden)
        for (name, expected) in g.gev {
            let dataset = try Checkout.reader().read(TestPaths.data("sealevel/monthly_maxima/" + name))
            let series = try #require(dataset.series.first { $0.descriptor.variable == "sea_level_monthly_max" }?.series)
            let blocks = BlockMaxima(annual: series)
            #expect(blocks.blocks.map(\.year) == expected.years, "\(name)")
            #expect(blocks.values == expected.maxima, "\(name)")
            for (a, b) in zip(blocks.decimalYears, expected.decimal_years) { #expect(abs(a - b) < 1e-9, "\(name)") }
        }
    }

    @Test("GEV by maximum likelihood: parameters, return levels and profile-likelihood intervals within 1e-4 of scipy, return levels near pyextremes' where its fit converges; bootstrap bounds within Monte-Carlo error of the reference's")
    func gev() throws {
        let g = try #require(Self.golden)
        var compared = 0
        for (name, c) in g.gev.sorted(by: { $0.key < $1.key }) {
            let fit = try ExtremeValueFit.gev(maxima: c.maxima, years: c.decimal_years)
            #expect(Self.close(fit.shape, c.mle.xi, 1e-3) || abs(fit.shape - c.mle.xi) < 1e-5, "\(name) ξ \(fit.shape) vs \(c.mle.xi)")
            #expect(Self.close(fit.location, try #require(c.mle.location)), "\(name) μ")
            #expect(Self.close(fit.scale, c.mle.scale), "\(name) σ")
            #expect(abs(fit.negativeLogLikelihood - c.mle.nll) < 1e-7, "\(name) nll \(fit.negativeLogLikelihood) vs \(c.mle.nll)")
            for (i, period) in g.periods.enumerated() {
                #expect(Self.close(try fit.returnLevel(period: period), c.return_levels[i]), "\(name) \(period)-yr")
                #expect(Self.close(fit.returnPeriod(of: c.return_levels[i]), period, 1e-3), "\(name) period of the \(period)-yr level")
            }
            for i in [0, 2, 5] {
                let interval = try fit.profileInterval(period: g.periods[i])
                let expected = try #require(c.profile_95[i])
                #expect(interval.lower.map { Self.close($0, expected[0] ?? .nan) } ?? (expected[0] == nil), "\(name) profile lower \(g.periods[i])-yr \(String(describing: interval.lower)) vs \(String(describing: expected[0]))")
                #expect(interval.upper.map { Self.close($0, expected[1] ?? .nan) } ?? (expected[1] == nil), "\(name) profile upper \(g.periods[i])-yr \(String(describing: interval.upper)) vs \(String(describing: expected[1]))")
            }
            // pyextremes' own fit lands near the maximum where scipy's default start converges;
            // on Nawiliwili it does not (ξ = −1.55, a likelihood far below the maximum's).
            if abs(c.pyextremes.xi - c.mle.xi) < 0.01 {
                compared += 1
                for (i, level) in c.pyextremes.return_levels.enumerated() { #expect(Self.close(try fit.returnLevel(period: g.periods[i]), level, 2e-3), "\(name) vs pyextremes") }
            } else {
                #expect(name == "monthly_max_58.csv", "pyextremes missed the maximum of \(name) too")
            }
        }
        #expect(compared == 7)
        // The bootstrap: percentile bounds of 1,000 resamples agree with the reference's (the same
        // scheme, refitted from the maximum with SciPy) within the two runs' Monte-Carlo error
        // (bounds compared as ranks: ± 4 standard errors of a 2.5 % quantile of 1,000 draws).
        for name in ["monthly_max_57.csv", "monthly_max_60.csv"] {
            let c = try #require(g.gev[name])
            let fit = try ExtremeValueFit.gev(maxima: c.maxima, years: c.decimal_years)
            let boot = try fit.bootstrap(periods: g.periods, samples: 1000, seed: 7)
            #expect(boot.failed < 20 && boot.levels.count + boot.failed == 1000)
            let reference = try #require(c.bootstrap_mle)
            for i in [0, 2, 4] { try Self.expectWithinMonteCarlo(boot, i, lower: reference.lower[i], upper: reference.upper[i], "\(name) \(g.periods[i])-yr") }
        }
    }

    static func expectWithinMonteCarlo(_ boot: ExtremeValueBootstrap, _ i: Int, lower: Double, upper: Double, _ what: String) throws {
        let sorted = boot.levels.map { $0[i] }.sorted()
        let n = Double(sorted.count), p = 0.025
        let slack = 4 * (n * p * (1 - p)).squareRoot()
        func rankRange(_ q: Double) -> ClosedRange<Double> {
            let lo = max(0, Int(q * n - slack)), hi = min(sorted.count - 1, Int(q * n + slack))
            return sorted[lo]...sorted[hi]
        }
        #expect(rankRange(p).contains(lower), "\(what) bootstrap lower \(lower) outside \(rankRange(p))")
        #expect(rankRange(1 - p).contains(upper), "\(what) bootstrap upper \(upper) outside \(rankRange(1 - p))")
    }

    @Test("non-stationary GEV: location moving with the year, and return levels for 1993 and 2023, within 1e-4 of scipy")
    func movingLocation() throws {
        let g = try #require(Self.golden)
        for (name, c) in g.gev.sorted(by: { $0.key < $1.key }) {
            let fit = try ExtremeValueFit.gev(maxima: c.maxima, years: c.decimal_years, movingLocation: true)
            let ns = c.nonstationary
            #expect(abs(try #require(fit.referenceYear) - ns.reference_year) < 1e-9)
            #expect(abs(fit.negativeLogLikelihood - ns.nll) < 1e-6, "\(name) nll \(fit.negativeLogLikelihood) vs \(ns.nll)")
            #expect(abs(try #require(fit.locationTrend) - ns.mu1_per_year) < 1e-5, "\(name) μ₁ \(fit.locationTrend ?? .nan) vs \(ns.mu1_per_year)")
            for (year, levels) in ns.return_levels {
                for (i, period) in g.periods.enumerated() {
                    #expect(Self.close(try fit.returnLevel(period: period, year: Double(year)), levels[i]), "\(name) \(period)-yr in \(year)")
                }
            }
        }
    }

    @Test("monthly blocks with a seasonal location (and a trend): parameters, annual return levels and the 100-year profile interval within 1e-4 of scipy")
    func monthlySeasonal() throws {
        let g = try #require(Self.golden)
        for (name, c) in g.gev.sorted(by: { $0.key < $1.key }) {
            let dataset = try Checkout.reader().read(TestPaths.data("sealevel/monthly_maxima/" + name))
            let series = try #require(dataset.series.first { $0.descriptor.variable == "sea_level_monthly_max" }?.series)
            let blocks = BlockMaxima(monthly: series)
            let expected = c.monthly_seasonal
            #expect(blocks.blocks.count == expected.blocks && blocks.blocksPerYear == 12, "\(name): \(blocks.blocks.count) months vs \(expected.blocks)")
            for (trend, ref) in [(false, expected.seasonal), (true, expected.seasonal_trend)] {
                let fit = try ExtremeValueFit.gev(maxima: blocks.values, years: blocks.decimalYears, movingLocation: trend, seasonalCycle: true, blocksPerYear: 12)
                let what = "\(name) \(trend ? "seasonal+trend" : "seasonal")"
                #expect(abs(fit.negativeLogLikelihood - ref.nll) < 1e-6, "\(what) nll \(fit.negativeLogLikelihood) vs \(ref.nll)")
                #expect(abs(fit.shape - ref.xi) < 1e-4 && Self.close(fit.scale, ref.scale), "\(what) ξ \(fit.shape) vs \(ref.xi), σ \(fit.scale) vs \(ref.scale)")
                let cycle = try #require(fit.seasonalCycle)
                #expect(abs(cycle[0] - ref.cos) < 1e-4 && abs(cycle[1] - ref.sin) < 1e-4, "\(what) cycle \(cycle) vs \(ref.cos), \(ref.sin)")
                if let mu1 = ref.mu1_per_year { #expect(abs(try #require(fit.locationTrend) - mu1) < 1e-5, "\(what) μ₁") }
                for (i, period) in g.periods.enumerated() {
                    let level = try fit.returnLevel(period: period, year: ref.year)
                    #expect(Self.close(level, ref.return_levels[i]), "\(what) \(period)-yr \(level) vs \(ref.return_levels[i])")
                    #expect(abs(fit.returnPeriod(of: level, year: ref.year) / period - 1) < 1e-6, "\(what) return period of the \(period)-yr level")
                }
                if let bounds = ref.profile_95_100yr {
                    let interval = try fit.profileInterval(period: 100, year: ref.year)
                    #expect(interval.lower.map { Self.close($0, bounds[0] ?? .nan) } ?? (bounds[0] == nil), "\(what) lower \(String(describing: interval.lower)) vs \(String(describing: bounds[0]))")
                    #expect(interval.upper.map { Self.close($0, bounds[1] ?? .nan) } ?? (bounds[1] == nil), "\(what) upper \(String(describing: interval.upper)) vs \(String(describing: bounds[1]))")
                }
            }
        }
    }

    @Test("monthly blocks of an hourly record: a month is kept at 80 % coverage, and 12 equal monthly GEVs give the annual GEV's levels")
    func monthlyBlocksOfHourly() throws {
        // 2 years of hourly values; March of the first year half missing.
        let start = UTCTime.seconds(year: 2001, month: 1, day: 1)
        var times: [Double] = [], values: [Double] = []
        for h in 0..<(2 * 8760) {
            let t = start + Double(h) * 3600
            let c = UTCTime.components(t)
            if c.year == 2001 && c.month == 3 && c.day > 15 { continue }
            times.append(t); values.append(Double(c.month) + Double(h % 24) / 100)
        }
        let blocks = BlockMaxima(monthly: TimeSeries(times: times, values: values))
        #expect(blocks.blocks.count == 23 && blocks.skipped.map(\.month) == [3])
        #expect(blocks.blocks.first?.value == 1.23 && blocks.blocks.first?.month == 1)
        // A stationary fit on monthly blocks: its annual T-year level is the monthly quantile at 1 − (1 − 1/T)^(1/12).
        let g = try #require(Self.golden)
        let c = try #require(g.gev["monthly_max_57.csv"])
        let dataset = try Checkout.reader().read(TestPaths.data("sealevel/monthly_maxima/monthly_max_57.csv"))
        let series = try #require(dataset.series.first { $0.descriptor.variable == "sea_level_monthly_max" }?.series)
        let monthly = BlockMaxima(monthly: series)
        let fit = try ExtremeValueFit.gev(maxima: monthly.values, years: monthly.decimalYears, blocksPerYear: 12)
        let p = 1 - pow(1 - 1 / 100.0, 1 / 12.0)
        #expect(Self.close(try fit.returnLevel(period: 100), ExtremeValueDistribution.gevQuantile(exceedance: p, mu: fit.location, sigma: fit.scale, xi: fit.shape), 1e-9))
        #expect(c.maxima.count > 20)
    }

    @Test("flood days' trend: the least-squares slope over years with 80 % of days judged, nil below five such years")
    func floodDaysTrend() throws {
        let years = (2000..<2010).map { HighTideFlooding.Year(year: $0, floodDays: 3 * ($0 - 2000) + ($0 % 2), daysJudged: 365, maximum: 1) }
        let t = try #require(HighTideFlooding.trend(years))
        #expect(t.years == 10 && abs(t.daysPerYearPerYear - 3.0) < 0.1 && t.lower < 3 && t.upper > 3, "\(t)")
        let sparse = years.enumerated().map { i, y in HighTideFlooding.Year(year: y.year, floodDays: y.floodDays, daysJudged: i < 6 ? 100 : 365, maximum: 1) }
        #expect(HighTideFlooding.trend(sparse) == nil, "four judged years give no trend")
    }

    @Test("GPD on the Honolulu 2010 residual: 24 h runs declustering equals pyextremes', the fit, return levels and profile intervals equal scipy's")
    func gpd() throws {
        let g = try #require(Self.golden).gpd
        let series = TimeSeries(times: g.times, values: g.residual.map { $0 ?? .nan })
        let threshold = try #require(PeaksOverThreshold.threshold(quantile: 0.99, of: series))
        #expect(abs(threshold - g.threshold) < 1e-12)
        let pot = try PeaksOverThreshold(series, threshold: g.threshold, run: g.run_hours * 3600)
        #expect(pot.peaks == g.peaks && pot.exceedances == g.exceedances)
        #expect(abs(pot.recordYears - g.record_years) < 1e-12)
        let fit = try ExtremeValueFit.gpd(peaks: pot.peaks, years: pot.times.map(UTCTime.decimalYear), threshold: pot.threshold, exceedancesPerYear: pot.peaksPerYear)
        #expect(abs(fit.shape - g.mle.xi) < 1e-5 && Self.close(fit.scale, g.mle.scale), "ξ \(fit.shape) vs \(g.mle.xi), σ \(fit.scale) vs \(g.mle.scale)")
        #expect(abs(fit.negativeLogLikelihood - g.mle.nll) < 1e-7)
        for (i, period) in g.periods.enumerated() {
            #expect(Self.close(try fit.returnLevel(period: period), g.return_levels[i]), "\(period)-yr")
            let interval = try fit.profileInterval(period: period)
            #expect(interval.lower.map { Self.close($0, g.profile_95[i][0] ?? .nan) } ?? (g.profile_95[i][0] == nil), "lower \(period)-yr \(String(describing: interval.lower)) vs \(String(describing: g.profile_95[i][0]))")
            #expect(interval.upper.map { Self.close($0, g.profile_95[i][1] ?? .nan) } ?? (g.profile_95[i][1] == nil), "upper \(period)-yr \(String(describing: interval.upper)) vs \(String(describing: g.profile_95[i][1]))")
        }
        let boot = try fit.bootstrap(periods: g.periods, samples: 1000, seed: 3)
        for i in [0, 2] { try Self.expectWithinMonteCarlo(boot, i, lower: g.bootstrap_mle.lower[i], upper: g.bootstrap_mle.upper[i], "GPD \(g.periods[i])-yr") }
    }

    @Test("refusals: too few maxima or peaks (saying how many are needed), a threshold outside the data, a return period of a year or less")
    func refusals() throws {
        #expect(throws: ExtremeValueError.tooFewExtremes(found: 5, needed: 10, what: "block maxima")) {
            try ExtremeValueFit.gev(maxima: [1, 2, 3, 4, 5], years: [1, 2, 3, 4, 5])
        }
        let series = TimeSeries(times: (0..<100).map { Double($0) * 3600 }, values: (0..<100).map { sin(Double($0)) })
        #expect(throws: ExtremeValueError.self) { try PeaksOverThreshold(series, threshold: 2) }
        let pot = try PeaksOverThreshold(series, threshold: 0.99)
        #expect(throws: ExtremeValueError.self) { try ExtremeValueFit.gpd(peaks: pot.peaks, years: pot.times, threshold: 0.99, exceedancesPerYear: 1) }
        #expect("\(ExtremeValueError.tooFewExtremes(found: 3, needed: 10, what: "block maxima"))".contains("at least 10"))
        let g = try #require(Self.golden)
        let c = try #require(g.gev["monthly_max_57.csv"])
        let fit = try ExtremeValueFit.gev(maxima: c.maxima, years: c.decimal_years)
        #expect(throws: ExtremeValueError.invalidReturnPeriod(1)) { try fit.returnLevel(period: 1) }
        #expect(throws: ExtremeValueError.self) { try ExtremeValueFit.gev(maxima: Array(repeating: 1.5, count: 20), years: (0..<20).map(Double.init)) }
    }

    @Test("diagnostics and threshold choice: Kolmogorov–Smirnov of every GEV fit equals scipy's kstest; mean excess and GPD stability across thresholds equal the reference's")
    func diagnostics() throws {
        let g = try #require(Self.golden)
        for (name, c) in g.gev {
            let d = try ExtremeValueFit.gev(maxima: c.maxima, years: c.decimal_years).diagnostics
            #expect(abs(d.ksStatistic - c.ks.statistic) < 1e-5 && abs(d.ksPValue - c.ks.p) < 1e-4, "\(name) D \(d.ksStatistic) p \(d.ksPValue) vs \(c.ks)")
            #expect(d.empirical.count == c.maxima.count && d.modelQuantile.count == c.maxima.count)
        }
        let p = g.gpd
        let series = TimeSeries(times: p.times, values: p.residual.map { $0 ?? .nan })
        let aids = ThresholdChoice(series)
        try #require(aids.rows.count == p.threshold_choice.count, "\(aids.rows.count) vs \(p.threshold_choice.count) thresholds")
        for (a, b) in zip(aids.rows, p.threshold_choice) {
            #expect(abs(a.threshold - b.threshold) < 1e-12 && a.peaks == b.peaks, "u \(a.threshold) vs \(b.threshold), \(a.peaks) vs \(b.peaks) peaks")
            #expect(abs(a.meanExcess - b.mean_excess) < 1e-12 && abs(a.meanExcessUpper - b.upper) < 1e-9)
            if let shape = b.shape, let sigma = b.modified_scale {
                #expect(abs((a.shape ?? .nan) - shape) < 1e-4 && abs((a.modifiedScale ?? .nan) - sigma) < 1e-4 * max(1, abs(sigma)), "u \(b.threshold): ξ \(a.shape ?? .nan) vs \(shape)")
            }
        }
    }
}
