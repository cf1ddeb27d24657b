import Foundation
import GRDB

extension SQLiteStore {
    /// Stores a new token's hash; fails with ``StoreError`` when the name is taken.
    public func addToken(name: String, sha256: String, scopes: [String], at time: Double) throws -> APITokenRecord {
        try writer.write { db in
            if try APITokenRecord.filter(Column("name") == name).fetchCount(db) > 0 {
                throw StoreError.conflict("a token named '\(name)' exists; revoke it or choose another name")
            }
            var record = APITokenRecord(name: name, sha256: sha256, scopes: scopes, createdAt: time)
            try record.insert(db)
            return record
        }
    }

    /// The live (not revoked) token with this hash, its last use set to `time`; nil when none.
    public func useToken(sha256: String, at time: Double) throws -> APITokenRecord? {
        try writer.write { db in
            guard var record = try APITokenRecord.filter(Column("sha256") == sha256 && Column("revokedAt") == nil).fetchOne(db) else { return nil }
            record.lastUsedAt = time
            try record.update(db)
            return record
        }
    }

    public func tokens() throws -> [APITokenRecord] {
        try writer.read { db in try APITokenRecord.order(Column("id")).fetchAll(db) }
    }

    /// Revokes the token named `name`; false when there is no live token of that name.
    public func revokeToken(name: String, at time: Double) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE apiToken SET revokedAt = ? WHERE name = ? AND revokedAt IS NULL", arguments: [time, name])
            return db.changesCount > 0
        }
    }
}
