import Foundation
import Logging
import NIOCore
import PostgresNIO

/// One connection's queries, run synchronously (each waits on postgres-nio's
/// `PostgresConnection.query(_:logger:)` future from the caller's thread, never an event loop).
/// Errors become ``StoreError``s that name the statement and the server's message.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs a statement and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
        guard !connection.isClosed else { throw StoreError.unavailable("PostgreSQL connection is closed before \(query.sql.prefix(120))") }
        do {
            return try Self.wait(connection.query(query, logger: logger), seconds: Self.statementTimeout, sql: query.sql)
        } catch let error as PSQLError {
            throw Self.storeError(error, sql: query.sql)
        }
    }

    /// The longest BlueWatch waits for one statement's answer before it gives the connection
    /// up (`BLUEWATCH_PG_TIMEOUT` seconds, default 600): a guard against a connection that died
    /// without postgres-nio noticing, so a cron job can never hang for good.
    static let statementTimeout: Int64 = ProcessInfo.processInfo.environment["BLUEWATCH_PG_TIMEOUT"].flatMap(Int64.init).map { max(1, $0) } ?? 600

    /// Waits for `future` at most `seconds`; then fails with ``StoreError/unavailable(_:)``.
    static func wait<T: Sendable>(_ future: EventLoopFuture<T>, seconds: Int64, sql: String) throws -> T {
        let promise = future.eventLoop.makePromise(of: T.self)
        future.cascade(to: promise)
        let timer = future.eventLoop.scheduleTask(in: .seconds(seconds)) {
            promise.fail(StoreError.unavailable("PostgreSQL did not answer in \(seconds) s: \(sql.prefix(120))"))
        }
        defer { timer.cancel() }
        return try promise.futureResult.wait()
    }

    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        try self.query(query).metadata.rows ?? 0
    }

    /// The rows of a query decoded as records.
    func fetch<T: Decodable>(_ type: T.Type, _ query: PostgresQuery) throws -> [T] {
        try self.query(query).rows.map { try T(from: PostgresRowDecoder($0)) }
    }

    func fetchOne<T: Decodable>(_ type: T.Type, _ query: PostgresQuery) throws -> T? {
        try fetch(type, query).first
    }

    /// The first column of every row.
    func column<T: PostgresDecodable>(_ type: T.Type, _ query: PostgresQuery) throws -> [T] {
        try self.query(query).rows.map { try $0.makeRandomAccess()[0].decode(T.self) }
    }

    /// The first column of the first row (nil when there is none or it is NULL).
    func value<T: PostgresDecodable>(_ type: T.Type, _ query: PostgresQuery) throws -> T? {
        guard let row = try self.query(query).rows.first else { return nil }
        let cell = row.makeRandomAccess()[0]
        return cell.bytes == nil ? nil : try cell.decode(T.self)
    }

    /// Inserts a record (nil optionals take the column default) and returns the row's `id`
    /// when the table has one.
    @discardableResult
    func insert<T: Encodable>(_ record: T, into table: String, returningID: Bool = true) throws -> Int64? {
        let (columns, bindings) = try PostgresRowEncoder.encode(record)
        let placeholders = (1...columns.count).map { "$\($0)" }.joined(separator: ", ")
        let sql = "INSERT INTO \(table) (\(columns.map(Self.quoted).joined(separator: ", "))) VALUES (\(placeholders))" + (returningID ? " RETURNING id" : "")
        let result = try query(PostgresQuery(unsafeSQL: sql, binds: bindings))
        guard returningID, let row = result.rows.first else { return nil }
        return try row.makeRandomAccess()[0].decode(Int64.self)
    }

    /// `values` is a reserved word in PostgreSQL; every other column name is used unquoted (and
    /// so folded to lower case, as the schema created them).
    static func quoted(_ column: String) -> String { column == "values" ? "\"values\"" : column }

    static func storeError(_ error: PSQLError, sql: String) -> StoreError {
        switch error.code {
        case .server:
            let info = error.serverInfo
            let message = info?[.message] ?? "error"
            let state = info?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = info?[.detail].map { ": \($0)" } ?? ""
            return .database("PostgreSQL refused \(sql.prefix(120)): \(message)\(detail)\(state)")
        default:
            return .unavailable("PostgreSQL connection failed (\(error.code))\(error.underlying.map { ": \($0)" } ?? "") during \(sql.prefix(120))")
        }
    }
}
