import BlueWatchCore
import Foundation
import PostgresNIO

extension PostgresStore {
    static func alertTable(_ replay: Bool) -> String { replay ? "alertReplay" : "alert" }

    public func openAlerts(replay: Bool) throws -> [AlertRecord] {
        try read { s in
            try s.fetch(AlertRecord.self, PostgresQuery(unsafeSQL: "SELECT * FROM \(Self.alertTable(replay)) WHERE status = 'open' ORDER BY id"))
        }
    }

    public func alerts(replay: Bool, openOnly: Bool, limit: Int) throws -> [AlertRecord] {
        try read { s in
            try s.fetch(AlertRecord.self, "SELECT * FROM \(unescaped: Self.alertTable(replay)) WHERE (NOT \(openOnly) OR status = 'open') ORDER BY id DESC LIMIT \(limit)")
        }
    }

    public func alert(id: Int64) throws -> AlertRecord? {
        try read { s in try s.fetchOne(AlertRecord.self, "SELECT * FROM alert WHERE id = \(id)") }
    }

    public func alertMessages(alertId: Int64) throws -> [AlertMessageRecord] {
        try read { s in try s.fetch(AlertMessageRecord.self, "SELECT * FROM alertMessage WHERE alertId = \(alertId) ORDER BY id") }
    }

    public func alertWatermarks(replay: Bool) throws -> [String: Double] {
        try read { s in
            var result: [String: Double] = [:]
            for row in try s.query("SELECT ruleId, seriesId, dataTime FROM alertWatermark WHERE replay = \(replay)").rows {
                let (rule, series, time) = try row.decode((String, Int64, Double).self)
                result["\(rule)|\(series)"] = time
            }
            return result
        }
    }

    @discardableResult
    public func commitAlertRun(_ changes: [AlertChange], watermarks: [(rule: String, series: Int64, time: Double)], replay: Bool) throws -> [AlertMessageRecord] {
        let table = Self.alertTable(replay)
        return try transaction { s in
            var messages: [AlertMessageRecord] = []
            func record(_ alertId: Int64, _ m: CAPMessage) throws {
                guard !replay else { return }
                var r = AlertMessageRecord(id: nil, alertId: alertId, identifier: m.identifier, msgType: m.msgType.rawValue, sent: m.sent,
                                           cap: String(decoding: try JSONEncoder().encode(m), as: UTF8.self), delivered: false)
                r.id = try s.insert(r, into: "alertMessage")
                messages.append(r)
            }
            for change in changes {
                switch change {
                // As on SQLite: each change applies only to the state it was decided on.
                case .open(let alert, let message):
                    let inserted = try s.query("""
                        INSERT INTO \(unescaped: table) (ruleId, seriesId, stationId, status, severity, event, headline, magnitude, openedAt, updatedAt, version, sourceSeriesId)
                        VALUES (\(alert.ruleId), \(alert.seriesId), \(alert.stationId), 'open', \(alert.severity), \(alert.event), \(alert.headline),
                                \(alert.magnitude), \(alert.openedAt), \(alert.updatedAt), 1, \(alert.sourceSeriesId))
                        ON CONFLICT (ruleId, seriesId) WHERE status = 'open' DO NOTHING RETURNING id
                        """)
                    if let row = inserted.rows.first { try record(try row.decode(Int64.self), message) }
                case .update(let id, let version, let magnitude, let headline, let source, let at, let message):
                    let n = try s.execute("""
                        UPDATE \(unescaped: table) SET magnitude = \(magnitude), headline = \(headline), updatedAt = \(at), version = version + 1,
                          sourceSeriesId = COALESCE(\(source), sourceSeriesId)
                        WHERE id = \(id) AND status = 'open' AND version = \(version)
                        """)
                    if n > 0 { try record(id, message) }
                case .close(let id, let version, let at, let message):
                    let n = try s.execute("""
                        UPDATE \(unescaped: table) SET status = 'closed', closedAt = \(at), updatedAt = \(at)
                        WHERE id = \(id) AND status = 'open' AND version = \(version)
                        """)
                    if n > 0 { try record(id, message) }
                }
            }
            for w in watermarks {
                try s.execute("""
                    INSERT INTO alertWatermark (ruleId, seriesId, replay, dataTime) VALUES (\(w.rule), \(w.series), \(replay), \(w.time))
                    ON CONFLICT (ruleId, seriesId, replay) DO UPDATE SET dataTime = GREATEST(alertWatermark.dataTime, excluded.dataTime)
                    """)
            }
            return messages
        }
    }

    public func undeliveredAlertMessages() throws -> [AlertMessageRecord] {
        try read { s in try s.fetch(AlertMessageRecord.self, "SELECT * FROM alertMessage WHERE NOT delivered ORDER BY id") }
    }

    public func markDelivered(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try transaction { s in
            for id in ids { try s.execute("UPDATE alertMessage SET delivered = TRUE WHERE id = \(id)") }
        }
    }

    public func webhookDue(endpoint: String, now: Double, maxAttempts: Int) throws -> [(message: AlertMessageRecord, attempts: Int)] {
        try read { s in
            let rows = try s.query("""
                SELECT m.id, COALESCE(d.attempts, 0) FROM alertMessage m
                LEFT JOIN alertDelivery d ON d.messageId = m.id AND d.endpoint = \(endpoint)
                WHERE m.delivered AND d.deliveredAt IS NULL AND (d.messageId IS NULL OR (d.nextAttemptAt <= \(now) AND d.attempts < \(maxAttempts)))
                  AND NOT EXISTS (
                    SELECT 1 FROM alertMessage e LEFT JOIN alertDelivery ed ON ed.messageId = e.id AND ed.endpoint = \(endpoint)
                    WHERE e.alertId = m.alertId AND e.id < m.id AND e.delivered AND ed.deliveredAt IS NULL AND COALESCE(ed.attempts, 0) < \(maxAttempts)
                      AND COALESCE(ed.nextAttemptAt, 0) > \(now))
                ORDER BY m.id
                """).rows
            return try rows.map { row in
                let (id, attempts) = try row.decode((Int64, Int).self)
                guard let message = try s.fetchOne(AlertMessageRecord.self, "SELECT * FROM alertMessage WHERE id = \(id)") else {
                    throw StoreError.notFound("alert message \(id) vanished")
                }
                return (message, attempts)
            }
        }
    }

    public func recordWebhookAttempt(messageID: Int64, endpoint: String, at now: Double, delivered: Bool, error: String?, nextAttemptAt: Double) throws {
        let deliveredAt: Double? = delivered ? now : nil
        _ = try transaction { s in
            try s.execute("""
                INSERT INTO alertDelivery (messageId, endpoint, attempts, nextAttemptAt, lastError, deliveredAt)
                VALUES (\(messageID), \(endpoint), 1, \(nextAttemptAt), \(error), \(deliveredAt))
                ON CONFLICT (messageId, endpoint) DO UPDATE SET attempts = alertDelivery.attempts + 1, nextAttemptAt = excluded.nextAttemptAt,
                    lastError = excluded.lastError, deliveredAt = excluded.deliveredAt
                """)
        }
    }

    public func webhookAbandoned(endpoint: String, maxAttempts: Int) throws -> [(identifier: String, attempts: Int, lastError: String?)] {
        try read { s in
            try s.query("""
                SELECT m.identifier, d.attempts, d.lastError FROM alertDelivery d JOIN alertMessage m ON m.id = d.messageId
                WHERE d.endpoint = \(endpoint) AND d.deliveredAt IS NULL AND d.attempts >= \(maxAttempts) ORDER BY m.id DESC
                """).rows.map { row in
                let (identifier, attempts, lastError) = try row.decode((String, Int, String?).self)
                return (identifier, attempts, lastError)
            }
        }
    }

    public func acknowledgeAlert(id: Int64, by who: String, at: Double) throws -> Bool {
        try transaction { s in try s.execute("UPDATE alert SET acknowledgedAt = \(at), acknowledgedBy = \(who) WHERE id = \(id)") > 0 }
    }

    public func clearReplay() throws {
        try transaction { s in
            try s.execute("DELETE FROM alertReplay")
            try s.execute("DELETE FROM alertWatermark WHERE replay")
        }
    }

    // MARK: Tokens

    public func addToken(name: String, sha256: String, scopes: [String], at time: Double) throws -> APITokenRecord {
        try transaction { s in
            try s.query("SELECT pg_advisory_xact_lock(\(Self.lockKey("token:" + name)))")
            if try s.value(Int64.self, "SELECT id FROM apiToken WHERE name = \(name)") != nil {
                throw StoreError.conflict("a token named '\(name)' exists; revoke it or choose another name")
            }
            var record = APITokenRecord(name: name, sha256: sha256, scopes: scopes, createdAt: time)
            record.id = try s.insert(record, into: "apiToken")
            return record
        }
    }

    public func useToken(sha256: String, at time: Double) throws -> APITokenRecord? {
        try transaction { s in
            try s.fetchOne(APITokenRecord.self, "UPDATE apiToken SET lastUsedAt = \(time) WHERE sha256 = \(sha256) AND revokedAt IS NULL RETURNING *")
        }
    }

    public func tokens() throws -> [APITokenRecord] {
        try read { s in try s.fetch(APITokenRecord.self, "SELECT * FROM apiToken ORDER BY id") }
    }

    public func revokeToken(name: String, at time: Double) throws -> Bool {
        try transaction { s in try s.execute("UPDATE apiToken SET revokedAt = \(time) WHERE name = \(name) AND revokedAt IS NULL") > 0 }
    }

    // MARK: Run locks

    /// A session-level advisory lock (`pg_advisory_lock`) on a connection of its own, so it
    /// holds across hosts and ends with the holder: released on ``RunLock/release()``, or by
    /// the server when the holding process dies and its connection drops.
    public func runLock(kind: String, wait: Bool) throws -> RunLock? {
        let lockConnection = try connect()
        let session = PostgresSession(connection: lockConnection, logger: logger)
        let key = Self.lockKey("run:" + kind)
        do {
            if wait {
                try session.query("SELECT pg_advisory_lock(\(key))")
            } else if try session.value(Bool.self, "SELECT pg_try_advisory_lock(\(key))") != true {
                _ = try? PostgresSession.wait(lockConnection.close(), seconds: 5, sql: "close")
                return nil
            }
        } catch {
            _ = try? PostgresSession.wait(lockConnection.close(), seconds: 5, sql: "close")
            throw error
        }
        return RunLock {
            _ = try? session.query("SELECT pg_advisory_unlock(\(key))")
            _ = try? PostgresSession.wait(lockConnection.close(), seconds: 5, sql: "close")
        }
    }
}
