/// Errors of the store that are not plain SQLite errors (those arrive as GRDB's
/// `DatabaseError`, which carries the SQL and SQLite's result code).
public enum StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    case corrupt(String)
    case notFound(String)
    /// A request the stored state refuses (a name already taken).
    case conflict(String)

    public var description: String {
        switch self {
        case .corrupt(let s): "stored observations are damaged: \(s)"
        case .notFound(let s), .conflict(let s): s
        }
    }
}
