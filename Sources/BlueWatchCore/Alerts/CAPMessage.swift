import Foundation

/// One OASIS Common Alerting Protocol 1.2 message (an `<alert>` with one `<info>`), as warning
/// centres exchange them. ``xml()`` writes the elements in the schema's order; times use the
/// form CAP requires (`2011-03-11T06:15:00-00:00`, never `Z`).
public struct CAPMessage: Sendable, Equatable, Codable {
    public enum MessageType: String, Sendable, Codable { case alert = "Alert", update = "Update", cancel = "Cancel" }
    public enum Severity: String, Sendable, Codable, CaseIterable { case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown" }
    public enum Urgency: String, Sendable, Codable { case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown" }
    public enum Certainty: String, Sendable, Codable { case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely", unknown = "Unknown" }

    public var identifier: String
    public var sender: String
    /// UTC seconds.
    public var sent: Double
    /// "Actual", "Exercise", "System", "Test".
    public var status: String
    public var msgType: MessageType
    /// Earlier messages this one updates or cancels: (sender, identifier, sent).
    public var references: [(sender: String, identifier: String, sent: Double)]
    /// "Geo", "Met", "Safety", "Env", …
    public var category: String
    public var event: String
    public var urgency: Urgency
    public var severity: Severity
    public var certainty: Certainty
    public var headline: String
    public var description: String
    public var instruction: String?
    public var areaDescription: String
    /// Centre and radius (km) of the area.
    public var circle: (latitude: Double, longitude: Double, radiusKm: Double)?
    /// Name/value pairs (the measured values behind the alert).
    public var parameters: [(name: String, value: String)]

    public init(identifier: String, sender: String, sent: Double, status: String = "Actual", msgType: MessageType,
                references: [(sender: String, identifier: String, sent: Double)] = [], category: String, event: String,
                urgency: Urgency, severity: Severity, certainty: Certainty, headline: String, description: String, instruction: String? = nil,
                areaDescription: String, circle: (latitude: Double, longitude: Double, radiusKm: Double)? = nil, parameters: [(name: String, value: String)] = []) {
        self.identifier = identifier; self.sender = sender; self.sent = sent; self.status = status; self.msgType = msgType
        self.references = references; self.category = category; self.event = event; self.urgency = urgency; self.severity = severity
        self.certainty = certainty; self.headline = headline; self.description = description; self.instruction = instruction
        self.areaDescription = areaDescription; self.circle = circle; self.parameters = parameters
    }

    /// CAP's date-time form: `YYYY-MM-DDThh:mm:ss-00:00` (UTC).
    public static func capTime(_ t: Double) -> String {
        let c = UTCTime.components(t.rounded(.down))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d-00:00", c.year, c.month, c.day, c.hour, c.minute, Int(c.second))
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 forbids most control characters.
                if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The message as CAP 1.2 XML.
    public func xml() -> String {
        func element(_ name: String, _ value: String, indent: String) -> String { "\(indent)<\(name)>\(CAPMessage.escape(value))</\(name)>\n" }
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
        x += element("identifier", identifier, indent: "  ")
        x += element("sender", sender, indent: "  ")
        x += element("sent", CAPMessage.capTime(sent), indent: "  ")
        x += element("status", status, indent: "  ")
        x += element("msgType", msgType.rawValue, indent: "  ")
        x += element("scope", "Public", indent: "  ")
        if !references.isEmpty {
            x += element("references", references.map { "\($0.sender),\($0.identifier),\(CAPMessage.capTime($0.sent))" }.joined(separator: " "), indent: "  ")
        }
        x += "  <info>\n"
        x += element("language", "en-US", indent: "    ")
        x += element("category", category, indent: "    ")
        x += element("event", event, indent: "    ")
        x += element("urgency", urgency.rawValue, indent: "    ")
        x += element("severity", severity.rawValue, indent: "    ")
        x += element("certainty", certainty.rawValue, indent: "    ")
        x += element("senderName", "BlueWatch", indent: "    ")
        x += element("headline", headline, indent: "    ")
        x += element("description", description, indent: "    ")
        if let instruction { x += element("instruction", instruction, indent: "    ") }
        for p in parameters {
            x += "    <parameter>\n" + element("valueName", p.name, indent: "      ") + element("value", p.value, indent: "      ") + "    </parameter>\n"
        }
        x += "    <area>\n"
        x += element("areaDesc", areaDescription, indent: "      ")
        if let c = circle { x += element("circle", String(format: "%.4f,%.4f %.1f", c.latitude, c.longitude, c.radiusKm), indent: "      ") }
        x += "    </area>\n  </info>\n</alert>\n"
        return x
    }

    // Codable by hand: tuples are not Codable. Times as ISO 8601 strings (messages stored
    // before, with seconds, still decode).
    enum CodingKeys: String, CodingKey {
        case identifier, sender, sent, status, msgType, references, category, event, urgency, severity, certainty, headline, description
        case instruction, areaDescription, circle, parameters
    }
    struct Reference: Codable {
        var sender: String; var identifier: String; var sent: Double
        enum CodingKeys: String, CodingKey { case sender, identifier, sent }
        init(sender: String, identifier: String, sent: Double) { self.sender = sender; self.identifier = identifier; self.sent = sent }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sender = try c.decode(String.self, forKey: .sender); identifier = try c.decode(String.self, forKey: .identifier)
            sent = try c.decodeISOTime(forKey: .sent)
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sender, forKey: .sender); try c.encode(identifier, forKey: .identifier); try c.encodeISOTime(sent, forKey: .sent)
        }
    }
    struct Circle: Codable { var latitude: Double; var longitude: Double; var radiusKm: Double }
    struct Parameter: Codable { var name: String; var value: String }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identifier = try c.decode(String.self, forKey: .identifier); sender = try c.decode(String.self, forKey: .sender)
        sent = try c.decodeISOTime(forKey: .sent); status = try c.decode(String.self, forKey: .status)
        msgType = try c.decode(MessageType.self, forKey: .msgType)
        references = try c.decode([Reference].self, forKey: .references).map { ($0.sender, $0.identifier, $0.sent) }
        category = try c.decode(String.self, forKey: .category); event = try c.decode(String.self, forKey: .event)
        urgency = try c.decode(Urgency.self, forKey: .urgency); severity = try c.decode(Severity.self, forKey: .severity)
        certainty = try c.decode(Certainty.self, forKey: .certainty); headline = try c.decode(String.self, forKey: .headline)
        description = try c.decode(String.self, forKey: .description); instruction = try c.decodeIfPresent(String.self, forKey: .instruction)
        areaDescription = try c.decode(String.self, forKey: .areaDescription)
        circle = try c.decodeIfPresent(Circle.self, forKey: .circle).map { ($0.latitude, $0.longitude, $0.radiusKm) }
        parameters = try c.decode([Parameter].self, forKey: .parameters).map { ($0.name, $0.value) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(identifier, forKey: .identifier); try c.encode(sender, forKey: .sender); try c.encodeISOTime(sent, forKey: .sent)
        try c.encode(status, forKey: .status); try c.encode(msgType, forKey: .msgType)
        try c.encode(references.map { Reference(sender: $0.sender, identifier: $0.identifier, sent: $0.sent) }, forKey: .references)
        try c.encode(category, forKey: .category); try c.encode(event, forKey: .event); try c.encode(urgency, forKey: .urgency)
        try c.encode(severity, forKey: .severity); try c.encode(certainty, forKey: .certainty); try c.encode(headline, forKey: .headline)
        try c.encode(description, forKey: .description); try c.encodeIfPresent(instruction, forKey: .instruction)
        try c.encode(areaDescription, forKey: .areaDescription)
        try c.encodeIfPresent(circle.map { Circle(latitude: $0.latitude, longitude: $0.longitude, radiusKm: $0.radiusKm) }, forKey: .circle)
        try c.encode(parameters.map { Parameter(name: $0.name, value: $0.value) }, forKey: .parameters)
    }

    public static func == (a: CAPMessage, b: CAPMessage) -> Bool { a.xml() == b.xml() }
}
