import BlueWatchCore
import BlueWatchStore
import Foundation
import NetCDF

extension AlertWorkflow {
    /// What one pass over the outbox did.
    public struct OutboxReport: Sendable {
        /// Messages written (`IDENTIFIER.xml` and `.json`) and marked delivered.
        public var written: [AlertMessageRecord] = []
        /// Messages left for the next run, each with why (a write that failed, a stored
        /// message that no longer decodes).
        public var problems: [String] = []
    }

    /// Writes every undelivered CAP message to the outbox folder (`IDENTIFIER.xml` and
    /// `.json`, each written beside its place under a `.partial-` name drainers ignore and
    /// renamed over it, so a repeat after a crash rewrites the same file) and marks it.
    /// Messages of a rule in its quiet hours at `now` stay in the table for a later run.
    /// Callers hold the `alerts` run lock, so no partial file is being written by another run.
    public func writeOutbox(store: any AlertStore, now: Double) throws -> OutboxReport {
        var report = OutboxReport()
        let fm = FileManager.default
        // A run killed while writing leaves a partial file; none is being written now.
        if let names = try? fm.contentsOfDirectory(atPath: outbox) {  // no folder yet: nothing to tidy
            for name in names where name.hasPrefix(".partial-") {
                do { try fm.removeItem(atPath: outbox + "/" + name) } catch { report.problems.append("outbox \(outbox): cannot remove \(name): \(error)") }
            }
        }
        var pending: [(AlertMessageRecord, CAPMessage)] = []
        for record in try store.undeliveredAlertMessages() {
            do {
                let message = try record.message()
                if !isHeld(message, at: now) { pending.append((record, message)) }
            } catch {
                report.problems.append("\(error); left undelivered")
            }
        }
        guard !pending.isEmpty else { return report }
        do { try fm.createDirectory(atPath: outbox, withIntermediateDirectories: true) } catch {
            throw WorkflowError.configuration("cannot create the outbox \(outbox): \(error)")
        }
        func place(_ text: String, as name: String) throws {
            let partial = outbox + "/.partial-" + name
            try Data(text.utf8).write(to: URL(fileURLWithPath: partial))
            try replaceAtomically(outbox + "/" + name, with: partial)
        }
        var done: [Int64] = []
        for (record, message) in pending {
            do {
                try place(message.xml(), as: record.identifier + ".xml")
                try place(record.cap + "\n", as: record.identifier + ".json")
                done.append(record.id!)
                report.written.append(record)
            } catch {
                report.problems.append("outbox \(outbox): \(record.identifier): \(error); will retry on the next run")
            }
        }
        try store.markDelivered(done)
        return report
    }
}
