import BlueWatchCore
import Foundation

/// QARTOD thresholds (`stations/qc.toml`): defaults per kind of series and overrides per station.
/// ``apply(to:registry:)`` runs the tests on every measured sea-level or DART series of a
/// parsed file and replaces its flags by the aggregate, recording what was done.
public struct QCCatalog: Sendable {
    public struct Kind: Sendable, Decodable {
        public var description: String
        public var configuration: QCConfiguration

        public init(from decoder: any Decoder) throws {
            enum Keys: String, CodingKey { case description }
            description = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .description)
            configuration = try QCConfiguration(from: decoder)
        }
    }

    public struct Override: Sendable, Decodable {
        public var station: String
        public var kind: String?
        public var reason: String
        public var configuration: QCConfiguration

        public init(from decoder: any Decoder) throws {
            enum Keys: String, CodingKey { case station, kind, reason }
            let c = try decoder.container(keyedBy: Keys.self)
            station = try c.decode(String.self, forKey: .station)
            kind = try c.decodeIfPresent(String.self, forKey: .kind)
            reason = try c.decode(String.self, forKey: .reason)
            configuration = try QCConfiguration(from: decoder)
        }
    }

    public let kinds: [String: Kind]
    public let overrides: [Override]

    public init(contentsOf path: String) throws(RegistryError) {
        struct File: Decodable { var kinds: [String: Kind]; var override: [Override]? }
        let file: File = try decodeTOML(path)
        for o in file.override ?? [] {
            if let k = o.kind, file.kinds[k] == nil {
                throw RegistryError(file: path, reason: "override for '\(o.station)' names unknown kind '\(k)' (one of \(file.kinds.keys.sorted().joined(separator: ", ")))")
            }
        }
        for (name, kind) in file.kinds { try QCCatalog.check(kind.configuration, "kind '\(name)'", path) }
        for o in file.override ?? [] { try QCCatalog.check(o.configuration, "override for '\(o.station)'", path) }
        kinds = file.kinds
        overrides = file.override ?? []
    }

    static func check(_ c: QCConfiguration, _ label: String, _ path: String) throws(RegistryError) {
        func span(_ v: [Double]?, _ name: String) throws(RegistryError) {
            if let v, v.count != 2 || v[0] > v[1] { throw RegistryError(file: path, reason: "\(label): \(name) must be [low, high]") }
        }
        try span(c.grossRange?.fail, "gross_range.fail")
        try span(c.grossRange?.suspect, "gross_range.suspect")
        for m in c.climatology?.months ?? [] {
            guard (1...12).contains(m.month) else { throw RegistryError(file: path, reason: "\(label): climatology month \(m.month) is not 1–12") }
            try span(m.suspect, "climatology.suspect")
            try span(m.fail, "climatology.fail")
        }
    }

    /// The kind of series QC treats `descriptor` as, or nil for series it leaves alone
    /// (derived series, and variables other than sea level, DART water-column height and river
    /// stage).
    public static func kind(of descriptor: SeriesDescriptor) -> String? {
        guard !descriptor.isDerived else { return nil }
        let s = descriptor.samplingSeconds ?? 0
        switch descriptor.kind {
        case .waterColumnHeight: return "dart"
        case .riverStage, .riverStageDailyMaximum, .riverStageDailyMinimum: return s <= 21_600 ? "river-subdaily" : "river-daily"
        case .seaLevel:
            switch s {
            case ..<361: return "gauge-1min"
            case ..<10_801: return "gauge-hourly"
            case ..<172_801: return "gauge-daily"
            case 2_300_000..<2_800_000: return "monthly"
            case 30_000_000..<32_000_000: return "annual"
            default: return nil
            }
        default: return nil
        }
    }

    /// The configuration for a series of `station` of this kind: the kind's defaults with the
    /// station's overrides, and the overrides' reasons.
    public func configuration(kind: String, station: String) -> (QCConfiguration, String?)? {
        guard var c = kinds[kind]?.configuration else { return nil }
        var reasons: [String] = []
        for o in overrides where o.station == station && (o.kind == nil || o.kind == kind) {
            c = c.overridden(by: o.configuration)
            reasons.append(o.reason)
        }
        return (c, reasons.isEmpty ? nil : reasons.joined(separator: "; "))
    }

    /// Runs QC on one series, or returns nil when QC does not apply to it.
    public func check(_ series: TimeSeries, descriptor: SeriesDescriptor, station: String) -> (QCResult, QCSummary)? {
        guard let kind = QCCatalog.kind(of: descriptor), let (configuration, reasons) = configuration(kind: kind, station: station) else { return nil }
        let result = QualityControl.run(series, configuration: configuration)
        var summary = result.summary
        summary.kind = kind
        summary.overrides = reasons
        return (result, summary)
    }

    /// QC for every series of a parsed file: flags become the aggregate; the summary is kept.
    public func apply(to dataset: inout ParsedDataset, registry: StationRegistry) {
        for k in dataset.series.indices {
            let parsed = dataset.series[k]
            let station = (try? registry.resolve(parsed.station).id) ?? parsed.station.id
            guard let (result, summary) = check(parsed.series, descriptor: parsed.descriptor, station: station) else { continue }
            dataset.series[k].series.flags = result.aggregate
            dataset.series[k].qualityControl = summary
        }
    }
}
