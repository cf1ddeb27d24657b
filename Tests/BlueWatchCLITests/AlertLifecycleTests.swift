import BlueWatchCore
import BlueWatchTesting
import Foundation
import Testing

/// An alert ends only on evidence from the record that raised it (issue 16): a station holding
/// an older, quiet record must not cancel a tsunami alert while the newer record's wave lasts,
/// with or without overlapping runs, and however the store's path is spelled.
@Suite(.serialized)
struct AlertLifecycleTests {
    let dir = TemporaryDirectory("bluewatch-alert-lifecycle")

    /// Nuku'alofa with two records: Chile 2010 (older, quiet in 2011) stored first, then the
    /// Tohoku 2011 record cut at 17:30 UTC, an hour into the waves, as a feed that stopped
    /// delivering would leave it. The cut copy is made here from the real file.
    func prepare() throws -> (CommandRunner, String) {
        let cli = CommandRunner(database: dir.file("store.sqlite"))
        let older = try cli.run(["ingest", "--quiet", TestPaths.data("tsunami/tidegauge_nukualofa/nukualofa_chile2010_detided.csv"),
                                 TestPaths.data("events/usgs_global_M6plus_1960-2019.csv")])
        #expect(older.status == 0, "\(older.stderr)")
        let full = try String(contentsOfFile: TestPaths.data("tsunami/tidegauge_nukualofa/nukualofa_tohoku2011_detided.csv"), encoding: .utf8)
        let lines = full.split(separator: "\n", omittingEmptySubsequences: true)
        let kept = [lines[0]] + lines.dropFirst().filter { $0.prefix(19) <= "2011-03-11 17:30:00" }
        #expect(kept.count > 3000 && kept.count < lines.count)
        // The catalogue entry for Nuku'alofa's gauge CSVs matches on the folder names.
        let folder = dir.file("tsunami/tidegauge_nukualofa")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let cut = folder + "/nukualofa_tohoku2011_until_1730.csv"
        try (kept.joined(separator: "\n") + "\n").write(toFile: cut, atomically: true, encoding: .utf8)
        let newer = try cli.run(["ingest", "--quiet", cut])
        #expect(newer.status == 0, "\(newer.stderr)")
        let config = try dir.write("rules.toml", """
            sender = "bluewatch@test.example"
            outbox = "\(dir.file("outbox"))"
            [[rule]]
            id = "tsunami-watch"
            kind = "tsunami"
            severity = "Extreme"
            stations = ["nukualofa"]
            """)
        return (cli, config)
    }

    func messages(_ kind: String) throws -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("outbox"))) ?? []
        return try files.filter { $0.hasSuffix(".xml") }.map { try String(contentsOfFile: dir.file("outbox/") + $0, encoding: .utf8) }
            .filter { $0.contains("<msgType>\(kind)</msgType>") }
    }

    func openAlerts(_ cli: CommandRunner) throws -> Int {
        let list = try cli.run(["alerts", "list", "--format", "json"])
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        return alerts.filter { $0["status"] as? String == "open" }.count
    }

    @Test("the quiet older record does not cancel the alert; the raising record's own end condition does")
    func noFalseCancel() throws {
        let (cli, config) = try prepare()
        let raised = try cli.run(["alerts", "run", "--config", config, "--now", "2011-03-11T17:20:00Z"])
        #expect(raised.status == 3 && raised.stdout.contains("NEW"), "\(raised.stdout)\(raised.stderr)")
        // The newer record has no sample after 17:30; within the rule's 2 h the alert stays open,
        // while the Chile 2010 record (quiet in 2011) is looked at again and again.
        for now in ["2011-03-11T17:40:00Z", "2011-03-11T17:45:00Z", "2011-03-11T18:30:00Z", "2011-03-11T19:29:00Z"] {
            let r = try cli.run(["alerts", "run", "--config", config, "--now", now])
            #expect(r.status == 0 && !r.stdout.contains("CLOSED"), "\(now): \(r.stdout)\(r.stderr)")
            #expect(try openAlerts(cli) == 1, "\(now)")
        }
        #expect(try messages("Cancel").isEmpty)
        // Two hours after the last exceedance the rule's own end condition closes it, once.
        let ended = try cli.run(["alerts", "run", "--config", config, "--now", "2011-03-11T19:31:00Z"])
        #expect(ended.status == 3 && ended.stdout.contains("CLOSED"), "\(ended.stdout)\(ended.stderr)")
        #expect(try openAlerts(cli) == 0)
        #expect(try messages("Cancel").count == 1)
    }

    @Test("overlapping runs through the store's path and a symbolic link to it cancel nothing and raise once")
    func overlappingRuns() throws {
        let (cli, config) = try prepare()
        // On SQLite half the runs name the store through a symbolic link (the lock must be the
        // file's, not the name's); a PostgreSQL store has one name.
        let link = TestStoreKind.current == .sqlite ? dir.file("link-to-store.sqlite") : cli.database
        if TestStoreKind.current == .sqlite { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: cli.database) }
        func launch(_ database: String, _ now: String) throws -> Process {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CommandRunner.binary)
            p.arguments = ["alerts", "run", "--config", config, "--now", now, "--db", database]
            p.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = Pipe()
            try p.run()
            return p
        }
        var raised: [Process] = []
        for i in 0..<8 { raised.append(try launch(i % 2 == 0 ? cli.database : link, "2011-03-11T17:20:00Z")) }
        for p in raised { p.waitUntilExit() }
        let statuses = raised.map(\.terminationStatus)
        #expect(statuses.filter { $0 == 3 }.count == 1, "\(statuses)")
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 3 }, "\(statuses)")
        var quiet: [Process] = []
        for (i, now) in ["2011-03-11T17:45:00Z", "2011-03-11T17:46:00Z", "2011-03-11T18:00:00Z", "2011-03-11T18:01:00Z"].enumerated() {
            quiet.append(try launch(i % 2 == 0 ? cli.database : link, now))
        }
        for p in quiet { p.waitUntilExit() }
        #expect(quiet.allSatisfy { $0.terminationStatus == 0 }, "\(quiet.map(\.terminationStatus))")
        #expect(try openAlerts(cli) == 1)
        #expect(try messages("Alert").count == 1)
        #expect(try messages("Cancel").isEmpty)
    }
}
