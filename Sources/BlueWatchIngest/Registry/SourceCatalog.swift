import Foundation

/// Knowledge about files that do not describe themselves (`stations/sources.toml`): which
/// station, what the time column counts from, units, provider and citation; or that a file
/// is not data and is skipped.
public struct SourceCatalog: Sendable {
    public struct Entry: Sendable, Decodable, Equatable {
        public var pattern: String
        public var role: String?
        public var reason: String?
        public var format: String?
        public var station: String?
        public var stationFromName: String?
        public var variable: String?
        public var units: String?
        public var timeUnits: String?
        public var provider: String?
        public var title: String?
        public var version: String?
        public var licence: String?
        public var citation: String?
        public var doi: String?
        public var datum: String?
        public var derived: Bool?
        public var note: String?

        enum CodingKeys: String, CodingKey {
            case pattern, role, reason, format, station, variable, units, provider, title, version, licence, citation, doi, datum, derived, note
            case stationFromName = "station_from_name"
            case timeUnits = "time_units"
        }

        /// True when this entry says the file is not data.
        public var isSkip: Bool { role == "skip" }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    public init(contentsOf path: String) throws(RegistryError) {
        struct File: Decodable { var source: [Entry] }
        let file: File = try decodeTOML(path)
        for entry in file.source where !entry.isSkip {
            if let format = entry.format, DataFormat(rawValue: format) == nil {
                throw RegistryError(file: path, reason: "entry '\(entry.pattern)': unknown format '\(format)' (one of \(DataFormat.allCases.map { $0.rawValue }.joined(separator: ", ")))")
            }
        }
        self.entries = file.source
    }

    /// The first entry whose pattern matches the end of `path`.
    public func entry(for path: String) -> Entry? {
        let components = path.split(separator: "/").map(String.init)
        return entries.first { entry in
            let pattern = entry.pattern.split(separator: "/").map(String.init)
            guard pattern.count <= components.count else { return false }
            return zip(pattern, components.suffix(pattern.count)).allSatisfy { globMatch($0, $1) }
        }
    }
}

/// Matches one path component against a pattern where `*` matches any run of characters.
func globMatch(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern), t = Array(text)
    var pi = 0, ti = 0, star = -1, mark = 0
    while ti < t.count {
        if pi < p.count && (p[pi] == t[ti] || p[pi] == "?") { pi += 1; ti += 1 }
        else if pi < p.count && p[pi] == "*" { star = pi; mark = ti; pi += 1 }
        else if star >= 0 { pi = star + 1; mark += 1; ti = mark }
        else { return false }
    }
    while pi < p.count && p[pi] == "*" { pi += 1 }
    return pi == p.count
}
