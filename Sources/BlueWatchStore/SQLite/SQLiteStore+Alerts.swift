import BlueWatchCore
import Foundation
import GRDB

extension SQLiteStore {
    static func alertTable(_ replay: Bool) -> String { replay ? "alertReplay" : "alert" }

    public func openAlerts(replay: Bool) throws -> [AlertRecord] {
        try writer.read { db in
            try AlertRecord.fetchAll(db, sql: "SELECT * FROM \(SQLiteStore.alertTable(replay)) WHERE status = 'open' ORDER BY id")
        }
    }

    public func alerts(replay: Bool, openOnly: Bool, limit: Int) throws -> [AlertRecord] {
        try writer.read { db in
            try AlertRecord.fetchAll(db, sql: "SELECT * FROM \(SQLiteStore.alertTable(replay)) \(openOnly ? "WHERE status = 'open'" : "") ORDER BY id DESC LIMIT ?",
                                     arguments: [limit])
        }
    }

    public func alert(id: Int64) throws -> AlertRecord? {
        try writer.read { db in try AlertRecord.fetchOne(db, key: id) }
    }

    public func alertMessages(alertId: Int64) throws -> [AlertMessageRecord] {
        try writer.read { db in try AlertMessageRecord.filter(Column("alertId") == alertId).order(Column("id")).fetchAll(db) }
    }

    public func alertWatermarks(replay: Bool) throws -> [String: Double] {
        try writer.read { db in
            var result: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT ruleId, seriesId, dataTime FROM alertWatermark WHERE replay = ?", arguments: [replay]) {
                result["\(row["ruleId"] as String)|\(row["seriesId"] as Int64)"] = row["dataTime"]
            }
            return result
        }
    }

    @discardableResult
    public func commitAlertRun(_ changes: [AlertChange], watermarks: [(rule: String, series: Int64, time: Double)], replay: Bool) throws -> [AlertMessageRecord] {
        let table = SQLiteStore.alertTable(replay)
        return try writer.write { db in
            var messages: [AlertMessageRecord] = []
            func record(_ alertId: Int64, _ m: CAPMessage) throws {
                guard !replay else { return }
                var r = AlertMessageRecord(id: nil, alertId: alertId, identifier: m.identifier, msgType: m.msgType.rawValue, sent: m.sent,
                                           cap: String(decoding: try JSONEncoder().encode(m), as: UTF8.self), delivered: false)
                try r.insert(db)
                messages.append(r)
            }
            for change in changes {
                switch change {
                // Each change applies only to the state it was decided on: a run that overlapped
                // another (a lock bypassed, a replay beside a live run) finds the alert already
                // opened, grown or closed, and then neither changes it nor sends a message.
                case .open(let alert, let message):
                    try db.execute(sql: """
                        INSERT OR IGNORE INTO \(table) (ruleId, seriesId, stationId, status, severity, event, headline, magnitude, openedAt, updatedAt, version, sourceSeriesId)
                        VALUES (?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, 1, ?)
                        """, arguments: [alert.ruleId, alert.seriesId, alert.stationId, alert.severity, alert.event, alert.headline, alert.magnitude,
                                         alert.openedAt, alert.updatedAt, alert.sourceSeriesId])
                    if db.changesCount > 0 { try record(db.lastInsertedRowID, message) }
                case .update(let id, let version, let magnitude, let headline, let source, let at, let message):
                    try db.execute(sql: """
                        UPDATE \(table) SET magnitude = ?, headline = ?, updatedAt = ?, version = version + 1, sourceSeriesId = COALESCE(?, sourceSeriesId)
                        WHERE id = ? AND status = 'open' AND version = ?
                        """, arguments: [magnitude, headline, at, source, id, version])
                    if db.changesCount > 0 { try record(id, message) }
                case .close(let id, let version, let at, let message):
                    try db.execute(sql: "UPDATE \(table) SET status = 'closed', closedAt = ?, updatedAt = ? WHERE id = ? AND status = 'open' AND version = ?",
                                   arguments: [at, at, id, version])
                    if db.changesCount > 0 { try record(id, message) }
                }
            }
            for w in watermarks {
                try db.execute(sql: "INSERT INTO alertWatermark (ruleId, seriesId, replay, dataTime) VALUES (?, ?, ?, ?) ON CONFLICT(ruleId, seriesId, replay) DO UPDATE SET dataTime = MAX(dataTime, excluded.dataTime)",
                               arguments: [w.rule, w.series, replay, w.time])
            }
            return messages
        }
    }

    public func undeliveredAlertMessages() throws -> [AlertMessageRecord] {
        try writer.read { db in try AlertMessageRecord.filter(Column("delivered") == false).order(Column("id")).fetchAll(db) }
    }

    public func markDelivered(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try writer.write { db in
            try db.execute(sql: "UPDATE alertMessage SET delivered = 1 WHERE id IN (\(ids.map { String($0) }.joined(separator: ",")))")
        }
    }

    public func webhookDue(endpoint: String, now: Double, maxAttempts: Int) throws -> [(message: AlertMessageRecord, attempts: Int)] {
        try writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.id, COALESCE(d.attempts, 0) AS attempts FROM alertMessage m
                LEFT JOIN alertDelivery d ON d.messageId = m.id AND d.endpoint = ?
                WHERE m.delivered = 1 AND d.deliveredAt IS NULL AND (d.messageId IS NULL OR (d.nextAttemptAt <= ? AND d.attempts < ?))
                  AND NOT EXISTS (
                    SELECT 1 FROM alertMessage e LEFT JOIN alertDelivery ed ON ed.messageId = e.id AND ed.endpoint = ?
                    WHERE e.alertId = m.alertId AND e.id < m.id AND e.delivered = 1 AND ed.deliveredAt IS NULL AND COALESCE(ed.attempts, 0) < ?
                      AND COALESCE(ed.nextAttemptAt, 0) > ?)
                ORDER BY m.id
                """, arguments: [endpoint, now, maxAttempts, endpoint, maxAttempts, now])
            return try rows.map { row in
                (try AlertMessageRecord.fetchOne(db, key: row["id"] as Int64)!, row["attempts"] as Int)
            }
        }
    }

    public func recordWebhookAttempt(messageID: Int64, endpoint: String, at now: Double, delivered: Bool, error: String?, nextAttemptAt: Double) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO alertDelivery (messageId, endpoint, attempts, nextAttemptAt, lastError, deliveredAt) VALUES (?, ?, 1, ?, ?, ?)
                ON CONFLICT(messageId, endpoint) DO UPDATE SET attempts = attempts + 1, nextAttemptAt = excluded.nextAttemptAt,
                    lastError = excluded.lastError, deliveredAt = excluded.deliveredAt
                """, arguments: [messageID, endpoint, nextAttemptAt, error, delivered ? now : nil])
        }
    }

    public func webhookAbandoned(endpoint: String, maxAttempts: Int) throws -> [(identifier: String, attempts: Int, lastError: String?)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.identifier, d.attempts, d.lastError FROM alertDelivery d JOIN alertMessage m ON m.id = d.messageId
                WHERE d.endpoint = ? AND d.deliveredAt IS NULL AND d.attempts >= ? ORDER BY m.id DESC
                """, arguments: [endpoint, maxAttempts]).map { ($0["identifier"], $0["attempts"], $0["lastError"]) }
        }
    }

    public func acknowledgeAlert(id: Int64, by who: String, at: Double) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "UPDATE alert SET acknowledgedAt = ?, acknowledgedBy = ? WHERE id = ?", arguments: [at, who, id])
            return db.changesCount > 0
        }
    }

    public func clearReplay() throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM alertReplay")
            try db.execute(sql: "DELETE FROM alertWatermark WHERE replay = 1")
        }
    }
}
