import BlueWatchCore
import BlueWatchStore
import Foundation

/// An Atom 1.0 feed (RFC 4287) of CAP 1.2 alerts, the form alert hubs and aggregators poll:
/// one entry per alert with its latest message, the CAP document inline as the entry's XML
/// content and linked at /alerts/{id}/cap.
enum AlertFeed {
    static func atom(_ alerts: [(AlertRecord, AlertMessageRecord, CAPMessage)], feedID: String) -> String {
        func e(_ s: String) -> String { CAPMessage.escape(s) }
        let updated = alerts.map { $0.1.sent }.max() ?? Date().timeIntervalSince1970.rounded()
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        x += "  <id>\(e(feedID))</id>\n  <title>BlueWatch alerts (CAP 1.2)</title>\n  <updated>\(UTCTime.iso(updated))</updated>\n"
        x += "  <author><name>BlueWatch</name></author>\n  <link rel=\"self\" href=\"/alerts/feed.atom\"/>\n"
        for (alert, record, message) in alerts {
            var cap = message.xml()
            if cap.hasPrefix("<?xml"), let end = cap.range(of: "?>\n") { cap.removeSubrange(cap.startIndex..<end.upperBound) }
            x += "  <entry>\n    <id>urn:bluewatch:cap:\(e(record.identifier))</id>\n"
            x += "    <title>\(e("\(alert.severity): \(alert.headline)"))</title>\n"
            x += "    <updated>\(UTCTime.iso(record.sent))</updated>\n"
            x += "    <published>\(UTCTime.iso(alert.openedAt.rounded()))</published>\n"
            x += "    <summary>\(e("\(record.msgType) v\(alert.version), \(alert.status), rule \(alert.ruleId), \(alert.stationId)"))</summary>\n"
            x += "    <category term=\"\(e(alert.severity))\" label=\"severity\"/>\n"
            x += "    <link rel=\"alternate\" type=\"application/cap+xml\" href=\"/alerts/\(alert.id!)/cap\"/>\n"
            x += "    <content type=\"application/cap+xml\">\n\(cap)    </content>\n  </entry>\n"
        }
        return x + "</feed>\n"
    }
}
