import BlueWatchCore
import Foundation

/// USGS ComCat earthquake catalogue CSV (`time,latitude,longitude,depth,mag,magType,…,id,…,place,type,…`).
/// Rows come newest-first; events are returned in time order. Empty fields are missing.
enum USGSCatalogReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let c = (time: try table.column("time"), lat: try table.column("latitude"), lon: try table.column("longitude"),
                 depth: try table.column("depth"), mag: try table.column("mag"), magType: try table.column("magType"),
                 id: try table.column("id"), place: try table.column("place"), type: try table.column("type"))
        var events: [Earthquake] = []
        var seen = Set<String>()
        for row in table.rows {
            let timeText = try table.field(row, c.time)
            guard let time = UTCTime.parse(timeText) else {
                throw IngestError(path: path, location: "line \(row.line), column 'time'", reason: "'\(timeText)' is not an ISO 8601 UTC time")
            }
            guard let lat = try table.number(row, c.lat), let lon = try table.number(row, c.lon), (-90...90).contains(lat), (-180...180).contains(lon) else {
                throw IngestError(path: path, location: "line \(row.line)", reason: "latitude/longitude missing or out of range")
            }
            let id = try table.field(row, c.id)
            guard !id.isEmpty, seen.insert(id).inserted else {
                throw IngestError(path: path, location: "line \(row.line), column 'id'", reason: id.isEmpty ? "event id is empty" : "event id '\(id)' appears twice")
            }
            events.append(Earthquake(id: id, time: time, latitude: lat, longitude: lon, depthKm: try table.number(row, c.depth),
                                     magnitude: try table.number(row, c.mag), magnitudeType: try table.field(row, c.magType).nilIfEmpty,
                                     place: try table.field(row, c.place).nilIfEmpty, eventType: try table.field(row, c.type)))
        }
        events.sort { $0.time < $1.time }
        var dataset = context.dataset(format: .usgsCatalog, title: "USGS earthquake catalogue extract (\(events.count) events)")
        dataset.provider = dataset.provider ?? "U.S. Geological Survey, ANSS Comprehensive Catalog (ComCat)"
        dataset.licence = dataset.licence ?? "US Government work, public domain"
        dataset.citation = dataset.citation ?? "U.S. Geological Survey, Earthquake Hazards Program (2017), Advanced National Seismic System (ANSS) Comprehensive Catalog of Earthquake Events and Products"
        dataset.doi = dataset.doi ?? "10.5066/F7MS3QZH"
        dataset.events = events
        let nonQuakes = events.filter { $0.eventType != "earthquake" }.count
        if nonQuakes > 0 { dataset.notes.append("\(nonQuakes) events are not earthquakes (explosions etc.); kept with their type") }
        return dataset
    }
}
