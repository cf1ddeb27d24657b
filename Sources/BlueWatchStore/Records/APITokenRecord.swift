import GRDB

/// A token for the service's write routes, stored as the SHA-256 of the token text.
public struct APITokenRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "apiToken"
    public var id: Int64?
    /// Who or what holds the token ("tonga-met-uploader").
    public var name: String
    /// Lower-case hex SHA-256 of the token.
    public var sha256: String
    /// Space-separated scopes ("ingest ack").
    public var scopes: String
    public var createdAt: Double
    public var lastUsedAt: Double?
    public var revokedAt: Double?

    public init(name: String, sha256: String, scopes: [String], createdAt: Double) {
        self.name = name
        self.sha256 = sha256
        self.scopes = scopes.joined(separator: " ")
        self.createdAt = createdAt
    }

    public var scopeList: [String] { scopes.split(separator: " ").map(String.init) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
