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
        /// What data would meet the project's monitoring needs where the store has none (shown
        /// by reports that lack data).
        public var dataNeeded: String?

        enum CodingKeys: String, CodingKey {
            case id, source, item, partners, regions, monitors, indicators
            case dataNeeded = "data_needed"
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
            dataNeeded = try c.decodeIfPresent(String.self, forKey: .dataNeeded)
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
            /// Days at or above flood level (or an MRC flood level) in the period, largest at a
            /// project river gauge.
            case floodDays = "flood_days"

            /// Why thresholds of this kind mean what they mean, when projects.toml says nothing.
            public var defaultRationale: (text: String, source: String) {
                switch self {
                case .trend: ("3.3 mm/yr is the global mean sea-level rise measured by satellite altimetry 1993–2018; a station rising faster than twice that is red. Relative trends include land motion, which is what a coast lives with.",
                              "IPCC SROCC (2019), chapter 4; NOAA CO-OPS relative sea-level trends")
                case .availability: ("Trends and extremes are only as good as the record: below 70 % of months present a trend is not meaningful by BlueWatch's rule, and gaps hide the extremes planners need.",
                                     "BlueWatch completeness rule (Docs/METHODS.md, station trends); PSMSL practice of flagging incomplete months")
                case .alerts: ("Alerts are events that needed attention: Extreme and Severe alerts count 3, others 1, so one Severe alert alone is red.",
                               "stations/alerts.toml rules; CAP 1.2 severities")
                case .hotspots: ("A microplastic hot spot is a cluster of high concentrations unlikely by chance (Gi* with a permutation test, false-discovery rate 5 %); one is amber, several red.",
                                 "Getis & Ord (1992); Benjamini & Hochberg (1995); harmonised groups only (units, methods and mesh never mixed)")
                case .floodDays: ("Days at or above the published flood level are days the river overtopped its banks at the gauge; the levels are the providers' own (NWS categories, MRC flood levels).",
                                  "levels in stations/registry.toml with their sources; NWS and MRC definitions in ../shared/data/river/PROVENANCE.md")
                }
            }
        }
        public var kind: Kind
        public var nameEN: String
        public var nameZH: String
        public var green: Double
        public var red: Double
        public var higherIsBetter: Bool
        /// Why the thresholds are what they are, and where that comes from (the kind's default
        /// unless projects.toml gives `rationale` and `rationale_source`).
        public var rationale: String
        public var rationaleSource: String

        enum CodingKeys: String, CodingKey {
            case kind, green, red, rationale
            case rationaleSource = "rationale_source"
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
            rationale = try c.decodeIfPresent(String.self, forKey: .rationale) ?? kind.defaultRationale.text
            rationaleSource = try c.decodeIfPresent(String.self, forKey: .rationaleSource) ?? kind.defaultRationale.source
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
