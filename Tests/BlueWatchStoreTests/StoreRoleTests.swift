@testable import BlueWatchStore
import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// What a national centre needs of either store: the same migrations, upgrades from every
/// shipped schema, alert commits that apply once, tokens, run locks, and one dataset per
/// content when two writers race.
struct StoreRoleTests {
    static let migrationNames = ["v1-foundation", "v2-quality-control", "v3-alerts", "v4-plastics-and-delivery", "v5-api-tokens",
                                 "v6-alert-source", "v7-canonical-series"]

    @Test("PostgreSQL applies the same named migrations as SQLite, once, in order")
    func sameMigrations() throws {
        #expect(PostgresMigrations.all.map(\.name) == Self.migrationNames)
        #expect(SQLiteMigrations.migrator.migrations == Self.migrationNames)
        let url = try PostgresCluster.freshDatabase()
        let store = try PostgresStore(url: url)
        let applied = try store.withSession { try $0.column(String.self, "SELECT identifier FROM bluewatch_migrations ORDER BY identifier") }
        #expect(applied == Self.migrationNames.sorted())
        _ = try PostgresStore(url: url)   // opening again migrates nothing
    }

    @Test("a store at every shipped schema upgrades to the current one and keeps its data", arguments: TestStoreKind.allCases)
    func upgrades(kind: TestStoreKind) throws {
        let registry = try Checkout.registry()
        let dataset = try Checkout.reader().read(TestPaths.data("sealevel/psmsl/rlr_monthly/155.rlrdata"))
        for name in Self.migrationNames {
            let dir = TemporaryDirectory()
            let location = try kind.location(in: dir)
            let old: any DataStore = kind == .sqlite ? try SQLiteStore(path: location, migrateUpTo: name) : try PostgresStore(url: location, migrateUpTo: name)
            // Every schema since v1 holds stations, datasets and series; store one with the old schema's columns.
            if name == Self.migrationNames.last { try old.syncRegistry(registry); _ = try old.ingest(dataset, registry: registry) }
            let current = try StoreOpening.open(location, creating: false)
            try current.syncRegistry(registry)
            if case .stored = try current.ingest(dataset, registry: registry), name == Self.migrationNames.last {
                Issue.record("\(kind) from \(name): the dataset stored before the upgrade was lost")
            }
            let id = try #require(try current.seriesList(stationID: "honolulu").first?.id, "\(kind) from \(name)")
            #expect(try current.readSeries(id: id) == dataset.series[0].series, "\(kind) from \(name)")
            #expect(try current.tokens().isEmpty && current.openAlerts().isEmpty, "\(kind) from \(name)")
        }
    }

    static func alert(_ rule: String, series: Int64) -> AlertRecord {
        AlertRecord(ruleId: rule, seriesId: series, stationId: "honolulu", severity: "Minor", event: "Test", headline: "raised", magnitude: 0.3,
                    openedAt: 1000, sourceSeriesId: series)
    }

    static func message(_ id: String, _ type: CAPMessage.MessageType = .alert) -> CAPMessage {
        CAPMessage(identifier: id, sender: "test@bluewatch", sent: 1000, msgType: type, category: "Env", event: "Test",
                   urgency: .expected, severity: .minor, certainty: .observed, headline: "raised", description: "test", areaDescription: "Honolulu")
    }

    @Test("alert commits: a second open of the same rule and series, a stale update or close, apply nothing and send nothing", arguments: TestStoreKind.allCases)
    func alertCommits(kind: TestStoreKind) throws {
        let store = try kind.make()
        let first = try store.commitAlertRun([.open(Self.alert("r", series: 7), Self.message("m1"))], watermarks: [("r", 7, 900)])
        #expect(first.map(\.identifier) == ["m1"])
        let again = try store.commitAlertRun([.open(Self.alert("r", series: 7), Self.message("m2"))], watermarks: [("r", 7, 800)])
        #expect(again.isEmpty)
        #expect(try store.alertWatermarks() == ["r|7": 900], "a watermark never goes back")
        let open = try #require(try store.openAlerts().first)
        #expect(try store.commitAlertRun([.update(alertId: open.id!, version: 2, magnitude: 1, headline: "stale", source: nil, at: 1100,
                                                  message: Self.message("m3", .update))], watermarks: []).isEmpty)
        #expect(try store.commitAlertRun([.update(alertId: open.id!, version: 1, magnitude: 0.5, headline: "grew", source: nil, at: 1100,
                                                  message: Self.message("m4", .update))], watermarks: []).map(\.identifier) == ["m4"])
        #expect(try store.commitAlertRun([.close(alertId: open.id!, version: 1, at: 1200, message: Self.message("m5", .cancel))], watermarks: []).isEmpty)
        #expect(try store.commitAlertRun([.close(alertId: open.id!, version: 2, at: 1200, message: Self.message("m6", .cancel))], watermarks: []).map(\.identifier) == ["m6"])
        #expect(try store.alert(id: open.id!)?.status == "closed")
        #expect(try store.alertMessages(alertId: open.id!).map(\.identifier) == ["m1", "m4", "m6"])
        #expect(try store.undeliveredAlertMessages().count == 3)
        try store.markDelivered(try store.undeliveredAlertMessages().compactMap(\.id))
        #expect(try store.undeliveredAlertMessages().isEmpty)
        let due = try store.webhookDue(endpoint: "http://x", now: 2000, maxAttempts: 3)
        #expect(due.map(\.message.identifier) == ["m1", "m4", "m6"])
        try store.recordWebhookAttempt(messageID: due[0].message.id!, endpoint: "http://x", at: 2000, delivered: false, error: "503", nextAttemptAt: 2060)
        #expect(try store.webhookDue(endpoint: "http://x", now: 2001, maxAttempts: 3).isEmpty, "later messages wait behind a backing-off Alert")
        #expect(try store.webhookDue(endpoint: "http://x", now: 2061, maxAttempts: 3).map(\.attempts) == [1, 0, 0])
        #expect(try store.acknowledgeAlert(id: open.id!, by: "duty", at: 1300))
        #expect(try !store.acknowledgeAlert(id: 999_999, by: "duty", at: 1300))
        try store.commitAlertRun([.open(Self.alert("r", series: 7), Self.message("replayed"))], watermarks: [("r", 7, 5)], replay: true)
        #expect(try store.openAlerts(replay: true).count == 1 && store.alertWatermarks(replay: true) == ["r|7": 5])
        try store.clearReplay()
        #expect(try store.openAlerts(replay: true).isEmpty && store.alertWatermarks(replay: true).isEmpty)
    }

    @Test("tokens: names are unique, a revoked token no longer authenticates", arguments: TestStoreKind.allCases)
    func tokens(kind: TestStoreKind) throws {
        let store = try kind.make()
        let token = try store.addToken(name: "uploader", sha256: "abc", scopes: ["ingest", "ack"], at: 10)
        #expect(token.id != nil && token.scopeList == ["ingest", "ack"])
        #expect(throws: StoreError.self) { _ = try store.addToken(name: "uploader", sha256: "def", scopes: [], at: 11) }
        #expect(try store.useToken(sha256: "abc", at: 20)?.lastUsedAt == 20)
        #expect(try store.revokeToken(name: "uploader", at: 30))
        #expect(try store.useToken(sha256: "abc", at: 40) == nil)
        #expect(try store.tokens().map(\.name) == ["uploader"])
    }

    @Test("a run lock is held across store connections until released", arguments: TestStoreKind.allCases)
    func runLocks(kind: TestStoreKind) throws {
        let dir = TemporaryDirectory()
        let location = try kind.location(in: dir)
        let a = try StoreOpening.open(location, creating: true), b = try StoreOpening.open(location, creating: true)
        let held = try #require(try a.runLock(kind: "alerts", wait: false))
        #expect(try b.runLock(kind: "alerts", wait: false) == nil)
        #expect(try b.runLock(kind: "deliver", wait: false) != nil, "another kind of run is not blocked")
        held.release()
        #expect(try b.runLock(kind: "alerts", wait: false) != nil)
    }

    @Test("two writers racing with the same file store it once", arguments: TestStoreKind.allCases)
    func racingIngest(kind: TestStoreKind) async throws {
        let dir = TemporaryDirectory()
        let location = try kind.location(in: dir)
        let registry = try Checkout.registry()
        let dataset = try Checkout.reader().read(TestPaths.data("sealevel/psmsl/rlr_monthly/155.rlrdata"))
        let stores = try (0..<4).map { _ in try StoreOpening.open(location, creating: true) }
        try stores[0].syncRegistry(registry)
        let outcomes = try await withThrowingTaskGroup(of: IngestOutcome.self) { group in
            for store in stores { group.addTask { try store.ingest(dataset, registry: registry) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { if case .stored = $0 { true } else { false } }.count == 1, "\(outcomes)")
        #expect(try stores[0].summary().datasets == 1 && stores[0].summary().series == 1)
    }
}
