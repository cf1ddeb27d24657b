/// Errors of the store that are not the database's own (SQLite errors arrive as GRDB's
/// `DatabaseError`, PostgreSQL's as postgres-nio's `PSQLError`, both carrying the SQL).
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    case corrupt(String)
    case notFound(String)
    /// A request the stored state refuses (a name already taken).
    case conflict(String)
    /// The store cannot be reached or opened (a server down, a bad URL, a lock file refused).
    case unavailable(String)
    /// The database refused a statement (a constraint, a type); the message names the
    /// statement and the server's reason.
    case database(String)
    /// A stored row that no longer reads as what it holds (a CAP message whose JSON does not
    /// decode); the message names the row.
    case damaged(String)

    public var description: String {
        switch self {
        case .corrupt(let s): "stored observations are damaged: \(s)"
        case .notFound(let s), .conflict(let s), .unavailable(let s), .database(let s), .damaged(let s): s
        }
    }
}
