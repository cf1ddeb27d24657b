import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore

/// Extreme-value analyses of station records, stored or read from a file: annual or monthly
/// maxima with a GEV (stationary, or with a location moving in time and, for monthly blocks,
/// following the seasonal cycle), or declustered peaks over a threshold
/// with a GPD; of the total water level or of the non-tidal residual. Every return level comes
/// with its profile-likelihood and bootstrap intervals.
public struct ExtremesRunner: Sendable {
    /// How extremes are taken from the record.
    public enum Method: Sendable, Equatable {
        /// Block maxima (blocks covered by at least `minimumCoverage` of their samples); a
        /// seasonal cycle needs monthly blocks.
        case blockMaxima(Blocks, minimumCoverage: Double, movingLocation: Bool, seasonalCycle: Bool)
        /// Peaks over a threshold, declustered by runs of `run` seconds.
        case peaksOverThreshold(Threshold, run: Double)
    }

    /// The blocks maxima are taken over.
    public enum Blocks: String, Sendable, Equatable, CaseIterable {
        case annual, monthly
    }

    /// A threshold given as a level (m) or as a quantile of the record.
    public enum Threshold: Sendable, Equatable {
        case level(Double)
        case quantile(Double)
    }

    public var method: Method
    public var periods: [Double]
    /// Remove the tide (harmonic fit of the record itself, constituents with SNR ≥ 2) first.
    public var residual: Bool
    /// Bootstrap resamples (0: none).
    public var bootstrapSamples: Int
    public var seed: UInt64
    /// The year whose return levels a moving-location fit reports (default: the last maximum's).
    public var year: Double?
    /// Heights above a tidal datum instead of the record's datum: its name, its height on the
    /// record's datum (m), and where it came from.
    public var datum: (name: String, height: Double, origin: String)?

    public init(method: Method, periods: [Double] = [2, 5, 10, 20, 50, 100], residual: Bool = false,
                bootstrapSamples: Int = 1000, seed: UInt64 = 1, year: Double? = nil) {
        self.method = method; self.periods = periods; self.residual = residual
        self.bootstrapSamples = bootstrapSamples; self.seed = seed; self.year = year
    }

    /// A record to analyse.
    public struct Record: Sendable {
        public var station: Station
        public var identifier: String
        public var variable: String
        public var series: TimeSeries
        public var sources: [TrendReport.Source]
    }

    /// The station's stored records of `variable` (canonical copies only).
    public func records(station: Station, variable: String, store: any DataStore, from: Double? = nil, to: Double? = nil) throws -> [Record] {
        let datasets = Dictionary(uniqueKeysWithValues: try store.datasets().compactMap { d in d.id.map { ($0, d) } })
        return try store.seriesList(stationID: station.id).filter { $0.variable == variable }.compactMap { r in
            guard let id = r.id else { return nil }
            return Record(station: station, identifier: r.sourceIdentifier, variable: variable, series: try store.readSeries(id: id, from: from, to: to),
                          sources: datasets[r.datasetId].map { [StationTrendRunner.source($0)] } ?? [])
        }
    }

    /// The records of `variable` in a file read without storing it.
    public func records(file dataset: ParsedDataset, variable: String, registry: StationRegistry, from: Double? = nil, to: Double? = nil) throws -> [Record] {
        let source = TrendReport.Source(title: dataset.title, path: dataset.source.path, sha256: dataset.source.sha256,
                                        provider: dataset.provider, version: dataset.version, doi: dataset.doi)
        return try dataset.series.filter { $0.descriptor.variable == variable }.map { p in
            var station = try registry.resolve(p.station)
            if station.latitude.isNaN, let lat = p.station.latitude { station.latitude = lat }
            return Record(station: station, identifier: "\(p.station.provider):\(p.station.id)", variable: variable,
                          series: p.series.slice(from: from, to: to), sources: [source])
        }
    }

    /// Analyses one record; a refusal (too few maxima, a threshold outside the data, a fit that
    /// does not converge) becomes the report's `failure`.
    public func analyse(_ record: Record) -> ExtremesReport {
        var report = ExtremesReport(station: record.station.id, stationName: record.station.name, series: record.identifier,
                                    variable: record.variable, quantity: residual ? "non-tidal residual" : "total water level", sources: record.sources)
        do { try fill(&report, record) } catch let error as ExtremeValueError { report.failure = error.description } catch { report.failure = "\(error)" }
        return report
    }

    /// The values the extremes are taken from: flagged values left out, on the tidal datum
    /// when one is set, the tide removed with `residual`.
    public func prepared(_ record: Record) throws -> TimeSeries {
        var series = record.series
        series.values = zip(series.values, series.flags).map { $1 == .fail || $1 == .suspect ? .nan : $0 }
        if let datum {
            for i in series.values.indices { series.values[i] -= datum.height }
        }
        if residual {
            let lat = record.station.latitude
            guard lat.isFinite else { throw ExtremesRunnerError("the latitude of \(record.station.id) is unknown; the tide cannot be removed") }
            let tide = try TideFit.analyse(series, latitude: lat, options: TideOptions())
            let predicted = tide.predict(at: series.times, minimumSNR: 2, trendBeyondRecord: false)
            series.values = zip(series.values, predicted).map { $0 - $1 }
        }
        return series
    }

    private func fill(_ report: inout ExtremesReport, _ record: Record) throws {
        let series = try prepared(record)
        if let datum { report.datum = "\(datum.name) (\(String(format: "%.4f", datum.height)) m on the record's datum; \(datum.origin))" }
        guard let first = series.span?.lowerBound, let last = series.span?.upperBound else { throw ExtremesRunnerError("the record is empty") }
        report.start = UTCTime.iso(first)
        report.end = UTCTime.iso(last)
        report.recordYears = (last - first) / (365.2425 * 86_400)
        let fit: ExtremeValueFit
        switch method {
        case let .blockMaxima(size, coverage, moving, seasonal):
            guard !seasonal || size == .monthly else { throw ExtremesRunnerError("a seasonal cycle needs monthly blocks") }
            let blocks = size == .monthly ? BlockMaxima(monthly: series, minimumCoverage: coverage) : BlockMaxima(annual: series, minimumCoverage: coverage)
            report.blocks = blocks.blocks
            report.skippedYears = blocks.skipped.map(\.year)
            fit = try ExtremeValueFit.gev(maxima: blocks.values, years: blocks.decimalYears, movingLocation: moving, seasonalCycle: seasonal,
                                          blocksPerYear: blocks.blocksPerYear)
            if moving { report.year = year ?? blocks.decimalYears.last.map { size == .monthly ? $0.rounded(.down) : $0 } }
        case let .peaksOverThreshold(threshold, run):
            let u: Double
            switch threshold {
            case let .level(x): u = x
            case let .quantile(q):
                guard let x = PeaksOverThreshold.threshold(quantile: q, of: series) else { throw ExtremesRunnerError("the record has no valid values") }
                u = x
            }
            let pot = try PeaksOverThreshold(series, threshold: u, run: run)
            report.threshold = u
            report.exceedances = pot.exceedances
            report.peaks = zip(pot.times, pot.peaks).map { ExtremesReport.Peak(time: UTCTime.iso($0), value: $1) }
            fit = try ExtremeValueFit.gpd(peaks: pot.peaks, years: pot.times.map(UTCTime.decimalYear), threshold: u, exceedancesPerYear: pot.peaksPerYear)
        }
        report.fit = fit
        report.diagnostics = fit.diagnostics
        if let d = report.diagnostics, d.ksPValue < 0.05 {
            report.warnings.append(String(format: "the fitted distribution describes the extremes poorly (Kolmogorov–Smirnov D = %.3f, p = %.3f)", d.ksStatistic, d.ksPValue))
        }
        let boot = bootstrapSamples > 0 ? try fit.bootstrap(periods: periods, year: report.year, samples: bootstrapSamples, seed: seed) : nil
        report.bootstrapSamples = boot.map { $0.levels.count }
        report.bootstrapFailed = boot?.failed
        report.returnLevels = try periods.enumerated().map { i, period in
            ExtremesReport.ReturnLevel(period: period, level: try fit.returnLevel(period: period, year: report.year),
                                       profile: try fit.profileInterval(period: period, year: report.year),
                                       bootstrap: boot.map { $0.interval(i) })
        }
        let longest = periods.max() ?? 0
        if longest > 4 * report.recordYears {
            report.warnings.append(String(format: "the record spans %.1f years; return levels beyond about %.0f years extrapolate far past the data (their intervals say how far)",
                                          report.recordYears, 4 * report.recordYears))
        }
        if fit.distribution == .gev, fit.blocksPerYear == 1, report.blocks.count < 20 {
            report.warnings.append("only \(report.blocks.count) annual maxima; a GEV's shape is poorly determined below about 20–30")
        }
    }
}

/// A refusal of the runner itself (not of the fit).
public struct ExtremesRunnerError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
