/// How a station trend is computed. Defaults follow NOAA CO-OPS practice: monthly means,
/// annual and semi-annual cycles in the model, 95 % intervals, and no published trend for
/// records shorter than 30 years.
public struct TrendOptions: Sendable, Equatable, Codable {
    public var confidence = 0.95
    /// Below this span (years) the result is marked not meaningful, with the reason.
    public var minimumYears = 30.0
    /// Also use values flagged suspect (3); pass (1) and not evaluated (2) are always used.
    public var admitSuspect = false
    /// Split the trend here (UTC seconds), e.g. 1993-01-01 as NOAA does.
    public var split: Double?
    /// Known datum shifts (UTC seconds), one step term each.
    public var steps: [Double] = []
    /// Robust methods (Sen, Mann-Kendall) as well as OLS.
    public var robust = true
    public var acceleration = true

    public init() {}
}

/// Everything BlueWatch says about the trend of one series. Rates are in mm/yr, levels in mm
/// (anomalies about the record mean, so a datum ~7 m below sea level does not show).
public struct StationTrend: Sendable, Equatable, Codable {
    public struct Interval: Sendable, Equatable, Codable {
        public var estimate: Double
        public var standardError: Double?
        public var lower: Double
        public var upper: Double
        public var pValue: Double?
    }

    public struct Robust: Sendable, Equatable, Codable {
        /// Sen's slope of the deseasonalised series, mm/yr, with its interval.
        public var senSlope: Interval
        public var mannKendall: MannKendall
        public var hamedRao: MannKendall
    }

    public struct Split: Sendable, Equatable, Codable {
        public var at: String
        public var before: Interval
        public var after: Interval
    }

    public struct Step: Sendable, Equatable, Codable {
        public var at: String
        public var sizeMillimetres: Double
        public var tStatistic: Double
    }

    /// A registered datum step as the model estimated it (mm, with its interval).
    public struct FittedStep: Sendable, Equatable, Codable {
        public var at: String
        public var size: Interval
    }

    /// False when the record is too short or too sparse to publish, with `reasons`.
    public var meaningful: Bool
    public var reasons: [String]
    /// The reasons as values, for texts in other languages (`reasons` are their descriptions).
    public var shortcomings: [Shortcoming]

    /// Why a trend is not meaningful.
    public enum Shortcoming: Sendable, Codable, Equatable, CustomStringConvertible {
        /// The record spans `years`, less than `minimumYears`.
        case shortSpan(years: Double, minimumYears: Double)
        /// Only `coverage` (0…1) of the months in the span have a value.
        case sparse(coverage: Double)

        /// In English, as `reasons` gives it.
        public var description: String {
            switch self {
            case .shortSpan(let years, let minimum):
                String(format: "the record spans %.1f years, less than the %.0f-year minimum (NOAA CO-OPS publishes trends only for records of 30 years or more)", years, minimum)
            case .sparse(let coverage):
                String(format: "only %.0f %% of the months in the span have a value", coverage * 100)
            }
        }
    }
    public var warnings: [String]
    public var start: String
    public var end: String
    public var spanYears: Double
    /// Monthly (or annual) values the models used.
    public var valuesUsed: Int
    /// Values left out, by reason ("missing", "flag suspect", "flag fail", "incomplete month").
    public var excluded: [String: Int]
    /// How values became the analysed series ("monthly means from hourly values, …").
    public var aggregation: String
    public var model: [String]
    public var ols: Interval
    public var lag1Autocorrelation: Double
    public var effectiveCount: Double
    public var olsStandardErrorUncorrected: Double
    public var acceleration: Interval?
    public var split: Split?
    /// Registered datum steps and their fitted sizes; robust methods use the series with
    /// these steps removed.
    public var steps: [FittedStep]
    public var robust: Robust?
    /// A level shift the residuals suggest and no registered step explains.
    public var possibleStep: Step?
    public var confidence: Double
}

extension StationTrend {
    /// Failures that leave nothing to report.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case insufficient(String)
        public var description: String { switch self { case .insufficient(let s): s } }
    }

    /// The values a trend is fitted to: monthly means (of daily means, UHSLC rule) of
    /// sub-monthly data, or the values as given, with QC-excluded values left out, as
    /// millimetre anomalies about their mean; how they were made; what was left out and why.
    public struct Prepared: Sendable {
        public var anomalies: TimeSeries
        public var meanMetres: Double
        public var aggregation: String
        public var excluded: [String: Int]
    }

    /// Prepares `series` (metres) for a trend; reports and charts show exactly these values.
    public static func prepare(_ series: TimeSeries, samplingSeconds: Double?, options: TrendOptions = TrendOptions()) throws(Failure) -> Prepared {
        var excluded: [String: Int] = [:]
        func usable(_ i: Int) -> Bool {
            if series.values[i].isNaN { excluded["missing", default: 0] += 1; return false }
            switch series.flags[i] {
            case .pass, .notEvaluated: return true
            case .suspect:
                if options.admitSuspect { return true }
                excluded["flag suspect", default: 0] += 1
                return false
            case .fail: excluded["flag fail", default: 0] += 1; return false
            case .missing: excluded["missing", default: 0] += 1; return false
            }
        }
        let sampling = samplingSeconds ?? Sampling.medianInterval(series.times) ?? 0
        var analysed: TimeSeries
        var aggregation: String
        if sampling > 0 && sampling < 20 * 86_400 {
            analysed = MonthlyMeans.compute(series, samplingSeconds: sampling, usable: usable)
            let incomplete = analysed.values.filter { $0.isNaN }.count
            if incomplete > 0 { excluded["incomplete month", default: 0] += incomplete }
            aggregation = "monthly means of daily means from \(Sampling.label(seconds: sampling)) values (a day needs \(Int(MonthlyMeans.dayCompleteness * 100)) % of its values, a month at most \(MonthlyMeans.maximumMissingDays) missing days; UHSLC rule)"
        } else {
            let values = series.values.indices.map { usable($0) ? series.values[$0] : Double.nan }
            analysed = TimeSeries(times: series.times, values: values)
            aggregation = "\(Sampling.label(seconds: sampling)) values as provided"
        }
        // Millimetre anomalies about the record mean.
        let valid = analysed.values.filter { !$0.isNaN }
        guard valid.count >= 10 else { throw .insufficient("only \(valid.count) usable \(sampling >= 2_000_000 ? "values" : "monthly means"); a trend needs at least 10") }
        let mean = valid.reduce(0, +) / Double(valid.count)
        analysed.values = analysed.values.map { ($0 - mean) * 1000 }
        return Prepared(anomalies: analysed, meanMetres: mean, aggregation: aggregation, excluded: excluded)
    }

    /// Analyses `series` (values in metres, any sampling; sub-monthly data are first reduced
    /// to monthly means).
    public static func analyse(_ series: TimeSeries, samplingSeconds: Double?, options: TrendOptions = TrendOptions()) throws(Failure) -> StationTrend {
        let prepared = try prepare(series, samplingSeconds: samplingSeconds, options: options)
        let analysed = prepared.anomalies, aggregation = prepared.aggregation, excluded = prepared.excluded
        let sampling = samplingSeconds ?? Sampling.medianInterval(series.times) ?? 0
        let valid = analysed.values.filter { !$0.isNaN }
        let validTimes = analysed.times.indices.filter { !analysed.values[$0].isNaN }.map { analysed.times[$0] }
        let span = (validTimes.last! - validTimes.first!) / TrendModel.secondsPerYear
        guard span >= 2 else { throw .insufficient(String(format: "the usable values span %.1f years; a trend needs at least 2", span)) }

        var shortcomings: [Shortcoming] = []
        var warnings: [String] = []
        if span < options.minimumYears {
            shortcomings.append(.shortSpan(years: span, minimumYears: options.minimumYears))
        }
        let coverage = Double(valid.count) / Double(analysed.count)
        if coverage < 0.66 {
            shortcomings.append(.sparse(coverage: coverage))
        }
        // Annual and semi-annual cycles are resolved by monthly (or finer) values only.
        let seasonal = sampling < 40 * 86_400
        let fit: TrendFit
        do {
            fit = try TrendFit(times: analysed.times, values: analysed.values, model: TrendModel(seasonal: seasonal, steps: options.steps))
        } catch { throw .insufficient(error.description) }
        let trend = fit.coefficient("trend")!
        let ols = interval(trend, fit, options.confidence)
        let fittedSteps: [FittedStep] = options.steps.enumerated().map { k, at in
            FittedStep(at: UTCTime.isoDate(at), size: interval(fit.coefficient("step_\(k + 1)")!, fit, options.confidence))
        }
        // The series with the fitted steps taken out, for the robust methods.
        var stepCorrected = analysed
        for (k, at) in options.steps.enumerated() {
            let size = fittedSteps[k].size.estimate
            for i in stepCorrected.times.indices where stepCorrected.times[i] >= at { stepCorrected.values[i] -= size }
        }

        var acceleration: Interval?
        if options.acceleration {
            if let q = try? TrendFit(times: analysed.times, values: analysed.values, model: TrendModel(seasonal: seasonal, quadratic: true, steps: options.steps)),
               let c = q.coefficient("quadratic") {
                acceleration = interval((2 * c.value, 2 * c.standardError), q, options.confidence)
            }
        }
        var split: Split?
        if let at = options.split {
            let before = validTimes.filter { $0 < at }.count, after = validTimes.count - before
            if before >= 24 && after >= 24,
               let s = try? TrendFit(times: analysed.times, values: analysed.values, model: TrendModel(seasonal: seasonal, hinge: at, steps: options.steps)),
               let b1 = s.coefficient("trend"), let b2 = s.coefficient("slope_change") {
                let se2 = (b1.standardError * b1.standardError + b2.standardError * b2.standardError + 2 * (s.trendSlopeChangeCovariance ?? 0)).squareRoot()
                split = Split(at: UTCTime.isoDate(at), before: interval(b1, s, options.confidence),
                              after: interval((b1.value + b2.value, se2), s, options.confidence))
            } else {
                warnings.append("no split trend at \(UTCTime.isoDate(at)): each side needs at least 24 values (has \(before) and \(after))")
            }
        }
        var robust: Robust?
        if options.robust {
            // Rank-based methods compare values at 1e-6 mm so that rounding noise from the
            // anomaly arithmetic cannot split genuine ties (which change Kendall's S).
            let deseasonalised = (seasonal ? removeMonthlyClimatology(stepCorrected) : stepCorrected.values).map { ($0 * 1e6).rounded() / 1e6 }
            let years = analysed.times.map(TrendModel.years)
            if let sen = SenSlope.estimate(times: years, values: deseasonalised, confidence: options.confidence),
               let mk = MannKendall.original(deseasonalised), let hr = MannKendall.hamedRao(deseasonalised) {
                robust = Robust(senSlope: Interval(estimate: sen.slope, standardError: nil, lower: sen.lower, upper: sen.upper, pValue: mk.p),
                                mannKendall: mk, hamedRao: hr)
            }
        }
        let step = largestUnexplainedStep(analysed, fit: fit)
        if let step {
            warnings.append(String(format: "a level shift of %+.0f mm fits best at %@ (t = %.1f after the AR(1) correction) and no datum step is registered there; check the station's documentation and register it if it is a datum change", step.sizeMillimetres, step.at, step.tStatistic))
        }
        if fit.lag1Autocorrelation > 0.9 {
            warnings.append(String(format: "residuals are strongly autocorrelated (r1 = %.2f): the interval rests on the AR(1) approximation", fit.lag1Autocorrelation))
        }
        return StationTrend(
            meaningful: shortcomings.isEmpty, reasons: shortcomings.map(\.description), shortcomings: shortcomings, warnings: warnings,
            start: UTCTime.isoDate(validTimes.first!), end: UTCTime.isoDate(validTimes.last!), spanYears: span,
            valuesUsed: fit.count, excluded: excluded, aggregation: aggregation, model: fit.model.columns, ols: ols,
            lag1Autocorrelation: fit.lag1Autocorrelation, effectiveCount: fit.effectiveCount,
            olsStandardErrorUncorrected: fit.olsStandardErrors[1], acceleration: acceleration, split: split, steps: fittedSteps, robust: robust,
            possibleStep: step, confidence: options.confidence)
    }

    static func interval(_ c: (value: Double, standardError: Double), _ fit: TrendFit, _ confidence: Double) -> Interval {
        let h = fit.halfWidth(c.standardError, confidence: confidence)
        return Interval(estimate: c.value, standardError: c.standardError, lower: c.value - h, upper: c.value + h,
                        pValue: fit.pValue(c.value, c.standardError))
    }

    /// Values minus the mean of their calendar month (NaN stays NaN).
    public static func removeMonthlyClimatology(_ s: TimeSeries) -> [Double] {
        var sums = [Double](repeating: 0, count: 13), counts = [Int](repeating: 0, count: 13)
        let months = s.times.map { UTCTime.components($0).month }
        for i in s.values.indices where !s.values[i].isNaN { sums[months[i]] += s.values[i]; counts[months[i]] += 1 }
        return s.values.indices.map { s.values[$0].isNaN ? .nan : s.values[$0] - sums[months[$0]] / Double(max(counts[months[$0]], 1)) }
    }

    /// Screens for an unregistered level shift: the model is refitted with a step at every
    /// candidate time (at least 24 values from either end; every third one in long records) and
    /// the step with the largest AR(1)-corrected |t| is reported when |t| > 4.5 and the step
    /// exceeds 20 mm. A sup-t scan in the spirit of Andrews (1993, Econometrica 61, 821–856);
    /// the threshold is deliberately high because the scan tries many times. A screening aid,
    /// not a formal change-point test.
    static func largestUnexplainedStep(_ s: TimeSeries, fit: TrendFit) -> Step? {
        let valid = s.values.indices.filter { !s.values[$0].isNaN }
        let n = valid.count
        guard n >= 72 else { return nil }
        let stride = n > 600 ? 3 : 1
        var best: Step?
        for k in Swift.stride(from: 24, to: n - 24, by: stride) {
            let at = s.times[valid[k]]
            var model = fit.model
            model.steps.append(at)
            guard let f = try? TrendFit(times: s.times, values: s.values, model: model),
                  let step = f.coefficient("step_\(model.steps.count)") else { continue }
            let t = step.value / step.standardError
            if abs(t) > 4.5, abs(step.value) > 20, abs(t) > abs(best?.tStatistic ?? 0) {
                best = Step(at: UTCTime.isoDate(at), sizeMillimetres: step.value, tStatistic: t)
            }
        }
        return best
    }
}
