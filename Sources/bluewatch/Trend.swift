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
            subcommands: [Stations.self, Grid.self, Merge.self],
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
                  bluewatch trend ../shared/data/sealevel/psmsl/rlr_monthly/1842.rlrdata \\
                      --format json
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
        var variable = SeriesKind.seaLevel.variable

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func validate() throws {
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
                var opened: (any DataStore)?
                func db() throws -> any DataStore {
                    if let opened { return opened }
                    let store = try store.openStore(resources)
                    opened = store
                    return store
                }
                if all {
                    if let project, resources.projects.project(id: project) == nil { throw CLIError.usage("unknown project '\(project)'") }
                    let handle = try db()
                    let withData = Set(try handle.seriesList(stationID: nil).filter { $0.variable == variable }.map { $0.stationId })
                    for station in try handle.stations(project: project, kind: nil) where withData.contains(station.id) {
                        reports += try runner.reports(station: resources.registry.station(id: station.id) ?? station, store: handle)
                    }
                }
                for target in targets {
                    if FileManager.default.fileExists(atPath: target) {
                        let dataset = try resources.readChecked(target)
                        reports += try runner.reports(file: dataset, registry: resources.registry)
                    } else {
                        let handle = try db()
                        guard let station = try handle.station(id: target) else {
                            throw CLIError.usage("'\(target)' is neither a file nor a station id (see `bluewatch stations`)")
                        }
                        let found = try runner.reports(station: resources.registry.station(id: station.id) ?? station, store: handle)
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
}
