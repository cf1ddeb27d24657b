import BlueWatchCore
import Foundation
import GRDB

/// A row of `station`: a ``Station`` with its id lists stored as JSON text.
struct StationRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "station"
    var id: String
    var name: String
    var country: String
    var kind: String
    var latitude: Double?
    var longitude: Double?
    var identifiers: String
    var datum: String?
    var provider: String?
    var licence: String?
    var citation: String?
    var doi: String?
    var notes: String?
    var isRegistered: Bool

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let kind = Column(CodingKeys.kind)
    }

    init(_ s: Station) {
        id = s.id
        name = s.name
        country = s.country
        kind = s.kind.rawValue
        latitude = s.latitude.isNaN ? nil : s.latitude
        longitude = s.longitude.isNaN ? nil : s.longitude
        identifiers = jsonText(s.identifiers)
        datum = s.datum
        provider = s.provider
        licence = s.licence
        citation = s.citation
        doi = s.doi
        notes = s.notes
        isRegistered = s.isRegistered
    }

    func station(projects: [String]) -> Station {
        Station(id: id, name: name, country: country, kind: StationKind(rawValue: kind) ?? .other, latitude: latitude ?? .nan,
                longitude: longitude ?? .nan, identifiers: fromJSONText(identifiers) ?? [], datum: datum, provider: provider,
                licence: licence, citation: citation, doi: doi, projects: projects, notes: notes, isRegistered: isRegistered)
    }
}

struct StationProjectRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stationProject"
    var stationId: String
    var projectId: String
}

func jsonText<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
}

func fromJSONText<T: Decodable>(_ text: String?) -> T? {
    guard let text else { return nil }
    return try? JSONDecoder().decode(T.self, from: Data(text.utf8))
}
