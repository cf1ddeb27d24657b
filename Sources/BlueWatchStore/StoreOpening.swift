import Foundation

/// Opening a store by where it lives: a PostgreSQL URL (`postgres://…`) or a SQLite file.
public enum StoreOpening {
    /// Opens the store at `location` and brings its schema up to date. A SQLite file that does
    /// not exist is created only when `creating` (commands that write); otherwise it is a
    /// mistyped location, refused with ``StoreError/notFound(_:)`` rather than answered from
    /// an empty store. A PostgreSQL database must exist (`createdb`); its tables are created.
    public static func open(_ location: String, creating: Bool) throws -> any DataStore {
        if PostgresStore.isURL(location) { return try PostgresStore(url: location) }
        if !creating && !FileManager.default.fileExists(atPath: location) { throw StoreError.notFound("no store at \(location)") }
        return try SQLiteStore(path: location)
    }

    /// True when a store exists at `location` (a PostgreSQL URL counts as existing: the
    /// server says otherwise when opened).
    public static func exists(_ location: String) -> Bool {
        PostgresStore.isURL(location) || FileManager.default.fileExists(atPath: location)
    }
}
