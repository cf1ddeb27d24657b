import BlueWatchCore
import Foundation
import TOMLKit

/// The stations BlueWatch knows (`stations/registry.toml`), looked up by BlueWatch id or by
/// any provider's id.
public struct StationRegistry: Sendable {
    public let stations: [Station]
    private let byIdentifier: [String: Int]
    private let byID: [String: Int]

    public init(stations: [Station]) throws(RegistryError) {
        var byIdentifier: [String: Int] = [:]
        var byID: [String: Int] = [:]
        for (index, station) in stations.enumerated() {
            if byID[station.id] != nil { throw RegistryError(file: "registry", reason: "station id '\(station.id)' appears twice") }
            byID[station.id] = index
            for identifier in station.identifiers {
                if let other = byIdentifier[identifier] {
                    throw RegistryError(file: "registry", reason: "'\(identifier)' is claimed by both '\(stations[other].id)' and '\(station.id)'")
                }
                byIdentifier[identifier] = index
            }
        }
        self.stations = stations
        self.byIdentifier = byIdentifier
        self.byID = byID
    }

    /// Loads a registry TOML file.
    public init(contentsOf path: String) throws(RegistryError) {
        struct File: Decodable { var station: [Entry] }
        struct Entry: Decodable {
            var id: String, name: String, country: String, kind: String
            var latitude: Double, longitude: Double
            var ids: [String]?
            var datum: String?, provider: String?, licence: String?, citation: String?, doi: String?, notes: String?
            var projects: [String]?
            var step: [StepEntry]?
            var tie: [TieEntry]?
            var river: String?
            var wet_season: [Int]?
            var level: [LevelEntry]?
        }
        struct LevelEntry: Decodable { var kind: String; var stage: Double; var units: String; var source: String }
        struct StepEntry: Decodable { var series: String; var at: String; var reason: String }
        struct TieEntry: Decodable { var earlier: String; var later: String; var offset_mm: Double; var reason: String }
        let file: File = try decodeTOML(path)
        var stations: [Station] = []
        for e in file.station {
            guard let kind = StationKind(rawValue: e.kind) else {
                throw RegistryError(file: path, reason: "station '\(e.id)': unknown kind '\(e.kind)' (one of \(StationKind.allCases.map { $0.rawValue }.joined(separator: ", ")))")
            }
            guard (-90...90).contains(e.latitude), (-180...360).contains(e.longitude) else {
                throw RegistryError(file: path, reason: "station '\(e.id)': position \(e.latitude), \(e.longitude) is not a latitude/longitude")
            }
            for identifier in e.ids ?? [] where identifier.split(separator: ":").count != 2 {
                throw RegistryError(file: path, reason: "station '\(e.id)': id '\(identifier)' is not of the form provider:id")
            }
            var station = Station(id: e.id, name: e.name, country: e.country, kind: kind, latitude: e.latitude, longitude: e.longitude,
                                  identifiers: e.ids ?? [], datum: e.datum, provider: e.provider, licence: e.licence,
                                  citation: e.citation, doi: e.doi, projects: e.projects ?? [], notes: e.notes)
            for step in e.step ?? [] {
                guard let time = UTCTime.parse(step.at) else {
                    throw RegistryError(file: path, reason: "station '\(e.id)': step date '\(step.at)' is not YYYY-MM-DD")
                }
                guard station.identifiers.contains(step.series) else {
                    throw RegistryError(file: path, reason: "station '\(e.id)': step names '\(step.series)', which is not one of its ids")
                }
                station.steps.append(DatumStep(series: step.series, time: time, reason: step.reason))
            }
            station.river = e.river
            for month in e.wet_season ?? [] where !(1...12).contains(month) {
                throw RegistryError(file: path, reason: "station '\(e.id)': wet_season month \(month) is not 1…12")
            }
            station.wetSeasonMonths = Set(e.wet_season ?? [])
            for level in e.level ?? [] {
                guard let kind = RiverLevelKind(rawValue: level.kind) else {
                    throw RegistryError(file: path, reason: "station '\(e.id)': unknown level kind '\(level.kind)' (one of \(RiverLevelKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard let unit = LengthUnit(parsing: level.units), level.stage.isFinite else {
                    throw RegistryError(file: path, reason: "station '\(e.id)': level \(level.kind) needs a finite stage and units m or ft, not '\(level.units)'")
                }
                station.levels.append(RiverLevel(kind: kind, stage: level.stage * unit.metres, source: level.source))
            }
            for tie in e.tie ?? [] {
                guard station.identifiers.contains(tie.earlier), station.identifiers.contains(tie.later) else {
                    throw RegistryError(file: path, reason: "station '\(e.id)': tie between ids it does not have")
                }
                station.ties.append(DatumTie(earlier: tie.earlier, later: tie.later, offsetMillimetres: tie.offset_mm, reason: tie.reason))
            }
            stations.append(station)
        }
        do { try self.init(stations: stations) } catch { throw RegistryError(file: path, reason: error.reason) }
    }

    /// The station with BlueWatch id `id`.
    public func station(id: String) -> Station? { byID[id].map { stations[$0] } }

    /// The station a provider's id belongs to ("psmsl", "155" → Honolulu).
    public func station(provider: String, id: String) -> Station? {
        if provider == "bluewatch" { return station(id: id) }
        if let i = byIdentifier["\(provider):\(id)"] { return stations[i] }
        // PSMSL and CO-OPS ids are numbers; UHSLC ids are written with leading zeros.
        if let n = Int(id), let i = byIdentifier["\(provider):\(n)"] ?? byIdentifier["\(provider):\(String(format: "%03d", n))"] {
            return stations[i]
        }
        return nil
    }

    /// The registered station for a file's station reference, or a new unregistered station
    /// built from what the file says (id "provider-id").
    public func resolve(_ reference: StationReference) throws(RegistryError) -> Station {
        if let station = station(provider: reference.provider, id: reference.id) { return station }
        if reference.provider == "bluewatch" {
            throw RegistryError(file: "stations/sources.toml", reason: "names station '\(reference.id)', which is not in the station registry")
        }
        let slug = "\(reference.provider)-\(reference.id)".lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return Station(id: String(slug), name: reference.name ?? reference.id, country: reference.country ?? "unknown",
                       kind: reference.kind, latitude: reference.latitude ?? .nan, longitude: reference.longitude ?? .nan,
                       identifiers: ["\(reference.provider):\(reference.id)"], projects: [],
                       notes: "not in the station registry; created from the file's own metadata", isRegistered: false)
    }
}

/// A registry or configuration file that cannot be used, and why.
public struct RegistryError: Error, CustomStringConvertible, Sendable {
    public let file: String
    public let reason: String
    public var description: String { "\(file): \(reason)" }
}

/// Decodes a TOML file into `T` with errors naming the file.
func decodeTOML<T: Decodable>(_ path: String) throws(RegistryError) -> T {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        throw RegistryError(file: path, reason: "cannot be read")
    }
    do {
        let table = try TOMLTable(string: text)
        widenMixedNumberArrays(table)
        return try TOMLDecoder().decode(T.self, from: table)
    } catch let error as TOMLParseError {
        throw RegistryError(file: path, reason: "line \(error.source.begin.line): \(error.description)")
    } catch {
        throw RegistryError(file: path, reason: "\(error)")
    }
}

/// TOML 1.0 lets an array mix integers and floats (`[3.4, 5]`), but TOMLKit decodes only floats
/// as `Double`: in every array holding a float, integers become floats (in place, tables and
/// arrays within included). Arrays of integers alone stay integers (`quiet_hours = [22, 6]`).
func widenMixedNumberArrays(_ table: TOMLTable) {
    for key in table.keys {
        guard let value = table[key]?.tomlValue else { continue }
        if let inner = value.table { widenMixedNumberArrays(inner) } else if let array = value.array { widenMixedNumberArrays(array) }
    }
}

func widenMixedNumberArrays(_ array: TOMLArray) {
    let before = array.map(\.tomlValue)
    if before.contains(where: { $0.type == .double }) {
        let integers = before.indices.compactMap { i in before[i].int.map { (i, $0) } }
        for (i, n) in integers { array.replaceSubrange(i..<(i + 1), with: [Double(n)]) }
    }
    // Values read again: a replaced element's old value no longer exists.
    for v in array.map(\.tomlValue) {
        if let inner = v.table { widenMixedNumberArrays(inner) } else if let inner = v.array { widenMixedNumberArrays(inner) }
    }
}
