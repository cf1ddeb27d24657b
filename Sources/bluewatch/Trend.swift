import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import BlueWatchStore
import BlueWatchIngest
import Foundation

extension BlueWatch {
    struct Trend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Sea-level trends with honest intervals, for stations, files and grids.",
            subcommands: [Stations.self, Grid.self],
            defaultSubcommand: Stations.self)
    }
}

enum TrendMethod: String, ExpressibleByArgument, CaseIterable { case ols, sen, all }

extension BlueWatch.Trend {
    struct Stations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stations",
            abstract: "Trends of station records (stored, or read from files without storing).",
            discussion: """
                Give station ids (`bluewatch stations`) or data files (e.g. a PSMSL .rlrdata); or \
                --all, optionally with --project. Each record of a station (each provider id) gets its \
                own trend unless the registry ties their datums; registered datum steps enter the \
                model as step terms.

                Method (Docs/METHODS.md): monthly means (sub-monthly data are averaged with the UHSLC \
                completeness rule); OLS with annual and semi-annual cycles; standard errors corrected \
                for AR(1) serial correlation with the effective sample size of Santer et al. (2000); \
                95 % intervals from Student's t. Robust: Sen's slope of the deseasonalised series with \
                its interval, Mann-Kendall p-values (original and Hamed-Rao). Records shorter than \
                --min-years are marked not meaningful, with the reason. Values flagged suspect or \
                fail are left out unless --admit-suspect; the count left out is reported.

                Examples:
                  bluewatch trend suva honolulu
                  bluewatch trend ../shared/data/sealevel/psmsl/rlr_monthly/1842.rlrdata --format json
                  bluewatch trend --all --project blue-21-sids-sealevel --from 1993 --split 1993
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Station ids or data files.", valueName: "station|file"))
        var targets: [String] = []

        @Flag(help: "Every station with sea-level records (of --project when given).")
        var all = false

        @Option(help: ArgumentHelp("With --all: only stations serving this project.", valueName: "id"))
        var project: String?

        @Option(help: ArgumentHelp("Start: YYYY, YYYY-MM or YYYY-MM-DD (UTC).", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("End (inclusive), same forms.", valueName: "date"))
        var to: String?

        @Option(help: "Which methods to show: ols, sen (Sen + Mann-Kendall) or all.")
        var method: TrendMethod = .all

        @Option(help: ArgumentHelp("Also fit a split trend with a slope change at this year (NOAA uses 1993).", valueName: "year"))
        var split: Int?

        @Option(help: ArgumentHelp("Records shorter than this many years are marked not meaningful.", valueName: "years"))
        var minYears: Double = 30

        @Flag(help: "Use values flagged suspect too.")
        var admitSuspect = false

        @Option(help: "Variable to analyse.")
        var variable = "sea_level"

        @Option(help: "Output: table, json or csv.")
        var format: OutputFormat = .table

        func validate() throws {
            guard [.table, .json, .csv].contains(format) else { throw ValidationError("--format must be table, json or csv") }
            if targets.isEmpty && !all { throw ValidationError("give station ids or files, or --all") }
            if project != nil && !all { throw ValidationError("--project goes with --all") }
            _ = try parseTimeOption(from, end: false, name: "from")
            _ = try parseTimeOption(to, end: true, name: "to")
            if minYears < 0 { throw ValidationError("--min-years must not be negative") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                var options = TrendOptions()
                options.minimumYears = minYears
                options.admitSuspect = admitSuspect
                options.split = split.map { UTCTime.seconds(year: $0, month: 1, day: 1) }
                options.robust = method != .ols
                let runner = StationTrendRunner(options: options, from: try parseTimeOption(from, end: false, name: "from"),
                                                to: try parseTimeOption(to, end: true, name: "to"), variable: variable)
                var reports: [TrendReport] = []
                var storeHandle: SQLiteStoreHandle?
                func db() throws -> SQLiteStoreHandle {
                    if let storeHandle { return storeHandle }
                    let opened = SQLiteStoreHandle(try store.openStore(resources))
                    storeHandle = opened
                    return opened
                }
                if all {
                    if let project, resources.projects.project(id: project) == nil { throw CLIError.data("unknown project '\(project)'") }
                    let handle = try db()
                    let withData = Set(try handle.store.seriesList(stationID: nil).filter { $0.variable == variable }.map { $0.stationId })
                    for station in try handle.store.stations(project: project, kind: nil) where withData.contains(station.id) {
                        reports += try runner.reports(station: resources.registry.station(id: station.id) ?? station, store: handle.store)
                    }
                }
                for target in targets {
                    if FileManager.default.fileExists(atPath: target) {
                        let dataset = try resources.readChecked(target)
                        reports += try runner.reports(file: dataset, registry: resources.registry)
                    } else {
                        let handle = try db()
                        guard let station = try handle.store.station(id: target) else {
                            throw CLIError.data("'\(target)' is neither a file nor a station id (see `bluewatch stations`)")
                        }
                        let found = try runner.reports(station: resources.registry.station(id: station.id) ?? station, store: handle.store)
                        if found.isEmpty { throw CLIError.data("station '\(target)' has no stored \(variable) records; ingest its data first or give a file") }
                        reports += found
                    }
                }
                try print(reports)
            }
        }

        func print(_ reports: [TrendReport]) throws {
            switch format {
            case .json:
                try Console.json(reports)
            case .csv:
                let header = ["station", "series", "start", "end", "years", "values", "meaningful", "ols_mm_per_yr", "ols_lower", "ols_upper", "ols_p",
                              "lag1", "acceleration_mm_per_yr2", "acceleration_lower", "acceleration_upper", "split_at", "before_mm_per_yr", "after_mm_per_yr",
                              "sen_mm_per_yr", "sen_lower", "sen_upper", "mk_p", "hamed_rao_p", "excluded", "note"]
                var lines = [header.joined(separator: ",")]
                for r in reports {
                    let t = r.trend
                    func f(_ v: Double?) -> String { v.map { String(format: "%.6g", $0) } ?? "" }
                    let cells: [String] = [
                        r.station, r.series, t?.start ?? "", t?.end ?? "", f(t?.spanYears), t.map { String($0.valuesUsed) } ?? "",
                        t.map { $0.meaningful ? "yes" : "no" } ?? "no", f(t?.ols.estimate), f(t?.ols.lower), f(t?.ols.upper), f(t?.ols.pValue ?? nil),
                        f(t?.lag1Autocorrelation), f(t?.acceleration?.estimate), f(t?.acceleration?.lower), f(t?.acceleration?.upper),
                        t?.split?.at ?? "", f(t?.split?.before.estimate), f(t?.split?.after.estimate),
                        f(t?.robust?.senSlope.estimate), f(t?.robust?.senSlope.lower), f(t?.robust?.senSlope.upper),
                        f(t?.robust?.mannKendall.p), f(t?.robust?.hamedRao.p),
                        t.map { $0.excluded.map { "\($0.key): \($0.value)" }.sorted().joined(separator: "; ") } ?? "",
                        r.failure ?? ((t?.reasons ?? []) + (t?.warnings ?? [])).joined(separator: " | "),
                    ]
                    lines.append(cells.map(csvField).joined(separator: ","))
                }
                Console.out(lines.joined(separator: "\n") + "\n")
            default:
                Console.out(TrendTable.render(reports, method: method))
            }
        }
    }

    struct Grid: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per-cell trends of a gridded sea-level file, written as CF-1.8 NetCDF.",
            discussion: """
                The station model for every cell (trend, plus annual and semi-annual cycles when the \
                file spans two years of monthly or finer steps; --model linear to match `cdo trend`), \
                NaN-aware, AR(1)-corrected standard errors, streamed in latitude bands and computed in \
                parallel. Output variables: trend, trend_standard_error, trend_lower, trend_upper, \
                p_value, lag1_autocorrelation, count (mm/yr); with --robust also sen_slope, sen_lower, \
                sen_upper, mann_kendall_p. --region adds the trend of the region's \
                area-weighted mean (geodesic cell areas; regions in grids/regions.geojson).

                Examples:
                  bluewatch trend grid sla.nc --var sla --out sla-trend.nc
                  bluewatch trend grid sla.nc --var sla --bbox 100,125,0,25 --region south-china-sea
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("A NetCDF file with a latitude/longitude/time grid.", valueName: "file"))
        var file: String

        @Option(name: [.customLong("var"), .customLong("variable")], help: ArgumentHelp("The grid variable (e.g. sla, adt).", valueName: "name"))
        var variable: String

        @Option(help: ArgumentHelp("Box west,east,south,north in degrees.", valueName: "w,e,s,n"))
        var bbox: String?

        @Option(help: "Model: auto, linear or seasonal.")
        var model: GridTrendRunner.ModelChoice = .auto

        @Option(help: ArgumentHelp("Minimum valid time steps per cell (default two thirds of the steps).", valueName: "n"))
        var minCount: Int?

        @Flag(help: "Also Sen's slope (with its interval) and the Mann-Kendall p-value per cell; O(steps²) per cell.")
        var robust = false

        @Option(name: .shortAndLong, help: ArgumentHelp("Output NetCDF file.", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Also report the trend of this region's area-weighted mean (repeatable).", valueName: "id"))
        var region: [String] = []

        @Option(help: "Summary output: table or json.")
        var format: OutputFormat = .table

        func box() throws -> GridTrendRunner.Box? {
            guard let bbox else { return nil }
            let v = bbox.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard v.count == 4, v[2] < v[3] else { throw ValidationError("--bbox needs west,east,south,north with south < north") }
            return GridTrendRunner.Box(south: v[2], north: v[3], west: v[0], east: v[1])
        }

        func validate() throws {
            _ = try box()
            guard [.table, .json].contains(format) else { throw ValidationError("--format must be table or json") }
            if let minCount, minCount < 3 { throw ValidationError("--min-count must be at least 3") }
        }

        func run() throws {
            try reporting {
                let started = Date()
                var runner = GridTrendRunner(variable: variable, box: try box(), model: model, minimumCount: minCount)
                runner.robust = robust
                let result: GridTrendResult
                do {
                    result = try runner.run(path: file) { done, total in
                        if Console.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[Kbands \(done)/\(total)".utf8)) }
                    }
                } catch { throw CLIError.data("\(error)") }
                if Console.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                if let out {
                    do { try result.write(to: out, command: CommandLine.arguments.joined(separator: " ")) } catch { throw CLIError.data("cannot write \(out): \(error)") }
                }
                var regional: [RegionalTrend] = []
                if !region.isEmpty {
                    let root = store.home ?? ResourceLocator.home() ?? "."
                    let catalog: RegionCatalog
                    do { catalog = try RegionCatalog(contentsOf: root + "/grids/regions.geojson") } catch { throw CLIError.configuration("\(error)") }
                    for id in region {
                        guard let polygon = catalog.regions.first(where: { $0.id == id }) else {
                            throw CLIError.data("unknown region '\(id)'; known: \(catalog.regions.map { $0.id }.joined(separator: ", "))")
                        }
                        do { regional.append(try RegionalTrend.compute(path: file, variable: variable, region: polygon)) } catch { throw CLIError.data("\(error)") }
                    }
                }
                let trends = result.cells.map { $0.trend }.filter { !$0.isNaN }.sorted()
                if format == .json {
                    struct Summary: Encodable {
                        var file: String; var variable: String; var cells: Int; var fitted: Int; var model: [String]; var steps: Int
                        var medianTrend: Double?; var output: String?; var seconds: Double; var regions: [RegionalTrend]
                    }
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "NaN")
                    let summary = Summary(file: file, variable: variable, cells: result.cells.count, fitted: trends.count, model: result.model.columns,
                                          steps: result.times.count, medianTrend: trends.isEmpty ? nil : trends[trends.count / 2], output: out,
                                          seconds: Date().timeIntervalSince(started), regions: regional)
                    Console.line(String(decoding: try encoder.encode(summary), as: UTF8.self))
                } else {
                    Console.line("\(variable): \(result.ny) × \(result.nx) cells, \(result.times.count) steps \(UTCTime.isoDate(result.times.first!))…\(UTCTime.isoDate(result.times.last!)); model \(result.model.columns.joined(separator: " + "))")
                    let years = (result.times.last! - result.times.first!) / TrendModel.secondsPerYear
                    if years < 10 {
                        Console.line(String(format: "warning: the file spans %.2f years; over so short a span a trend measures seasonal and interannual change, not sea-level rise", years))
                    }
                    if trends.isEmpty {
                        Console.line("no cell has \(result.minimumCount) valid steps")
                    } else {
                        Console.line(String(format: "%d cells fitted (of %d); trend median %.2f mm/yr, 5–95%% %.2f to %.2f mm/yr", trends.count, result.cells.count,
                                            trends[trends.count / 2], trends[trends.count / 20], trends[trends.count * 19 / 20]))
                    }
                    for r in regional {
                        if let t = r.trend {
                            Console.line(String(format: "%@: %+.2f mm/yr [%.2f, %.2f] over %d cells (%.0f km²)%@", r.regionName, t.ols.estimate, t.ols.lower, t.ols.upper,
                                                r.cells, r.areaSquareKilometres, t.meaningful ? "" : " — not meaningful: " + t.reasons.joined(separator: "; ")))
                        } else {
                            Console.line("\(r.regionName): \(r.failure ?? "no trend")")
                        }
                    }
                    if let out { Console.line("wrote \(out)") }
                }
            }
        }
    }
}

extension GridTrendRunner.ModelChoice: ExpressibleByArgument {}

/// Holds the store once opened (the store is a class; this keeps the closure simple).
final class SQLiteStoreHandle {
    let store: SQLiteStore
    init(_ store: SQLiteStore) { self.store = store }
}
