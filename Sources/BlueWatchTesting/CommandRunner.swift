import Foundation

/// Runs the built `bluewatch` binary, as a user would, and captures what it prints.
public struct CommandRunner {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The binary: `$BLUEWATCH_BIN`, or `bluewatch` beside the test bundle, or `.build/debug/bluewatch`.
    public static var binary: String {
        if let env = ProcessInfo.processInfo.environment["BLUEWATCH_BIN"], !env.isEmpty { return env }
        let besideBundle = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("bluewatch").path
        if FileManager.default.isExecutableFile(atPath: besideBundle) { return besideBundle }
        for candidate in [Bundle.main.bundleURL.appendingPathComponent("bluewatch").path, TestPaths.packageRoot + "/.build/debug/bluewatch"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return TestPaths.packageRoot + "/.build/debug/bluewatch"
    }

    /// The `--db` given to every command: the SQLite path a test names, or, when the run is on
    /// PostgreSQL (`BLUEWATCH_TEST_STORE=postgres`), the database standing for that path.
    public let database: String

    public init(database: String) {
        // A cluster that cannot start fails the commands with its reason, not the test process.
        self.database = (try? TestStoreKind.location(forPath: database)) ?? "postgres://unavailable-test-cluster/bluewatch"
    }

    /// Runs `bluewatch ARGS --db DATABASE` from the package root.
    public func run(_ arguments: [String], withDatabase: Bool = true, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments + (withDatabase ? ["--db", database] : [])
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["BLUEWATCH_HOME"] = TestPaths.packageRoot
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
