import BlueWatchCore
import Foundation

/// Alert rules for `bluewatch alerts run` (TOML; commented example in Docs/alerts.example.toml).
public struct AlertConfiguration: Sendable {
    public var sender: String
    /// The outbox as the file gives it (default `outbox`); a relative path belongs to the store:
    /// use ``outbox(forStore:)``.
    public var outbox: String
    /// Drop folders, relative paths resolved against the configuration file's folder.
    public var dropFolders: [String]
    public var rules: [Rule]
    public let path: String

    struct File: Decodable {
        var sender: String?
        var outbox: String?
        var drop_folders: [String]?
        var rule: [RuleEntry]?
    }

    struct RuleEntry: Decodable {
        var id: String
        var kind: String
        var severity: String?
        var stations: [String]?
        var projects: [String]?
        var threshold: Double?
        var hours: Double?
        var count: Int?
        var window_hours: Double?
        var clear_after_hours: Double?
        var update_growth: Double?
        var quiet_hours: [Int]?
        var group: String?
        var region: String?
        var resolution: Double?
        var band_km: Double?
        var alpha: Double?
        var datum: String?
        var days: Double?

        enum CodingKeys: String, CodingKey {
            case id, kind, severity, stations, projects, threshold, hours, count, window_hours, clear_after_hours, update_growth, quiet_hours
            case group, region, resolution, band_km, alpha, datum, days
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            func number(_ k: CodingKeys) throws -> Double? {
                guard c.contains(k) else { return nil }
                if let i = try? c.decode(Int.self, forKey: k) { return Double(i) }
                return try c.decode(Double.self, forKey: k)
            }
            id = try c.decode(String.self, forKey: .id); kind = try c.decode(String.self, forKey: .kind)
            severity = try c.decodeIfPresent(String.self, forKey: .severity)
            stations = try c.decodeIfPresent([String].self, forKey: .stations); projects = try c.decodeIfPresent([String].self, forKey: .projects)
            threshold = try number(.threshold); hours = try number(.hours); count = try c.decodeIfPresent(Int.self, forKey: .count)
            window_hours = try number(.window_hours); clear_after_hours = try number(.clear_after_hours); update_growth = try number(.update_growth)
            quiet_hours = try c.decodeIfPresent([Int].self, forKey: .quiet_hours)
            group = try c.decodeIfPresent(String.self, forKey: .group); region = try c.decodeIfPresent(String.self, forKey: .region)
            resolution = try number(.resolution); band_km = try number(.band_km); alpha = try number(.alpha)
            datum = try c.decodeIfPresent(String.self, forKey: .datum); days = try number(.days)
        }
    }

    /// The outbox of the store at `databasePath`: the configured path when absolute, else that
    /// path inside the store's folder, so two stores never share an outbox by accident and the
    /// working directory does not matter.
    public func outbox(forStore databasePath: String) -> String {
        if outbox.hasPrefix("/") { return outbox }
        let folder = URL(fileURLWithPath: databasePath).standardizedFileURL.deletingLastPathComponent()
        return folder.appendingPathComponent(outbox).standardizedFileURL.path
    }

    /// Reads and checks the rules against the registry (and the region ids of plastics rules
    /// against `regions`, when given); every refusal names the file and line.
    public init(contentsOf path: String, registry: StationRegistry, projects: ProjectRegistry, regions: RegionCatalog? = nil) throws(RegistryError) {
        let file: File = try decodeTOML(path)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(of id: String) -> Int {
            (lines.firstIndex { $0.replacingOccurrences(of: " ", with: "").hasPrefix("id=\"\(id)\"") } ?? -1) + 1
        }
        self.path = path
        sender = file.sender ?? "bluewatch@localhost"
        outbox = file.outbox ?? "outbox"
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        dropFolders = (file.drop_folders ?? []).map { $0.hasPrefix("/") ? $0 : folder.appendingPathComponent($0).standardizedFileURL.path }
        var rules: [Rule] = []
        var seen = Set<String>()
        for entry in file.rule ?? [] {
            let n = line(of: entry.id)
            func fail(_ reason: String) -> RegistryError { RegistryError(file: path, reason: "line \(n): rule '\(entry.id)': \(reason)") }
            guard seen.insert(entry.id).inserted else { throw fail("a rule with this id comes earlier") }
            guard let kind = Rule.Kind(rawValue: entry.kind) else { throw fail("unknown kind '\(entry.kind)' (one of \(Rule.Kind.allCases.map { $0.rawValue }.joined(separator: ", ")))") }
            let severity: CAPMessage.Severity
            if let s = entry.severity {
                guard let v = CAPMessage.Severity.allCases.first(where: { $0.rawValue.lowercased() == s.lowercased() }) else {
                    throw fail("unknown severity '\(s)' (one of Extreme, Severe, Moderate, Minor)")
                }
                severity = v
            } else { severity = kind == .tsunami ? .extreme : .moderate }
            for s in entry.stations ?? [] where registry.station(id: s) == nil { throw fail("unknown station '\(s)' (see `bluewatch stations`)") }
            for p in entry.projects ?? [] where projects.project(id: p) == nil { throw fail("unknown project '\(p)'") }
            let condition: Rule.Condition
            switch kind {
            case .tsunami: condition = .tsunami
            case .residual:
                guard let t = entry.threshold, t > 0 else { throw fail("a residual rule needs threshold = metres (> 0)") }
                condition = .residual(thresholdMetres: t)
            case .silent:
                guard let h = entry.hours, h > 0 else { throw fail("a silent rule needs hours = N (> 0)") }
                condition = .silent(hours: h)
            case .qc:
                guard let c = entry.count, c > 0, let w = entry.window_hours, w > 0 else { throw fail("a qc rule needs count = N and window_hours = H") }
                condition = .qualityControl(failures: c, windowHours: w)
            case .trend:
                guard let t = entry.threshold else { throw fail("a trend rule needs threshold = mm/yr") }
                condition = .trend(thresholdMillimetresPerYear: t)
            case .river:
                for s in entry.stations ?? [] where registry.station(id: s)?.levels.isEmpty ?? true {
                    throw fail("station '\(s)' has no published levels in stations/registry.toml")
                }
                condition = .river
            case .hightide:
                guard let t = entry.threshold, t.isFinite, abs(t) <= 20 else { throw fail("a hightide rule needs threshold = metres above its datum (within ±20)") }
                let days = entry.days ?? 3
                guard days > 0, days <= 30 else { throw fail("days must be more than 0 and at most 30") }
                var datum: String? = (entry.datum ?? "MHHW").uppercased()
                if datum == "RECORD" { datum = nil }
                if let d = datum, !TidalDatums.levelNames.contains(d) {
                    throw fail("unknown datum '\(entry.datum ?? "")' (one of \(TidalDatums.levelNames.joined(separator: ", ")), or record)")
                }
                condition = .predictedHighWater(.init(thresholdMetres: t, datum: datum, days: days))
            case .plastics:
                if let r = entry.region, let regions, !regions.regions.contains(where: { $0.id == r }) {
                    throw fail("unknown region '\(r)' (one of \(regions.regions.map(\.id).joined(separator: ", ")))")
                }
                if let r = entry.resolution, !(r > 0 && r <= 30) { throw fail("resolution must be between 0 and 30 degrees") }
                if let b = entry.band_km, b <= 0 { throw fail("band_km must be positive") }
                if let a = entry.alpha, !(a > 0 && a < 1) { throw fail("alpha must be between 0 and 1") }
                condition = .plastics(Rule.HotSpotSelection(group: entry.group, region: entry.region, resolution: entry.resolution ?? 1,
                                                            bandKm: entry.band_km, alpha: entry.alpha ?? 0.05))
            }
            var quiet: (Int, Int)? = nil
            if let q = entry.quiet_hours {
                guard q.count == 2, q.allSatisfy({ (0...24).contains($0) }), q[0] != q[1] else { throw fail("quiet_hours must be [start, end] in UTC hours 0–24") }
                quiet = (q[0], q[1])
            }
            rules.append(Rule(id: entry.id, condition: condition, severity: severity, stations: entry.stations ?? [], projects: entry.projects ?? [],
                              clearAfterHours: entry.clear_after_hours ?? 2, updateGrowth: entry.update_growth ?? 0.2, quietHours: quiet, line: n))
        }
        guard !rules.isEmpty else { throw RegistryError(file: path, reason: "no [[rule]] defined") }
        self.rules = rules
    }
}
