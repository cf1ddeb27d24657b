import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import BlueWatchStore
import Foundation

enum ExtremesMethod: String, ExpressibleByArgument, CaseIterable { case gev, gpd }
extension ExtremesRunner.Blocks: ExpressibleByArgument {}

extension BlueWatch {
    struct Extremes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Return levels of high water: GEV of annual or monthly maxima, or GPD of peaks over a threshold.",
            discussion: """
                Give a station id (stored data) or a data file (read without storing). Method \
                (Coles 2001; Docs/METHODS.md):

                  gev  annual maxima (calendar years, UTC, kept when at least --min-coverage of \
                       the year's samples are there) fitted with a generalised extreme-value \
                       distribution by maximum likelihood; --moving-location lets the location \
                       change linearly with the year and gives the return levels of --year. \
                       --blocks monthly takes monthly maxima instead (12 a year; return levels \
                       stay annual), and --seasonal lets their location follow an annual cycle.
                  gpd  peaks over --threshold (metres) or --quantile, declustered by runs of \
                       --run hours, fitted with a generalised Pareto distribution; return \
                       periods from the peaks per year of record.

                Each return level comes with its 95 % profile-likelihood interval and a bootstrap \
                interval (--bootstrap resamples of the extremes, as pyextremes makes it). \
                --residual removes the tide first (a harmonic fit of the same record), so the \
                extremes are those of the surge and other non-tidal water. Values flagged suspect \
                or fail are left out. The shape ξ is signed as Coles and pyextremes print it \
                (ξ > 0: a heavy upper tail).

                Examples:
                  bluewatch extremes ../shared/data/sealevel/monthly_maxima/monthly_max_57.csv
                  bluewatch extremes honolulu --variable sea_level_monthly_max \\
                      --moving-location --year 2030
                  bluewatch extremes honolulu --blocks monthly --seasonal \\
                      --moving-location --year 2030
                  bluewatch extremes honolulu --method gpd --residual --quantile 0.99 \\
                      --run 24 --plot hnl.svg
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("A station id or a data file.", valueName: "station|file"))
        var target: String

        @Option(help: "gev (annual maxima) or gpd (peaks over a threshold).")
        var method: ExtremesMethod = .gev

        @Option(help: ArgumentHelp("Variable to analyse (default: sea_level_monthly_max for gev when the station or file has it, else sea_level).", valueName: "variable"))
        var variable: String?

        @Flag(help: "Remove the tide first (analyse the non-tidal residual).")
        var residual = false

        @Option(help: ArgumentHelp("gev: keep years holding at least this share of their samples.", valueName: "0…1"))
        var minCoverage = 0.8

        @Option(help: "gev: blocks to take maxima over: annual or monthly.")
        var blocks: ExtremesRunner.Blocks = .annual

        @Flag(help: "gev with --blocks monthly: let the location follow an annual cycle (cos and sin of the month's centre).")
        var seasonal = false

        @Flag(help: "gev: let the location move linearly with the year.")
        var movingLocation = false

        @Option(help: ArgumentHelp("With --moving-location: the year whose return levels to give (default: the last maximum's).", valueName: "year"))
        var year: Double?

        @Option(help: ArgumentHelp("gpd: threshold in metres.", valueName: "m"))
        var threshold: Double?

        @Option(help: ArgumentHelp("gpd: threshold as a quantile of the record (default 0.99).", valueName: "0…1"))
        var quantile: Double?

        @Option(name: .customLong("run"), help: ArgumentHelp("gpd: peaks closer than this many hours belong to one event.", valueName: "hours"))
        var runHours = 24.0

        @Option(help: ArgumentHelp("Return periods in years, comma-separated.", valueName: "years"))
        var returnPeriods = "2,5,10,20,50,100"

        @Option(help: ArgumentHelp("Bootstrap resamples (0: none).", valueName: "n"))
        var bootstrap = 1000

        @Option(help: ArgumentHelp("Seed of the bootstrap.", valueName: "n"))
        var seed: UInt64 = 1

        @Option(help: ArgumentHelp("Start: YYYY, YYYY-MM, YYYY-MM-DD or an ISO time (UTC).", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("End (inclusive), same forms.", valueName: "date"))
        var to: String?

        @Option(help: ArgumentHelp("Heights above this tidal datum (MHHW, MHW, MSL, MLLW, …) instead of the record's datum; computed from the station's stored hourly record (`tides datums`).", valueName: "datum"))
        var datum: String?

        @Flag(help: "gpd: instead of a fit, print the threshold-choice aids (mean excess and GPD parameters across 20 thresholds between the 0.90 and 0.995 quantiles).")
        var thresholdAids = false

        @Option(help: ArgumentHelp("Write the return-level plot as SVG.", valueName: "file.svg"))
        var plot: String?

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func periods() throws -> [Double] {
            let values = returnPeriods.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) > 1 && ($0 ?? 0) <= 10_000 }) else {
                throw ValidationError("--return-periods takes years above 1 and at most 10000, comma-separated (e.g. 2,10,100)")
            }
            return values.compactMap { $0 }
        }

        func validate() throws {
            _ = try periods()
            _ = try parseTimeOption(from, end: false, name: "from")
            _ = try parseTimeOption(to, end: true, name: "to")
            guard minCoverage > 0 && minCoverage <= 1 else { throw ValidationError("--min-coverage must be in (0, 1]") }
            guard (0...100_000).contains(bootstrap) else { throw ValidationError("--bootstrap must be between 0 and 100000") }
            guard runHours >= 0 && runHours.isFinite else { throw ValidationError("--run must be a number of hours ≥ 0") }
            if let q = quantile, !(q > 0 && q < 1) { throw ValidationError("--quantile must be between 0 and 1") }
            if method == .gev && (threshold != nil || quantile != nil) { throw ValidationError("--threshold and --quantile go with --method gpd") }
            if method == .gpd && (movingLocation || year != nil || seasonal || blocks != .annual) { throw ValidationError("--moving-location, --year, --blocks and --seasonal go with --method gev") }
            if seasonal && blocks != .monthly { throw ValidationError("--seasonal needs --blocks monthly (annual maxima have no season)") }
            if thresholdAids && (method != .gpd || threshold != nil || quantile != nil) { throw ValidationError("--threshold-aids goes with --method gpd, without --threshold or --quantile") }
            if threshold != nil && quantile != nil { throw ValidationError("give --threshold or --quantile, not both") }
            if year != nil && !movingLocation { throw ValidationError("--year goes with --moving-location (a stationary fit has the same return levels every year)") }
            if let datum, !TidalDatums.levelNames.contains(datum.uppercased()) {
                throw ValidationError("--datum must be one of \(TidalDatums.levelNames.joined(separator: ", "))")
            }
            if datum != nil && residual { throw ValidationError("--datum applies to total water levels; the residual has no tidal datum") }
            if let year, !(1000...3000).contains(year) { throw ValidationError("--year must be between 1000 and 3000") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let from = try parseTimeOption(self.from, end: false, name: "from"), to = try parseTimeOption(self.to, end: true, name: "to")
                let method: ExtremesRunner.Method = switch self.method {
                case .gev: .blockMaxima(blocks, minimumCoverage: minCoverage, movingLocation: movingLocation, seasonalCycle: seasonal)
                case .gpd: .peaksOverThreshold(threshold.map { .level($0) } ?? .quantile(quantile ?? 0.99), run: runHours * 3600)
                }
                var runner = ExtremesRunner(method: method, periods: try periods(), residual: residual, bootstrapSamples: bootstrap, seed: seed, year: year)
                let preferred = variable ?? (self.method == .gev ? "sea_level_monthly_max" : SeriesKind.seaLevel.variable)
                var records: [ExtremesRunner.Record]
                if FileManager.default.fileExists(atPath: target) {
                    let dataset = try resources.readChecked(target)
                    records = try runner.records(file: dataset, variable: preferred, registry: resources.registry, from: from, to: to)
                    if records.isEmpty && variable == nil {
                        records = try runner.records(file: dataset, variable: SeriesKind.seaLevel.variable, registry: resources.registry, from: from, to: to)
                    }
                    if records.isEmpty { throw CLIError.data("\(target) holds no \(variable ?? "sea-level") series") }
                } else {
                    let handle = try store.openStore(resources)
                    guard let stored = try handle.station(id: target) else {
                        throw CLIError.usage("'\(target)' is neither a file nor a station id (see `bluewatch stations`)")
                    }
                    let station = resources.registry.station(id: stored.id) ?? stored
                    records = try runner.records(station: station, variable: preferred, store: handle, from: from, to: to)
                    if records.isEmpty && variable == nil {
                        records = try runner.records(station: station, variable: SeriesKind.seaLevel.variable, store: handle, from: from, to: to)
                    }
                    if records.isEmpty { throw CLIError.data("station '\(target)' has no stored \(variable ?? "sea-level") records; ingest its data first or give a file") }
                }
                if thresholdAids {
                    try printThresholdAids(records, runner: runner)
                    return
                }
                if let datum {
                    let station = records[0].station
                    runner.datum = try store.tidalDatum(datum.uppercased(), station: station, file: target, resources: resources)
                }
                let reports = records.map(runner.analyse)
                for r in reports { for w in r.warnings { Console.error("warning: \(r.station) \(r.series): \(w)") } }
                if let plot {
                    guard let drawn = reports.first(where: { $0.fit != nil }) else { throw CLIError.data(reports.first?.failure ?? "nothing to plot") }
                    do { try drawn.returnLevelSVG().write(toFile: plot, atomically: true, encoding: .utf8) } catch { throw CLIError.data("cannot write \(plot): \(error)") }
                }
                try print(reports)
                if let failed = reports.first(where: { $0.failure != nil }), reports.allSatisfy({ $0.failure != nil }) {
                    throw CLIError.data("\(failed.station) \(failed.series): \(failed.failure ?? "")")
                }
            }
        }

        /// Mean excess and GPD parameter stability across thresholds, per record.
        func printThresholdAids(_ records: [ExtremesRunner.Record], runner: ExtremesRunner) throws {
            struct Aids: Encodable { var station: String; var series: String; var quantity: String; var rows: [ThresholdChoice.Row] }
            let all = try records.map { r in
                Aids(station: r.station.id, series: r.identifier, quantity: residual ? "non-tidal residual" : "total water level",
                     rows: ThresholdChoice(try runner.prepared(r), run: runHours * 3600).rows)
            }
            func g(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "" }
            switch format {
            case .json: try Console.json(all)
            case .csv:
                var lines = ["station,series,threshold_m,peaks,mean_excess_m,mean_excess_lower,mean_excess_upper,shape_xi,modified_scale_m"]
                for a in all { for r in a.rows { lines.append("\(a.station),\(a.series),\(g(r.threshold)),\(r.peaks),\(g(r.meanExcess)),\(g(r.meanExcessLower)),\(g(r.meanExcessUpper)),\(g(r.shape)),\(g(r.modifiedScale))") } }
                Console.out(lines.joined(separator: "\n") + "\n")
            default:
                for a in all {
                    Console.line("\(a.station) · \(a.series) · \(a.quantity): choose the lowest threshold above which the mean excess is straight and ξ, σ* are steady (Coles 2001, §4.3.1)")
                    Console.out(TextTable.render(header: ["threshold (m)", "peaks", "mean excess (m)", "95%", "ξ", "σ* = σ − ξu (m)"],
                                                 rows: a.rows.map { [g($0.threshold), String($0.peaks), g($0.meanExcess), "\(g($0.meanExcessLower))–\(g($0.meanExcessUpper))", g($0.shape), g($0.modifiedScale)] }))
                }
            }
        }

        func print(_ reports: [ExtremesReport]) throws {
            func g(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "" }
            switch format {
            case .json:
                try Console.json(reports)
            case .csv:
                var lines = ["station,series,quantity,datum,distribution,blocks_per_year,location_m,location_trend_m_per_yr,seasonal_cos_m,seasonal_sin_m,scale_m,shape_xi,year,period_years,return_level_m,profile_lower,profile_upper,bootstrap_lower,bootstrap_upper,failure"]
                for r in reports {
                    guard let fit = r.fit else {
                        lines.append([r.station, r.series, r.quantity, r.datum, "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", r.failure ?? ""].map(csvField).joined(separator: ","))
                        continue
                    }
                    for l in r.returnLevels {
                        lines.append([r.station, r.series, r.quantity, r.datum, fit.distribution.rawValue, String(fit.blocksPerYear), g(fit.location), g(fit.locationTrend),
                                      g(fit.seasonalCycle?[0]), g(fit.seasonalCycle?[1]), g(fit.scale), g(fit.shape),
                                      g(r.year), String(format: "%g", l.period), g(l.level), g(l.profile.lower), g(l.profile.upper),
                                      g(l.bootstrap?.lower), g(l.bootstrap?.upper), ""].map(csvField).joined(separator: ","))
                    }
                }
                Console.out(lines.joined(separator: "\n") + "\n")
            default:
                for r in reports {
                    Console.line("\(r.stationName) (\(r.station)) · \(r.series) · \(r.quantity) · \(r.start ?? "?") … \(r.end ?? "?") (\(String(format: "%.1f", r.recordYears)) years)")
                    Console.line("  heights in m above \(r.datum)")
                    guard let fit = r.fit else { Console.line("  no fit: \(r.failure ?? "")"); continue }
                    switch fit.distribution {
                    case .gev:
                        let skipped = fit.blocksPerYear > 1 ? "\(r.skippedYears.count) months left out for too little data"
                                                            : "years left out for too little data: \(r.skippedYears.map(String.init).joined(separator: ", "))"
                        Console.line("  GEV of \(r.blocks.count) \(fit.blocksPerYear > 1 ? "monthly" : "annual") maxima" + (r.skippedYears.isEmpty ? "" : " (\(skipped))"))
                        if let cycle = fit.seasonalCycle {
                            let amplitude = (cycle[0] * cycle[0] + cycle[1] * cycle[1]).squareRoot()
                            let peak = (atan2(cycle[1], cycle[0]) / (2 * .pi) * 12 + 12).truncatingRemainder(dividingBy: 12) + 0.5
                            Console.line(String(format: "  seasonal cycle of the location: amplitude %.4f m, highest near month %.1f (a = %.4f m, b = %.4f m)", amplitude, peak, cycle[0], cycle[1]))
                        }
                        if let trend = fit.locationTrend, let ref = fit.referenceYear {
                            Console.line(String(format: "  location μ = %.4f m at %.1f, moving %+.2f mm/yr; scale σ = %.4f m; shape ξ = %.4f; returns for %.1f", fit.location, ref, trend * 1000, fit.scale, fit.shape, r.year ?? ref))
                        } else {
                            Console.line(String(format: "  location μ = %.4f m; scale σ = %.4f m; shape ξ = %.4f", fit.location, fit.scale, fit.shape))
                        }
                    case .gpd:
                        Console.line(String(format: "  GPD of %d peaks over %.4f m (%d exceedances, %.0f h runs; %.2f peaks/yr); scale σ = %.4f m; shape ξ = %.4f",
                                            r.peaks.count, r.threshold ?? 0, r.exceedances ?? 0, runHours, fit.exceedancesPerYear ?? 0, fit.scale, fit.shape))
                    }
                    let rows = r.returnLevels.map { l in
                        [String(format: "%g", l.period), g(l.level), "\(g(l.profile.lower))–\(l.profile.upper.map { String(format: "%.4f", $0) } ?? "unbounded")",
                         l.bootstrap.map { "\(g($0.lower))–\(g($0.upper))" } ?? ""]
                    }
                    if let d = r.diagnostics { Console.line(String(format: "  fit: Kolmogorov–Smirnov D = %.3f, p = %.3f (parameters from the same data: p is optimistic)", d.ksStatistic, d.ksPValue)) }
                    Console.out(TextTable.render(header: ["return period (yr)", "level (m)", "95% profile", "95% bootstrap (\(r.bootstrapSamples ?? 0))"], rows: rows))
                    for s in r.sources { Console.line("  source: \(s.title) (\(s.path), sha256 \(s.sha256.prefix(12)))") }
                }
            }
        }
    }
}
