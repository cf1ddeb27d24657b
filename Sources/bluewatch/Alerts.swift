import ArgumentParser
import BlueWatchCore
import BlueWatchExport
import BlueWatchIngest
import BlueWatchStore
import BlueWatchWorkflows
import Foundation

extension BlueWatch {
    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Alerts for cron: rules evaluated incrementally, de-duplicated, written as CAP 1.2.",
            subcommands: [Run.self, Deliver.self, List.self, Show.self, Ack.self, Close.self, Replay.self])
    }
}

/// Options of the alert commands: the rules file.
struct AlertOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The rules (TOML). Default: stations/alerts.toml of the checkout. Example: Docs/alerts.example.toml.", valueName: "file"))
    var config: String?

    func regions(_ store: StoreOptions) -> RegionCatalog? {
        try? RegionCatalog(contentsOf: (store.home ?? ResourceLocator.home() ?? ".") + "/grids/regions.geojson")
    }

    /// The alert workflows for a configuration: the regions plastics rules may name, the
    /// store's outbox, drop folders ingested as `bluewatch ingest` would.
    func workflow(_ configuration: AlertConfiguration, resources: Resources, store: StoreOptions) -> AlertWorkflow {
        AlertWorkflow(configuration: configuration, registry: resources.registry, regions: regions(store)?.regions ?? [],
                      outbox: outbox(configuration, store: store),
                      ingest: IngestWorkflow(reader: DatasetReader(catalog: resources.catalog), qc: resources.qc, registry: resources.registry))
    }

    /// The rules file: --config, else stations/alerts.toml of the checkout.
    func path(_ store: StoreOptions) -> String { config ?? ((store.home ?? ResourceLocator.home() ?? ".") + "/stations/alerts.toml") }

    /// The outbox folder: a relative `outbox` lies in the SQLite store's folder, or, for a
    /// PostgreSQL store (no folder of its own), beside the rules file.
    func outbox(_ configuration: AlertConfiguration, store: StoreOptions) -> String {
        configuration.outbox(forStore: PostgresStore.isURL(store.databasePath) ? path(store) : store.databasePath)
    }

    func load(_ resources: Resources, store: StoreOptions) throws -> AlertConfiguration {
        let path = path(store)
        do { return try AlertConfiguration(contentsOf: path, registry: resources.registry, projects: resources.projects, regions: regions(store)) } catch {
            throw CLIError.configuration(error.description)
        }
    }
}

extension BlueWatch.Alerts {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate the rules on data new since the last run; raise, update or close alerts.",
            discussion: """
                Made for cron (e.g. every minute for tsunami watch). One run at a time per database: \
                a second run waits for the first (or, with --no-wait, exits 75). Files in the rules' \
                drop folders are ingested first. Each rule looks only at data newer than its \
                watermark. An ongoing condition updates its open alert (CAP Update) when it grows; \
                a cleared one closes it (CAP Cancel). Alerts, watermarks and outgoing messages are \
                written in one transaction, so a run killed at any instant neither loses nor repeats \
                an alert; messages are then written to the outbox folder as CAP XML and JSON, named \
                by their CAP identifier (a later run finishes any delivery a killed run left).

                Output: nothing when nothing changed (cron mails any output); otherwise one line per \
                new, updated or closed alert. --format jsonl prints the CAP messages as JSON lines.

                Exit status: 0 nothing new; 3 new, updated or closed alerts; 1 a data error; 2 a \
                configuration error (bad rules, named with their line); 75 another run holds the lock \
                (--no-wait).
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: AlertOptions

        @Option(help: ArgumentHelp("Evaluate as of this time (ISO UTC) instead of now: catching up, or tests.", valueName: "time"))
        var now: String?

        @Flag(help: "Exit 75 at once if another run holds the lock, instead of waiting.")
        var noWait = false

        @Option(help: "Output: table (one line per change) or jsonl.")
        var format: ChangeFormat = .table

        func validate() throws {
            if let now, UTCTime.parse(now) == nil { throw ValidationError("--now '\(now)' is not an ISO UTC time") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let configuration = try options.load(resources, store: store)
                let db = try store.openStore(resources, creating: true)
                let at = now.flatMap { UTCTime.parse($0) } ?? Date().timeIntervalSince1970
                let report = try options.workflow(configuration, resources: resources, store: store).run(store: db, now: at, wait: !noWait)
                for problem in report.problems { Console.error("bluewatch: \(problem)") }
                if format == .table {
                    for change in report.changes { Console.line(change.line + (change.held ? "  (held: quiet hours)" : "")) }
                } else {
                    for m in report.delivered { Console.line(m.cap) }
                }
                if !report.changes.isEmpty { throw ExitCode(3) }
            }
        }
    }

    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-evaluate history step by step into a separate table, to tune rules without sending anything.",
            discussion: """
                Runs the rules as if the data had arrived live, every --step from --from to --to, \
                into the replay tables (cleared first); nothing goes to the outbox. Prints what a \
                live system would have done.

                Example:
                  bluewatch alerts replay --from 2011-03-11T05:00:00Z --to 2011-03-12T12:00:00Z --step 1min
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var options: AlertOptions

        @Option(help: ArgumentHelp("Start (ISO UTC).", valueName: "time")) var from: String
        @Option(help: ArgumentHelp("End (ISO UTC).", valueName: "time")) var to: String
        @Option(help: ArgumentHelp("Step: seconds or 1min, 5min, 1h.", valueName: "step")) var step = "1min"

        func stepSeconds() throws -> Double { try parseDurationOption(step, name: "step") }

        func validate() throws {
            guard let a = UTCTime.parse(from), let b = UTCTime.parse(to), b > a else { throw ValidationError("--from and --to must be ISO UTC times, --to after --from") }
            if (b - a) / (try stepSeconds()) > 100_000 { throw ValidationError("more than 100,000 steps; use a larger --step") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let configuration = try options.load(resources, store: store)
                let db = try store.openStore(resources)
                let (counts, problems) = try options.workflow(configuration, resources: resources, store: store)
                    .replay(store: db, from: UTCTime.parse(from)!, to: UTCTime.parse(to)!, step: try stepSeconds()) { t, change in
                        Console.line("\(UTCTime.iso(t))  \(change.line)")
                    }
                for problem in problems { Console.error("bluewatch: \(problem)") }
                Console.line("replay: \(counts.raised) raised, \(counts.updated) updates, \(counts.closed) closed (table alertReplay; nothing sent)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Alerts, newest first.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Only open alerts.") var open = false
        @Flag(help: "The replay table instead of live alerts.") var replay = false
        @Option(help: "Output: table or json.") var format: SummaryFormat = .table

        func run() throws {
            try reporting {
                let db = try store.openStore(try store.resources())
                let alerts = try db.alerts(replay: replay, openOnly: open, limit: 1000)
                if format == .json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    Console.line(String(decoding: try encoder.encode(alerts.map(\.json)), as: UTF8.self))
                    return
                }
                let rows = alerts.map { a in
                    [String(a.id!), a.status, a.severity, a.ruleId, a.stationId, UTCTime.iso(a.openedAt), a.closedAt.map { UTCTime.iso($0) } ?? "", String(a.version),
                     a.acknowledgedBy.map { "ack " + $0 } ?? "", a.headline]
                }
                Console.out(TextTable.render(header: ["id", "status", "severity", "rule", "station", "opened", "closed", "v", "ack", "headline"], rows: rows))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One alert with its CAP messages.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Alert id.") var id: Int64
        @Flag(help: "Print the CAP XML of each message.") var xml = false

        func run() throws {
            try reporting {
                let db = try store.openStore(try store.resources())
                guard let a = try db.alert(id: id) else { throw CLIError.data("no alert \(id)") }
                Console.line("alert \(id): \(a.status), \(a.severity), rule \(a.ruleId), station \(a.stationId), version \(a.version)")
                Console.line("  \(a.headline)")
                Console.line("  opened \(UTCTime.iso(a.openedAt)), updated \(UTCTime.iso(a.updatedAt))\(a.closedAt.map { ", closed \(UTCTime.iso($0))" } ?? "")\(a.acknowledgedBy.map { ", acknowledged by \($0)" } ?? "")")
                for m in try db.alertMessages(alertId: id) {
                    Console.line("  \(m.msgType) \(m.identifier) sent \(UTCTime.iso(m.sent))\(m.delivered ? "" : " (not yet in the outbox)")")
                    if xml {
                        do { Console.out(try m.message().xml()) } catch { Console.error("bluewatch: \(error)") }
                    }
                }
            }
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Acknowledge an alert (recorded; nothing is sent).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Alert id.") var id: Int64
        @Option(help: "Who acknowledges.") var by = ProcessInfo.processInfo.environment["USER"] ?? "operator"

        func run() throws {
            try reporting {
                let db = try store.openStore(try store.resources())
                guard try db.acknowledgeAlert(id: id, by: by, at: Date().timeIntervalSince1970) else { throw CLIError.data("no alert \(id)") }
                Console.line("alert \(id) acknowledged by \(by)")
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an open alert by hand, sending its CAP Cancel.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var options: AlertOptions
        @Argument(help: "Alert id.") var id: Int64
        @Option(help: "Why (goes into the Cancel message).") var reason = "closed by the duty officer"

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let configuration = try options.load(resources, store: store)
                let db = try store.openStore(resources, creating: true)
                let workflow = options.workflow(configuration, resources: resources, store: store)
                let (message, report) = try workflow.close(alertID: id, reason: reason, store: db, now: Date().timeIntervalSince1970)
                for problem in report.problems { Console.error("bluewatch: \(problem)") }
                Console.line("alert \(id) closed; CAP Cancel \(message.identifier) in \(workflow.outbox)")
            }
        }
    }
}
