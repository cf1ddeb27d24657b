import BlueWatchCore

extension AlertRecord {
    /// An alert as BlueWatch's JSON gives it (CLI and service): the stored row with every time
    /// as an ISO 8601 UTC string. The row itself keeps seconds, its column type in the store.
    public struct JSONView: Encodable, Sendable {
        public var record: AlertRecord

        enum CodingKeys: String, CodingKey {
            case id, ruleId, seriesId, stationId, status, severity, event, headline, magnitude
            case openedAt, updatedAt, closedAt, acknowledgedAt, acknowledgedBy, version, sourceSeriesId
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            let r = record
            try c.encodeIfPresent(r.id, forKey: .id)
            try c.encode(r.ruleId, forKey: .ruleId)
            try c.encode(r.seriesId, forKey: .seriesId)
            try c.encode(r.stationId, forKey: .stationId)
            try c.encode(r.status, forKey: .status)
            try c.encode(r.severity, forKey: .severity)
            try c.encode(r.event, forKey: .event)
            try c.encode(r.headline, forKey: .headline)
            try c.encodeIfPresent(r.magnitude, forKey: .magnitude)
            try c.encodeISOTime(r.openedAt, forKey: .openedAt)
            try c.encodeISOTime(r.updatedAt, forKey: .updatedAt)
            if let t = r.closedAt { try c.encodeISOTime(t, forKey: .closedAt) }
            if let t = r.acknowledgedAt { try c.encodeISOTime(t, forKey: .acknowledgedAt) }
            try c.encodeIfPresent(r.acknowledgedBy, forKey: .acknowledgedBy)
            try c.encode(r.version, forKey: .version)
            try c.encodeIfPresent(r.sourceSeriesId, forKey: .sourceSeriesId)
        }
    }

    /// This alert for JSON output.
    public var json: JSONView { JSONView(record: self) }
}
