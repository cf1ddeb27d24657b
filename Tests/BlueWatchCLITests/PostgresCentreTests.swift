import BlueWatchTesting
import Foundation
import Testing

/// A national centre on PostgreSQL: several servers answer from one database, a connection
/// the server kills in the middle of an ingest leaves nothing half-written and the retry
/// stores it, and a database that does not exist is a configuration error. (The whole command
/// line suite also runs on PostgreSQL: `BLUEWATCH_TEST_STORE=postgres`, scripts/test.sh.)
@Suite(.serialized)
struct PostgresCentreTests {
    let dir = TemporaryDirectory("bluewatch-centre")

    @Test("a PostgreSQL database that does not exist is refused (exit 2) with the server's reason; the password is never printed")
    func missingDatabase() throws {
        let cluster = try PostgresCluster.shared.get()
        let url = cluster.url(database: "no_such_db").replacingOccurrences(of: "postgres@", with: "postgres:s3cret@")
        for command in [["status"], ["stations"], ["ingest", "--quiet", TestPaths.data("sealevel/psmsl/rlr_monthly/1327.rlrdata")]] {
            let r = try CommandRunner(database: url).run(command)
            #expect(r.status == 2 && r.stderr.contains("no_such_db") && r.stderr.contains("does not exist"), "\(command): \(r.status) \(r.stderr)")
            #expect(!r.stderr.contains("s3cret") && !r.stdout.contains("s3cret"), "\(command) printed the password")
        }
    }

    static func get(_ port: Int, _ path: String) -> (status: Int, body: String) {
        let r = ServeAbuseTests.exchange(port, ServeAbuseTests.request("GET", path))
        return (r.status, String(r.text.split(separator: "\r\n\r\n", maxSplits: 1).last ?? ""))
    }

    @Test("three servers answer from one database, and each sees what another process ingests")
    func threeServers() throws {
        let database = try PostgresCluster.freshDatabase()
        let cli = CommandRunner(database: database)
        #expect(try cli.run(["ingest", "--quiet", TestPaths.data("sealevel/psmsl/rlr_monthly/155.rlrdata")]).status == 0)
        let servers = try (0..<3).map { _ in try LiveServer(database: database, uploads: dir.file("uploads-\(UUID().uuidString)")) }
        defer { for s in servers { s.stop() } }
        let ports = servers.map(\.port)
        let first = ports.map { Self.get($0, "/stations/honolulu/series") }
        #expect(first.allSatisfy { $0.status == 200 } && Set(first.map(\.body)).count == 1, "\(first.map(\.status))")
        #expect(try cli.run(["ingest", "--quiet", TestPaths.data("sealevel/psmsl/rlr_monthly/1327.rlrdata")]).status == 0)
        let health = ports.map { Self.get($0, "/health").body }
        #expect(Set(health).count == 1 && (health[0].contains("\"datasets\":\"2\"") || health[0].contains("\"datasets\" : \"2\"")), "\(health)")
        let suva = ports.map { Self.get($0, "/stations/suva/series") }
        #expect(suva.allSatisfy { $0.status == 200 && $0.body.contains("1327") }, "\(suva.map(\.status))")
    }

    @Test("a connection killed in the middle of an ingest leaves no half-written file; running the ingest again stores the rest")
    func killedConnection() throws {
        let cluster = try PostgresCluster.shared.get()
        let database = try PostgresCluster.freshDatabase()
        let name = PostgresCluster.databaseName(database)
        let data = TestPaths.data("")
        let ingest = Process()
        ingest.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        ingest.arguments = ["ingest", "--quiet", data, "--db", database]
        ingest.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["BLUEWATCH_HOME"] = TestPaths.packageRoot
        ingest.environment = environment
        let errors = Pipe()
        let outputPath = dir.file("ingest.out")
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        ingest.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        ingest.standardError = errors
        try ingest.run()
        // Kill the ingest's connections a few times while it works (it reconnects for the next file).
        var killed = 0
        for _ in 0..<60 where ingest.isRunning && killed < 3 {
            usleep(700_000)
            let n = try cluster.psql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()")
            killed += Int(n.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ingest.waitUntilExit()
        try #require(killed > 0, "no connection was killed: the ingest ended too soon")
        let stdout = try String(contentsOfFile: outputPath, encoding: .utf8)
        // A kill that lands inside a file's transaction fails that file with the store's reason;
        // one that lands between files only costs a reconnect (seen under load), and then every
        // file is stored. Either way nothing may be half-written, which is what follows.
        if ingest.terminationStatus == 0 {
            #expect(stdout.contains("0 failed"), "\(stdout.suffix(600))")
        } else {
            #expect(ingest.terminationStatus == 1 && stderr.contains("nothing of them was stored") && stdout.contains("PostgreSQL"),
                    "a file caught by the kill fails with the store's reason: \(stdout.suffix(600)) \(stderr.suffix(300))")
        }
        // Nothing half-written: every stored series holds all its values, every dataset its series.
        let partial = try cluster.psql("""
            SELECT count(*) FROM series s WHERE s.valueCount <> COALESCE((SELECT SUM(count) FROM observationBlock b WHERE b.seriesId = s.id), 0)
            """, database: name)
        #expect(partial.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let empty = try cluster.psql("""
            SELECT count(*) FROM dataset d WHERE NOT EXISTS (SELECT 1 FROM series WHERE datasetId = d.id) AND NOT EXISTS (SELECT 1 FROM grid WHERE datasetId = d.id)
              AND NOT EXISTS (SELECT 1 FROM plasticSample WHERE datasetId = d.id) AND NOT EXISTS (SELECT 1 FROM earthquake WHERE datasetId = d.id)
              AND NOT EXISTS (SELECT 1 FROM plasticRejection WHERE datasetId = d.id)
            """, database: name)
        #expect(empty.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let retry = try CommandRunner(database: database).run(["ingest", "--quiet", data])
        #expect(retry.status == 0, "\(retry.stderr.suffix(600))")
        #expect(retry.stdout.contains("0 failed") && retry.stdout.contains("222 datasets"), "\(retry.stdout)")
    }
}
