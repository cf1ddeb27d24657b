import BlueWatchCore
import Foundation
import GRDB

/// A row of `alert` (or `alertReplay`): one condition of one rule on one series, from when it
/// began until it cleared.
public struct AlertRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable, Equatable {
    public static let databaseTableName = "alert"
    public var id: Int64?
    public var ruleId: String
    public var seriesId: Int64
    public var stationId: String
    /// "open" or "closed".
    public var status: String
    public var severity: String
    public var event: String
    public var headline: String
    public var magnitude: Double?
    public var openedAt: Double
    public var updatedAt: Double
    public var closedAt: Double?
    public var acknowledgedAt: Double?
    public var acknowledgedBy: String?
    /// 1 when raised, +1 per update.
    public var version: Int
    /// The series whose data raised the alert or last grew it (v6; nil in older rows, which
    /// mean ``seriesId``). Only evidence from this series ends the alert.
    public var sourceSeriesId: Int64?

    /// The series whose evidence may end the alert.
    public var evidenceSeriesId: Int64 { sourceSeriesId ?? seriesId }

    public init(ruleId: String, seriesId: Int64, stationId: String, severity: String, event: String, headline: String, magnitude: Double?, openedAt: Double,
                sourceSeriesId: Int64? = nil) {
        self.sourceSeriesId = sourceSeriesId
        self.ruleId = ruleId; self.seriesId = seriesId; self.stationId = stationId; status = "open"; self.severity = severity
        self.event = event; self.headline = headline; self.magnitude = magnitude; self.openedAt = openedAt; updatedAt = openedAt; version = 1
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `alertMessage`: one CAP message, kept with its alert; `delivered` once written to
/// the outbox folder.
public struct AlertMessageRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "alertMessage"
    public var id: Int64?
    public var alertId: Int64
    public var identifier: String
    public var msgType: String
    public var sent: Double
    public var cap: String
    public var delivered: Bool

    /// The CAP message, decoded from its stored JSON. A row that no longer decodes (damaged,
    /// or written by a version whose CAP JSON differed) is an error naming the message, never
    /// a message silently left out.
    public func message() throws(StoreError) -> CAPMessage {
        do { return try JSONDecoder().decode(CAPMessage.self, from: Data(cap.utf8)) } catch {
            throw .damaged("stored CAP message \(identifier) (alert \(alertId)) does not decode: \(error)")
        }
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What one evaluation decided for one rule and series.
public enum AlertChange: Sendable {
    /// A new condition: the alert and its first CAP message (identifier and sent set; the rest
    /// of the message filled from the alert).
    case open(AlertRecord, CAPMessage)
    /// The condition grew: new magnitude and headline, the series that showed it, and the
    /// Update message. Applied only if the alert is still open at `version` (another run may
    /// have changed it since it was read).
    case update(alertId: Int64, version: Int, magnitude: Double?, headline: String, source: Int64?, at: Double, message: CAPMessage)
    /// The condition cleared: the Cancel message. Applied only if the alert is still open at
    /// `version`.
    case close(alertId: Int64, version: Int, at: Double, message: CAPMessage)
}
