import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import BlueWatchTesting
@testable import BlueWatchWorkflows
import Foundation
import GRDB
import Testing

/// The alert workflows as every front end runs them: what a run cannot judge it says, a hand
/// close sends the Cancel the rule itself would have sent, and a stored message that no longer
/// decodes is reported, never skipped in silence.
struct AlertWorkflowTests {
    let dir = TemporaryDirectory()

    func workflow(_ rules: String) throws -> AlertWorkflow {
        let path = dir.file("alerts.toml")
        try ("sender = \"t@example\"\noutbox = \"outbox\"\n" + rules).write(toFile: path, atomically: true, encoding: .utf8)
        let registry = try Checkout.registry()
        let configuration = try AlertConfiguration(contentsOf: path, registry: registry, projects: try Checkout.projects(), regions: try Checkout.regions())
        return AlertWorkflow(configuration: configuration, registry: registry, regions: try Checkout.regions().regions, outbox: dir.file("outbox"),
                             ingest: IngestWorkflow(reader: try Checkout.reader(), qc: try Checkout.qc(), registry: registry))
    }

    func store(_ kind: TestStoreKind, _ workflow: AlertWorkflow, files: [String]) throws -> any DataStore {
        let store = try kind.make(in: dir)
        try store.syncRegistry(workflow.engine.registry)
        for file in files {
            #expect(try workflow.ingest.ingest(TestPaths.data(file), into: store).status == .stored, "\(file)")
        }
        return store
    }

    @Test("a residual rule that cannot fit a tide says so and raises nothing; with a month of data it judges", arguments: TestStoreKind.allCases)
    func unfittableTide(kind: TestStoreKind) throws {
        let workflow = try workflow("[[rule]]\nid = \"surge\"\nkind = \"residual\"\nstations = [\"honolulu\"]\nthreshold = 0.5\n")
        let store = try store(kind, workflow, files: ["sealevel/hourly/HNL2010.asc"])
        let record = try #require(try store.seriesList(stationID: "honolulu").first)
        let early = try workflow.run(store: store, now: record.timeStart + 10 * 3600, wait: true)
        #expect(early.changes.isEmpty)
        #expect(early.problems.count == 1 && early.problems[0].contains("rule surge, honolulu") && early.problems[0].contains("no tide fit"), "\(early.problems)")
        let later = try workflow.run(store: store, now: record.timeStart + 40 * 86_400, wait: true)
        #expect(later.problems.isEmpty, "\(later.problems)")
    }

    @Test("closing a hot-spot alert by hand sends the Cancel the rule would send: its identifier, the rule, every earlier message referenced")
    func closeByHand() throws {
        let workflow = try workflow("""
            [[rule]]
            id = "hotspots"
            kind = "plastics"
            severity = "Minor"
            group = "surface_water.m3.neuston-net.mesh-unknown"
            resolution = 1.0
            """)
        let store = try store(.sqlite, workflow, files: ["microplastics/ncei_npsg_east_microplastics.csv"])
        let run = try workflow.run(store: store, now: Date().timeIntervalSince1970, wait: true)
        let opened = try #require(run.changes.first { $0.kind == .new })
        #expect(run.delivered.count == run.changes.count)
        let alert = try #require(try store.openAlerts().first { opened.message.identifier.hasPrefix("bluewatch.hotspots.cell\(-$0.seriesId).") })
        let (cancel, outbox) = try workflow.close(alertID: alert.id!, reason: "survey error", store: store, now: alert.openedAt + 60)
        #expect(cancel.identifier == "bluewatch.hotspots.cell\(-alert.seriesId).\(Int(alert.openedAt)).cancel")
        #expect(cancel.msgType == .cancel && cancel.description == "survey error" && cancel.category == "Env")
        #expect(cancel.parameters.contains { $0.name == "rule" && $0.value == "hotspots" })
        #expect(cancel.references.map(\.identifier) == [opened.message.identifier])
        #expect(outbox.written.map(\.identifier) == [cancel.identifier] && outbox.problems.isEmpty)
        #expect(FileManager.default.fileExists(atPath: dir.file("outbox/\(cancel.identifier).xml")))
        #expect(throws: WorkflowError.usage("no open alert \(alert.id!)")) { try workflow.close(alertID: alert.id!, reason: "again", store: store, now: alert.openedAt + 120) }
    }

    @Test("a stored CAP message that no longer decodes is reported by the outbox, left undelivered, and the others are written")
    func damagedMessage() throws {
        let workflow = try workflow("""
            [[rule]]
            id = "hotspots"
            kind = "plastics"
            group = "surface_water.m3.neuston-net.mesh-unknown"
            """)
        let store = try store(.sqlite, workflow, files: ["microplastics/ncei_npsg_east_microplastics.csv"])
        let outcome = try workflow.engine.evaluate(store: store, now: Date().timeIntervalSince1970)
        try store.commitAlertRun(outcome.changes, watermarks: outcome.watermarks)
        let pending = try store.undeliveredAlertMessages()
        #expect(pending.count >= 2)
        let damaged = pending[0].identifier
        try DatabaseQueue(path: dir.file("store.sqlite")).write { try $0.execute(sql: "UPDATE alertMessage SET cap = '{\"identifier\": 1' WHERE identifier = ?", arguments: [damaged]) }
        let report = try workflow.writeOutbox(store: store, now: Date().timeIntervalSince1970)
        #expect(report.problems.count == 1 && report.problems[0].contains("stored CAP message \(damaged)") && report.problems[0].contains("does not decode"), "\(report.problems)")
        #expect(report.written.count == pending.count - 1)
        #expect(try store.undeliveredAlertMessages().map(\.identifier) == [damaged])
    }
}
