/// The cooperation projects (`stations/projects.toml`), each tied to its source document.
public struct ProjectRegistry: Sendable {
    public struct Project: Sendable, Codable, Equatable {
        public var id: String
        public var titleEN: String
        public var titleZH: String
        public var source: String
        public var item: String
        public var partners: [String]
        /// The partners in Chinese (`partners_zh`), for `--lang zh` reports.
        public var partnersZH: [String]
        public var regions: [String]
        public var monitors: String
        public var monitorsZH: String
        /// What the report's traffic lights judge, with the thresholds of their colours.
        public var indicators: [Indicator]
        /// What data would meet the project's monitoring needs where the store has none (shown
        /// by reports that lack data).
        public var dataNeeded: String?
        public var dataNeededZH: String?

        enum CodingKeys: String, CodingKey {
            case id, source, item, partners, regions, monitors, indicators
            case partnersZH = "partners_zh"
            case monitorsZH = "monitors_zh"
            case dataNeeded = "data_needed"
            case dataNeededZH = "data_needed_zh"
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
            partnersZH = try c.decode([String].self, forKey: .partnersZH)
            regions = try c.decode([String].self, forKey: .regions)
            monitors = try c.decode(String.self, forKey: .monitors)
            monitorsZH = try c.decode(String.self, forKey: .monitorsZH)
            indicators = try c.decodeIfPresent([Indicator].self, forKey: .indicators) ?? []
            dataNeeded = try c.decodeIfPresent(String.self, forKey: .dataNeeded)
            dataNeededZH = try c.decodeIfPresent(String.self, forKey: .dataNeededZH)
            if dataNeeded != nil && dataNeededZH == nil {
                throw DecodingError.dataCorruptedError(forKey: .dataNeededZH, in: c, debugDescription: "project '\(id)': data_needed needs data_needed_zh for Chinese reports")
            }
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

            /// The default rationale and its source in Chinese.
            public var defaultRationaleZH: (text: String, source: String) {
                switch self {
                case .trend: ("3.3 毫米/年是1993–2018年卫星测高得到的全球平均海平面上升速率；站点上升速率超过其两倍即为红色。相对趋势包含地面升降，这正是海岸实际承受的变化。",
                              "IPCC SROCC（2019）第4章；NOAA CO-OPS 相对海平面趋势")
                case .availability: ("趋势和极值的可信度取决于记录的完整程度：按BlueWatch规则，有值月份不足70%时趋势不具统计意义，数据缺口也会掩盖规划所需的极值。",
                                     "BlueWatch完整性规则（Docs/METHODS.md，站点趋势）；PSMSL对不完整月份的标记做法")
                case .alerts: ("警报代表需要关注的事件：极端和严重警报各计3分，其余各计1分，因此一次严重警报即为红色。",
                               "stations/alerts.toml 中的规则；CAP 1.2 严重程度")
                case .hotspots: ("微塑料热点是偶然难以形成的高浓度聚集区（Gi*统计量加置换检验，错误发现率5%）；一个为黄色，多个为红色。",
                                 "Getis & Ord（1992）；Benjamini & Hochberg（1995）；仅在统一分组内分析（单位、方法和网目从不混合）")
                case .floodDays: ("水位达到或超过公布洪水水位的天数，即河水在该站漫过河岸的天数；各水位等级均采用发布机构自己的定义（NWS洪水等级、MRC洪水水位）。",
                                  "stations/registry.toml 中的水位及其来源；NWS与MRC的定义见 ../shared/data/river/PROVENANCE.md")
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
        /// The rationale and its source in Chinese (`rationale_zh`, `rationale_source_zh`).
        public var rationaleZH: String
        public var rationaleSourceZH: String

        enum CodingKeys: String, CodingKey {
            case kind, green, red, rationale
            case rationaleSource = "rationale_source"
            case rationaleZH = "rationale_zh"
            case rationaleSourceZH = "rationale_source_zh"
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
            rationaleZH = try c.decodeIfPresent(String.self, forKey: .rationaleZH) ?? kind.defaultRationaleZH.text
            rationaleSourceZH = try c.decodeIfPresent(String.self, forKey: .rationaleSourceZH) ?? kind.defaultRationaleZH.source
            for (english, chinese) in [(CodingKeys.rationale, CodingKeys.rationaleZH), (.rationaleSource, .rationaleSourceZH)]
            where c.contains(english) && !c.contains(chinese) {
                throw DecodingError.dataCorruptedError(forKey: chinese, in: c, debugDescription: "indicator '\(nameEN)': \(english.rawValue) needs \(chinese.rawValue) for Chinese reports")
            }
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
