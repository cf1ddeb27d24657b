import BlueWatchStore
import Foundation

/// The two stores every store-touching test runs on: the embedded SQLite file and PostgreSQL
/// (a database of its own on the test process's throwaway cluster, ``PostgresCluster``).
public enum TestStoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

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
