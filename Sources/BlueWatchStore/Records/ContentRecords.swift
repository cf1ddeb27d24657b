import BlueWatchCore
import GRDB

/// A row of `grid`: a gridded variable of an ingested file (values stay in the file).
public struct GridRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    public static let databaseTableName = "grid"
    public var id: Int64?
    public var datasetId: Int64
    public var variable: String
    public var standardName: String?
    public var longName: String?
    public var units: String?
    public var nx: Int, ny: Int, nt: Int
    public var south: Double, north: Double, west: Double, east: Double
    public var timeStart: Double?
    public var timeEnd: Double?
    public var missingCells: Int

    init(_ g: GridDescriptor, datasetId: Int64) {
        self.datasetId = datasetId
        variable = g.variable
        standardName = g.standardName
        longName = g.longName
        units = g.units
        nx = g.nx; ny = g.ny; nt = g.nt
        south = g.south; north = g.north; west = g.west; east = g.east
        timeStart = g.timeStart
        timeEnd = g.timeEnd
        missingCells = g.missingCells
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `plasticSample`.
struct PlasticSampleRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "plasticSample"
    var id: Int64?
    var datasetId: Int64
    var sourceId: String
    var time: Double?
    var dateText: String?
    var latitude: Double?
    var longitude: Double?
    var place: String?
    var matrix: String
    var method: String?
    var meshMicrometres: Double?
    var maxSizeMicrometres: Double?
    var depth: String?
    var concentration: Double?
    var unit: String
    var sourceUnit: String
    var composition: String?
    var citation: String?
    var doi: String?

    init(_ s: PlasticSample, datasetId: Int64) {
        self.datasetId = datasetId
        sourceId = s.sourceID
        time = s.time
        dateText = s.dateText
        latitude = s.latitude
        longitude = s.longitude
        place = s.place
        matrix = s.matrix.rawValue
        method = s.method
        meshMicrometres = s.meshMicrometres
        maxSizeMicrometres = s.maxSizeMicrometres
        depth = s.depth
        concentration = s.concentration
        unit = s.unit.rawValue
        sourceUnit = s.sourceUnit
        composition = s.composition.map { jsonText($0) }
        citation = s.citation
        doi = s.doi
    }

    var sample: PlasticSample {
        PlasticSample(sourceID: sourceId, time: time, dateText: dateText, latitude: latitude, longitude: longitude, place: place,
                      matrix: PlasticMatrix(rawValue: matrix) ?? .surfaceWater, method: method, meshMicrometres: meshMicrometres,
                      maxSizeMicrometres: maxSizeMicrometres, depth: depth, concentration: concentration,
                      unit: PlasticUnit(rawValue: unit) ?? .piecesPerSample, sourceUnit: sourceUnit,
                      composition: fromJSONText(composition), citation: citation, doi: doi)
    }
}

/// A row of `earthquake`.
struct EarthquakeRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "earthquake"
    var datasetId: Int64
    var eventId: String
    var time: Double
    var latitude: Double
    var longitude: Double
    var depthKm: Double?
    var magnitude: Double?
    var magnitudeType: String?
    var place: String?
    var eventType: String

    init(_ e: Earthquake, datasetId: Int64) {
        self.datasetId = datasetId
        eventId = e.id
        time = e.time
        latitude = e.latitude
        longitude = e.longitude
        depthKm = e.depthKm
        magnitude = e.magnitude
        magnitudeType = e.magnitudeType
        place = e.place
        eventType = e.eventType
    }

    var earthquake: Earthquake {
        Earthquake(id: eventId, time: time, latitude: latitude, longitude: longitude, depthKm: depthKm, magnitude: magnitude,
                   magnitudeType: magnitudeType, place: place, eventType: eventType)
    }
}
