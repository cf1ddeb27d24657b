/// The cooperation projects (`stations/projects.toml`), each tied to its source document.
public struct ProjectRegistry: Sendable {
    public struct Project: Sendable, Codable, Equatable {
        public var id: String
        public var titleEN: String
        public var titleZH: String
        public var source: String
        public var item: String
        public var partners: [String]
        public var regions: [String]
        public var monitors: String
        /// What the report's traffic lights judge, with the thresholds of their colours.
        public var indicators: [Indicator]

        enum CodingKeys: String, CodingKey {
            case id, source, item, partners, regions, monitors, indicators
            case titleEN = "title_en"
            case titleZH = "title_zh"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            titleEN = try c.decode(String.self, forKey: .titleEN)
            titleZH = try c.decode(String.self, forKey: .titleZH)
            source = try c.decode(String.self, forKey: .source)
            item = try c.decode(String.self, forKey: .item)
            partners = try c.decode([String].self, forKey: .partners)
            regions = try c.decode([String].self, forKey: .regions)
            monitors = try c.decode(String.self, forKey: .monitors)
            indicators = try c.decodeIfPresent([Indicator].self, forKey: .indicators) ?? []
        }
    }

    /// A traffic-light indicator: green while the value is on the good side of `green`, red
    /// beyond `red`, amber between. `higherIsBetter` says which side is good.
    public struct Indicator: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable, Equatable, CaseIterable {
            /// The largest meaningful OLS sea-level trend among the project's stations, mm/yr.
            case trend
            /// The smallest share of months with a monthly mean among the stations, %.
            case availability
            /// Alerts raised in the period at the project's stations (or cells in its regions).
            case alerts
            /// Microplastic hot spots (Gi*, FDR) in the project's regions.
            case hotspots
        }
        public var kind: Kind
        public var nameEN: String
        public var nameZH: String
        public var green: Double
        public var red: Double
        public var higherIsBetter: Bool

        enum CodingKeys: String, CodingKey {
            case kind, green, red
            case nameEN = "name_en"
            case nameZH = "name_zh"
            case higherIsBetter = "higher_is_better"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            kind = try c.decode(Kind.self, forKey: .kind)
            nameEN = try c.decode(String.self, forKey: .nameEN)
            nameZH = try c.decode(String.self, forKey: .nameZH)
            func number(_ k: CodingKeys) throws -> Double {
                if let i = try? c.decode(Int.self, forKey: k) { return Double(i) }
                return try c.decode(Double.self, forKey: k)
            }
            green = try number(.green)
            red = try number(.red)
            higherIsBetter = try c.decodeIfPresent(Bool.self, forKey: .higherIsBetter) ?? false
        }
    }

    public let projects: [Project]

    public init(contentsOf path: String) throws(RegistryError) {
        struct File: Decodable { var project: [Project] }
        let file: File = try decodeTOML(path)
        var seen = Set<String>()
        for p in file.project where !seen.insert(p.id).inserted {
            throw RegistryError(file: path, reason: "project id '\(p.id)' appears twice")
        }
        projects = file.project
    }

    public func project(id: String) -> Project? { projects.first { $0.id == id } }
}
