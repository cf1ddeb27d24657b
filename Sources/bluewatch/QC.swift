import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import BlueWatchIngest
import BlueWatchStore
import Foundation

extension BlueWatch {
    struct QC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "qc",
            abstract: "QARTOD quality-control flags of a station's records (or a file's).",
            discussion: """
                Ingest runs the QARTOD water-level tests on every sea-level and DART series (time \
                gap, gross range, monthly climatology, spike, rate of change, flat line; thresholds \
                per kind of series and per station in stations/qc.toml) and stores the aggregate flag \
                with each value: 1 pass, 2 not evaluated, 3 suspect, 4 fail, 9 missing. Analyses use \
                values flagged 1 or 2; --admit-suspect adds 3; 4 and 9 are never used.

                This command shows, per series, the thresholds used, how many values each test \
                flagged, and the flagged values with the tests that flagged them. --flags prints \
                every value's flags instead (time, value, each test, aggregate) for export. After \
                editing stations/qc.toml, --recompute runs the tests again and stores the new flags.

                Examples:
                  bluewatch qc honolulu
                  bluewatch qc dart-21418 --from 2011-03-11 --to 2011-03-12
                  bluewatch qc nukualofa --flags --format csv > nukualofa-flags.csv
                  bluewatch qc ../shared/data/sealevel/hourly/HNL2010.asc
                  bluewatch qc honolulu --recompute
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("A station id or a data file.", valueName: "station|file"))
        var target: String

        @Option(help: ArgumentHelp("Start: YYYY, YYYY-MM, YYYY-MM-DD or a full ISO time (UTC).", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("End (inclusive), same forms.", valueName: "date"))
        var to: String?

        @Flag(help: "Print every value's flags (time, value, each test, aggregate) instead of the summary.")
        var flags = false

        @Flag(help: "Run the tests again with the current stations/qc.toml and store the new flags.")
        var recompute = false

        @Option(help: ArgumentHelp("How many flagged values to list per series in the table.", valueName: "n"))
        var limit = 20

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func validate() throws {
            _ = try parseTimeOption(from, end: false, name: "from")
            _ = try parseTimeOption(to, end: true, name: "to")
            if limit < 0 { throw ValidationError("--limit must not be negative") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let runner = QualityControlRunner(catalog: resources.qc, from: try parseTimeOption(from, end: false, name: "from"),
                                                  to: try parseTimeOption(to, end: true, name: "to"))
                var reports: [QualityControlReport]
                if FileManager.default.fileExists(atPath: target) {
                    if recompute { throw CLIError.data("--recompute works on stored stations, not files") }
                    var dataset: ParsedDataset
                    do { dataset = try DatasetReader(catalog: resources.catalog).read(target) } catch { throw CLIError.data("\(error)") }
                    dataset.series = dataset.series.map { var s = $0; s.qualityControl = nil; return s }
                    reports = runner.reports(file: dataset, registry: resources.registry, includeRows: flags)
                } else {
                    let db = try store.openStore(resources)
                    guard let station = try db.station(id: target) else {
                        throw CLIError.usage("'\(target)' is neither a file nor a station id (see `bluewatch stations`)")
                    }
                    if recompute {
                        let changed = try runner.recompute(station: station, store: db)
                        Console.error("qc: ran the tests again on \(station.id); flags changed in \(changed) series")
                    }
                    reports = try runner.reports(station: station, store: db, includeRows: flags)
                    if reports.isEmpty { throw CLIError.data("station '\(target)' has no stored records; ingest its data first or give a file") }
                }
                if flags { try printRows(reports) } else { try printSummary(reports) }
            }
        }

        func printRows(_ reports: [QualityControlReport]) throws {
            let checked = reports.filter { $0.configuration != nil }
            if checked.isEmpty { throw CLIError.data("none of these series is quality-controlled: \(reports.compactMap { $0.note }.joined(separator: "; "))") }
            switch format {
            case .json:
                struct Rows: Encodable { var station: String; var series: String; var variable: String; var columns: [String]; var rows: [[String]] }
                let out = checked.map { r in
                    Rows(station: r.station, series: r.series, variable: r.variable,
                         columns: ["time", "value"] + (r.configuration?.tests.map { $0.rawValue } ?? []) + ["aggregate"], rows: r.rows)
                }
                try Console.json(out)
            default:
                // One table: the union of the series' tests as columns, in the order they first
                // appear; a test a series does not run is left empty in its rows.
                var tests: [String] = []
                for r in checked { for t in r.configuration?.tests ?? [] where !tests.contains(t.rawValue) { tests.append(t.rawValue) } }
                var lines = [(["station", "series", "time", "value"] + tests + ["aggregate"]).joined(separator: ",")]
                for r in checked {
                    let own = r.configuration?.tests.map(\.rawValue) ?? []
                    let position = tests.map { own.firstIndex(of: $0) }
                    for row in r.rows {
                        // row: time, value, one flag per own test, aggregate.
                        let flags = position.map { $0.map { row[2 + $0] } ?? "" }
                        lines.append(([r.station, r.series, row[0], row[1]] + flags + [row[row.count - 1]]).map(csvField).joined(separator: ","))
                    }
                }
                Console.out(lines.joined(separator: "\n") + "\n")
            }
        }

        func printSummary(_ reports: [QualityControlReport]) throws {
            switch format {
            case .json: try Console.json(reports)
            case .csv:
                var lines = ["station,series,variable,sampling,kind,test,values,pass,not_evaluated,suspect,fail,missing"]
                for r in reports {
                    for (test, c) in r.counts.sorted(by: { $0.key < $1.key }) {
                        let cells = [r.station, r.series, r.variable, r.sampling, r.kind ?? "", test, String(r.values)]
                            + ["1", "2", "3", "4", "9"].map { String(c[$0] ?? 0) }
                        lines.append(cells.map(csvField).joined(separator: ","))
                    }
                }
                Console.out(lines.joined(separator: "\n") + "\n")
            default:
                for r in reports {
                    Console.line("\(r.station) · \(r.series) · \(r.variable) · \(r.sampling) · \(r.values.formatted) values")
                    guard let configuration = r.configuration else {
                        Console.line("  \(r.note ?? "not checked")\n")
                        continue
                    }
                    Console.line("  kind \(r.kind ?? "custom")\(r.overrides.map { "; station override: \($0)" } ?? "")")
                    var rows: [[String]] = []
                    for test in configuration.tests + [nil] {
                        let name = test?.rawValue ?? "aggregate"
                        let c = r.counts[name] ?? [:]
                        rows.append([name, test.map { thresholds($0, configuration) } ?? ""] + ["1", "2", "3", "4", "9"].map { (c[$0] ?? 0).formatted })
                    }
                    let table = TextTable.render(header: ["test", "thresholds", "pass", "not eval.", "suspect", "fail", "missing"], rows: rows)
                    Console.out(table.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
                    if !r.flagged.isEmpty {
                        Console.line("  flagged values\(r.flagged.count > limit ? " (first \(limit) of \(r.flagged.count))" : ""):")
                        for f in r.flagged.prefix(limit) {
                            let by = f.tests.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                            Console.line("    \(f.time)  \(f.value.map { String(format: "%.3f", $0) } ?? "—")  flag \(f.flag)  (\(by))")
                        }
                    }
                    Console.line("")
                }
            }
        }

        func thresholds(_ test: QARTODTest, _ c: QCConfiguration) -> String {
            func span(_ v: [Double]?) -> String { v.map { "[\(g($0[0])), \(g($0[1]))]" } ?? "—" }
            func g(_ x: Double) -> String { String(format: "%g", x) }
            switch test {
            case .timeGap: return "gap > \(g(c.timeGap!.failSeconds)) s fails"
            case .grossRange: return "fail outside \(span(c.grossRange!.fail)), suspect outside \(span(c.grossRange!.suspect))"
            case .climatology: return "monthly spans for \(c.climatology!.months.count) months"
            case .spike: return "suspect > \(c.spike!.suspect.map(g) ?? "—"), fail > \(c.spike!.fail.map(g) ?? "—")"
            case .rateOfChange: return "suspect > \(g(c.rateOfChange!.suspect))/s, fail > \(c.rateOfChange!.fail.map(g) ?? "—")/s"
            case .flatLine: return "range < \(g(c.flatLine!.tolerance)) over \(g(c.flatLine!.suspectSeconds)) s suspect, \(g(c.flatLine!.failSeconds)) s fail"
            }
        }

        func printJSON<T: Encodable>(_ value: T) throws {
            try Console.json(value)
        }
    }
}
