/// A sentence of a report in English and Chinese. The builder writes both; renderers pick one
/// by ``ReportLanguage`` (`--lang both` shows the English, then the Chinese).
public struct ReportText: Sendable, Codable, Hashable {
    public var en: String
    public var zh: String

    public init(_ en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// The text in `l`; "English / 中文" for both.
    public func callAsFunction(_ l: ReportLanguage) -> String {
        switch l {
        case .en: en
        case .zh: zh
        case .both: "\(en) / \(zh)"
        }
    }

    /// Escaped HTML in `l`; for both, the Chinese on its own line.
    func html(_ l: ReportLanguage) -> String {
        switch l {
        case .en: escapeXML(en)
        case .zh: escapeXML(zh)
        case .both: "\(escapeXML(en))<br><span lang=\"zh\">\(escapeXML(zh))</span>"
        }
    }

    /// Joins texts of both languages with the separators each language uses.
    static func joined(_ parts: [ReportText], en: String = "; ", zh: String = "；") -> ReportText {
        ReportText(parts.map(\.en).joined(separator: en), zh: parts.map(\.zh).joined(separator: zh))
    }
}
