import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation
import Geodesy

/// The alert workflows, written once for every front end: the cron run (`bluewatch alerts
/// run`), a replay of history, closing an alert by hand, and writing released CAP messages to
/// the outbox folder. Webhook delivery is ``WebhookDelivery``.
///
/// A run holds the store's `alerts` run lock (an `flock` beside an SQLite file, an advisory
/// lock on PostgreSQL, so it holds across hosts), ingests the rules' drop folders, evaluates
/// the rules (``AlertEngine``), commits alerts, watermarks and messages in one transaction
/// (``AlertStore/commitAlertRun(_:watermarks:replay:)``: only what the commit applied is
/// reported, so twenty runs started together raise each alert once), then writes the messages
/// quiet hours release to the outbox.
public struct AlertWorkflow: Sendable {
    public let configuration: AlertConfiguration
    public let engine: AlertEngine
    /// The outbox folder (absolute).
    public let outbox: String
    /// How drop-folder files are stored.
    public let ingest: IngestWorkflow

    public init(configuration: AlertConfiguration, registry: StationRegistry, regions: [RegionPolygon], outbox: String, ingest: IngestWorkflow) {
        var engine = AlertEngine(configuration: configuration, registry: registry)
        engine.regions = regions
        self.configuration = configuration
        self.engine = engine
        self.outbox = outbox
        self.ingest = ingest
    }

    /// One alert raised, updated or closed.
    public struct Change: Sendable {
        public enum Kind: String, Sendable { case new, update, closed }
        public var kind: Kind
        /// The run's line for it ("NEW     rule station severity: headline").
        public var line: String
        public var message: CAPMessage
        /// True when the rule is in its quiet hours: the message waits in the table.
        public var held: Bool
    }

    /// What a run did.
    public struct RunReport: Sendable {
        /// The changes this run's commit applied (a change another run made first is left out).
        public var changes: [Change] = []
        /// The messages written to the outbox (this run's and any a killed run left).
        public var delivered: [AlertMessageRecord] = []
        /// Drop-folder files that could not be stored, conditions that could not be judged,
        /// outbox writes to retry: each names its file, rule or message.
        public var problems: [String] = []
    }

    /// The cron run at `now`. Throws ``WorkflowError/busy(_:)`` when another run holds the
    /// lock and `wait` is false.
    public func run(store: any DataStore, now: Double, wait: Bool) throws -> RunReport {
        guard let lock = try store.runLock(kind: "alerts", wait: wait) else {
            throw WorkflowError.busy("another alert run holds the lock of \(store.location)")
        }
        defer { withExtendedLifetime(lock) {} }
        var report = RunReport()
        report.problems = try ingestDropFolders(into: store)
        let outcome: AlertEngine.Outcome
        do { outcome = try engine.evaluate(store: store, now: now) } catch let error as StoreError { throw error } catch {
            throw WorkflowError.data("\(error)")
        }
        report.problems += outcome.problems
        let applied = Set(try store.commitAlertRun(outcome.changes, watermarks: outcome.watermarks).map(\.identifier))
        for (change, line) in zip(outcome.changes, outcome.lines) {
            let (kind, message) = Self.describe(change)
            guard applied.contains(message.identifier) else { continue }
            report.changes.append(Change(kind: kind, line: line, message: message, held: isHeld(message, at: now)))
        }
        let delivery = try writeOutbox(store: store, now: now)
        report.delivered = delivery.written
        report.problems += delivery.problems
        return report
    }

    /// Stores the files of the rules' drop folders; returns what could not be stored.
    func ingestDropFolders(into store: any DataStore) throws -> [String] {
        var problems: [String] = []
        for folder in configuration.dropFolders {
            let files: [String]
            do { files = try DatasetReader.files(under: folder) } catch { throw WorkflowError.data("drop folder \(folder): \(error)") }
            for path in files {
                do {
                    let outcome = try ingest.ingest(path, into: store)
                    if outcome.status == .failed { problems.append("drop folder: \(path): \(outcome.detail)") }
                } catch {
                    problems.append("drop folder: \(path): \(error)")
                }
            }
        }
        return problems
    }

    /// The kind and message of a change.
    static func describe(_ change: AlertChange) -> (Change.Kind, CAPMessage) {
        switch change {
        case .open(_, let m): (.new, m)
        case .update(_, _, _, _, _, _, let m): (.update, m)
        case .close(_, _, _, let m): (.closed, m)
        }
    }

    /// True when the rule that made `message` is in its quiet hours at `time`.
    func isHeld(_ message: CAPMessage, at time: Double) -> Bool {
        guard let id = message.parameters.first(where: { $0.name == "rule" })?.value,
              let rule = configuration.rules.first(where: { $0.id == id }) else { return false }
        return rule.isQuiet(at: time)
    }

    /// Totals of a replay.
    public struct ReplayCounts: Sendable, Equatable {
        public var raised = 0, updated = 0, closed = 0
    }

    /// Runs the rules every `step` seconds from `from` to `to` as if the data had arrived live,
    /// into the replay tables (cleared first); nothing is delivered. `each` receives every
    /// change with the simulated time; conditions that could not be judged are returned once
    /// each, not once per step.
    public func replay(store: any DataStore, from: Double, to: Double, step: Double,
                       each: (Double, Change) -> Void) throws -> (counts: ReplayCounts, problems: [String]) {
        guard step > 0, to > from else { throw WorkflowError.usage("a replay needs a positive step and an end after its start") }
        try store.clearReplay()
        let earthquakes = try store.earthquakes(minimumMagnitude: 6.5)
        var counts = ReplayCounts()
        var problems: [String] = []
        var t = from
        while t <= to {
            let outcome: AlertEngine.Outcome
            do { outcome = try engine.evaluate(store: store, now: t, replay: true, earthquakes: earthquakes) } catch let error as StoreError { throw error } catch {
                throw WorkflowError.data("\(error)")
            }
            for p in outcome.problems where !problems.contains(p) { problems.append(p) }
            try store.commitAlertRun(outcome.changes, watermarks: outcome.watermarks, replay: true)
            for (change, line) in zip(outcome.changes, outcome.lines) {
                let (kind, message) = Self.describe(change)
                switch kind {
                case .new: counts.raised += 1
                case .update: counts.updated += 1
                case .closed: counts.closed += 1
                }
                each(t, Change(kind: kind, line: line, message: message, held: false))
            }
            t += step
        }
        return (counts, problems)
    }

    /// Closes an open alert by hand with its CAP Cancel (under the run lock, waiting for a
    /// run in progress), then writes the outbox. Throws ``WorkflowError/usage(_:)`` when no
    /// open alert has that id.
    public func close(alertID: Int64, reason: String, store: any DataStore, now: Double) throws -> (message: CAPMessage, report: OutboxReport) {
        guard let lock = try store.runLock(kind: "alerts", wait: true) else {
            throw WorkflowError.busy("another alert run holds the lock of \(store.location)")
        }
        defer { withExtendedLifetime(lock) {} }
        guard let alert = try store.alert(id: alertID), alert.status == "open" else { throw WorkflowError.usage("no open alert \(alertID)") }
        let change = try engine.cancel(alert, reason: reason, now: now, store: store)
        try store.commitAlertRun([change], watermarks: [])
        return (Self.describe(change).1, try writeOutbox(store: store, now: now))
    }
}
