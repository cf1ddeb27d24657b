import Foundation

/// A least-squares harmonic analysis of a sea-level record, as UTide's `solve` does it for a
/// scalar series (Codiga 2011): the mean, an optional linear trend and the chosen constituents,
/// with nodal corrections and equilibrium arguments evaluated along the record, OLS or robust
/// IRLS, and 95% intervals from the residual spectrum.
///
/// Unlike UTide it never forms the n×p design matrix: the normal equations are accumulated in
/// blocks of 64 samples, in parallel, so a 19-year hourly record takes well under a second and
/// a few times its own memory. It is correct at the equator (``TideArguments``).
public struct TideFit: Sendable, Codable, Equatable {
    /// Constituents in decreasing order of energy.
    public var constituents: [TideConstituentEstimate]
    /// Mean at the reference time, series units.
    public var mean: Double
    /// Linear trend, series units per year (365.25 days); nil when not fitted.
    public var trendPerYear: Double?
    /// Reference time t_ref (UTC seconds), the middle of the record.
    public var referenceTime: Double
    /// Record length L used for the Rayleigh criterion, days.
    public var lengthDays: Double
    public var latitude: Double
    /// Latitude of the satellite terms (±5° at least; see ``TideArguments``).
    public var nodalLatitude: Double
    public var firstTime: Double
    public var lastTime: Double
    /// Values used and left out.
    public var selection: ValueSelection
    /// Root-mean-square of the residuals (unweighted), series units.
    public var residualRMS: Double
    /// Share of the variance the model explains, percent.
    public var varianceExplained: Double
    /// "OLS" or "IRLS (Cauchy, 2.385)".
    public var method: String
    public var iterations: Int
    /// Things the user should know (constituents the record does not resolve, …).
    public var warnings: [String]

    public init(constituents: [TideConstituentEstimate], mean: Double, trendPerYear: Double?, referenceTime: Double, lengthDays: Double,
                latitude: Double, nodalLatitude: Double, firstTime: Double, lastTime: Double, selection: ValueSelection,
                residualRMS: Double, varianceExplained: Double, method: String, iterations: Int, warnings: [String]) {
        self.constituents = constituents; self.mean = mean; self.trendPerYear = trendPerYear; self.referenceTime = referenceTime
        self.lengthDays = lengthDays; self.latitude = latitude; self.nodalLatitude = nodalLatitude; self.firstTime = firstTime
        self.lastTime = lastTime; self.selection = selection; self.residualRMS = residualRMS; self.varianceExplained = varianceExplained
        self.method = method; self.iterations = iterations; self.warnings = warnings
    }

    /// The estimate for a constituent by name.
    public func constituent(_ name: String) -> TideConstituentEstimate? {
        constituents.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}

extension TideFit {
    /// Analyses `series` (times in UTC seconds, strictly increasing; NaN for missing) at a
    /// station at `latitude` degrees north.
    public static func analyse(_ series: TimeSeries, latitude: Double, options: TideOptions = TideOptions()) throws(TideAnalysisError) -> TideFit {
        do { try series.validateTimes() } catch { throw .badTimes(error) }
        let (rows, selection) = ValueSelection.select(series, admitSuspect: options.admitSuspect)
        guard rows.count >= 2 else { throw .noUsableValues(selection) }
        let first = series.times[rows[0]], last = series.times[rows[rows.count - 1]]
        guard last - first >= 86_400 else { throw .tooShort(hours: (last - first) / 3600) }
        var lo = Double.infinity, hi = -Double.infinity
        for i in rows { lo = min(lo, series.values[i]); hi = max(hi, series.values[i]) }
        guard hi > lo else { throw .constant(value: lo) }

        // Reference time and record length as UTide's ut_slvinit: from the whole time axis when
        // it is regular (gaps are missing values), from the used samples otherwise.
        let regular = series.hasRegularSpacing
        let axisFirst = regular ? series.times[0] : first, axisLast = regular ? series.times[series.count - 1] : last
        let axisCount = regular ? series.count : rows.count
        let lengthDays = (axisLast - axisFirst) / 86_400
        let effectiveLength = lengthDays * Double(axisCount) / Double(axisCount - 1)
        let referenceTime = 0.5 * (axisFirst + axisLast)

        var warnings: [String] = []
        let chosen: [TideConstituent]
        switch options.constituents {
        case .automatic(let rayleigh):
            chosen = TideConstituentTable.automatic(recordHours: 24 * lengthDays, rayleigh: rayleigh)
        case .named(let names):
            var list: [TideConstituent] = []
            for name in names {
                guard let c = TideConstituentTable.named(name), c.index > 0 else { throw .unknownConstituent(name) }
                if !list.contains(c) { list.append(c) }
            }
            chosen = list
            let unresolved = list.filter { $0.rayleighDifference < 1 / (24 * lengthDays) }.map { $0.name }
            if !unresolved.isEmpty {
                warnings.append("the record (\(String(format: "%.1f", lengthDays)) days) does not resolve \(unresolved.joined(separator: ", ")) by the Rayleigh criterion; their estimates may be unreliable")
            }
        }
        let arguments = TideArguments(constituents: chosen, latitude: latitude)
        let design = TideDesign(arguments: arguments, referenceTime: referenceTime, lengthDays: lengthDays, includesTrend: options.includesTrend)
        let p = design.parameterCount
        guard rows.count > p else { throw .tooFewValues(count: rows.count, parameters: p) }

        let engine = TideSolver(design: design, times: series.times, values: series.values, rows: rows)
        var solution = try engine.solve(weights: nil)
        var iterations = 1
        var method = "OLS"
        if options.robust {
            (solution, iterations) = try engine.robust(start: solution, tuning: options.tuning)
            method = "IRLS (Cauchy, \(options.tuning))"
        }
        let spectrum = options.whiteNoise ? nil : ResidualSpectrum(
            times: series.times, residuals: solution.weightedResiduals, regular: regular, effectiveLengthDays: effectiveLength)
        let frequencies = arguments.frequencies(at: referenceTime)
        var estimates = TideFit.estimates(solution: solution, design: design, frequencies: frequencies, spectrum: spectrum)
        let energy = estimates.reduce(0) { $0 + $1.amplitude * $1.amplitude }
        for k in estimates.indices { estimates[k].percentEnergy = energy > 0 ? 100 * estimates[k].amplitude * estimates[k].amplitude / energy : 0 }
        estimates.sort { $0.percentEnergy > $1.percentEnergy }
        if estimates.contains(where: { !$0.amplitude.isFinite || !$0.phase.isFinite }) {
            throw .inseparable(constituents: estimates.filter { !$0.amplitude.isFinite || !$0.phase.isFinite }.map { $0.name })
        }
        let m = chosen.count
        return TideFit(
            constituents: estimates, mean: solution.coefficients[2 * m],
            trendPerYear: options.includesTrend ? solution.coefficients[2 * m + 1] / lengthDays * 365.25 : nil,
            referenceTime: referenceTime, lengthDays: lengthDays, latitude: latitude, nodalLatitude: arguments.effectiveLatitude,
            firstTime: first, lastTime: last, selection: selection, residualRMS: solution.residualRMS,
            varianceExplained: solution.varianceExplained, method: method, iterations: iterations, warnings: warnings)
    }
}

extension TimeSeries {
    /// Checks that times are finite and strictly increasing (values may all be missing).
    func validateTimes() throws(TimeSeriesProblem) {
        guard !isEmpty else { throw .empty }
        for i in times.indices {
            guard times[i].isFinite else { throw .nonFiniteTime(index: i) }
            if i > 0 {
                if times[i] == times[i - 1] { throw .duplicateTime(index: i, time: times[i]) }
                if times[i] < times[i - 1] { throw .unsorted(index: i, previous: times[i - 1], time: times[i]) }
            }
        }
    }

    /// True when every time step is the same (to a millisecond).
    var hasRegularSpacing: Bool {
        guard count > 2 else { return true }
        let step = times[1] - times[0]
        for i in 2..<count where abs(times[i] - times[i - 1] - step) > 1e-3 { return false }
        return true
    }
}
