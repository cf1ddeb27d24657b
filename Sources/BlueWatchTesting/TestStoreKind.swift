import BlueWatchStore
import Foundation

/// The two stores every store-touching test runs on: the embedded SQLite file and PostgreSQL
/// (a database of its own on the test process's throwaway cluster, ``PostgresCluster``).
public enum TestStoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// The store of this test run: `BLUEWATCH_TEST_STORE=postgres` runs the store-touching
    /// suites (command line, service, analyses) on PostgreSQL; SQLite otherwise.
    /// `scripts/test.sh` runs them both ways.
    public static var current: TestStoreKind {
        ProcessInfo.processInfo.environment["BLUEWATCH_TEST_STORE"].flatMap(TestStoreKind.init(rawValue:)) ?? .sqlite
    }

    /// The store a test names by a SQLite path, in this run's kind: the path itself, or the
    /// PostgreSQL database standing for it (one per path, made on first use).
    public static func location(forPath path: String) throws -> String {
        guard current == .postgres, !PostgresStore.isURL(path) else { return path }
        lock.lock()
        defer { lock.unlock() }
        if let url = standIns[path] { return url }
        let url = try PostgresCluster.freshDatabase()
        standIns[path] = url
        return url
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var standIns: [String: String] = [:]

    /// A new, empty store: SQLite in `directory` (in memory when nil), or a fresh PostgreSQL
    /// database.
    public func make(in directory: TemporaryDirectory? = nil) throws -> any DataStore {
        switch self {
        case .sqlite: try directory.map { try SQLiteStore(path: $0.file("store.sqlite")) } ?? SQLiteStore()
        case .postgres: try PostgresStore(url: try PostgresCluster.freshDatabase())
        }
    }

    /// Where a new, empty store of this kind lives, for the command-line tool's `--db`.
    public func location(in directory: TemporaryDirectory) throws -> String {
        switch self {
        case .sqlite: directory.file("store.sqlite")
        case .postgres: try PostgresCluster.freshDatabase()
        }
    }
}
