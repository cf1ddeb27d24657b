import BlueWatchCore
import BlueWatchExport
import BlueWatchStore
import Foundation
import Geodesy
import Hummingbird

/// OGC API – EDR 1.1 over the stored station series, collection `observations`: `locations`
/// (the stations with series, and one station's series), `position` (stations within
/// ``positionToleranceDegrees`` of a point), `area` (a WKT polygon) and `cube` (a bbox), each
/// with `parameter-name`, `datetime` and `f=CoverageJSON|CSV`. Every answer is the station's
/// principal record of each parameter (measured before derived, then the longest), QC'd as
/// `/stations/{id}/series` is (`qc=good` leaves out values flagged fail or suspect).
extension BlueWatchService {
    /// How far (degrees of latitude and longitude) a `position` query reaches for a station.
    static let positionToleranceDegrees = 0.05

    static let edrParameters: Set<String> = ["f", "parameter-name", "parameter_names", "datetime", "qc"]

    /// GET /collections/observations/locations: the stations with stored series.
    func edrLocations(_ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: ["f", "bbox", "datetime"])
        _ = try OGCQuery.format(request, ["GeoJSON", "json"])
        let box = try Self.bbox(request)
        let period = try request.uri.queryParameters.get("datetime").map(OGCQuery.interval)
        let series = try storedSeries()
        let b = Self.base(request)
        let features = registry.stations.filter { s in
            guard let records = series[s.id] else { return false }
            if let box, !Self.inside(s, box) { return false }
            if let period { return records.contains { period.overlaps(from: $0.timeStart, to: $0.timeEnd) } }
            return true
        }.map { feature($0, records: series[$0.id] ?? [], base: b) }
        struct Body: Encodable { var type = "FeatureCollection"; var features: [StationFeature]; var numberReturned: Int; var links: [Link] }
        var response = try Self.json(Body(features: features, numberReturned: features.count,
                                          links: [Link(href: b + "/collections/observations/locations", rel: "self", type: "application/geo+json")]))
        response.headers[.contentType] = "application/geo+json"
        return response
    }

    /// GET /collections/observations/locations/{id}.
    func edrLocation(_ id: String, _ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: Self.edrParameters)
        guard let station = try registry.station(id: id) ?? store.station(id: id) else {
            throw ProblemDetails(.notFound, "no location '\(id)' in collection observations; GET /collections/observations/locations lists them")
        }
        return try edrAnswer([station], request, none: "station '\(id)' has no stored series")
    }

    /// GET /collections/observations/position?coords=POINT(lon lat).
    func edrPosition(_ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: Self.edrParameters.union(["coords", "z"]))
        guard let text = request.uri.queryParameters.get("coords") else { throw ProblemDetails(.badRequest, "position needs coords=POINT(longitude latitude)") }
        guard case .point(let lon, let lat) = try OGCQuery.geometry(text) else { throw ProblemDetails(.badRequest, "position takes a POINT; use area for a POLYGON") }
        let t = Self.positionToleranceDegrees
        let near = registry.stations.filter { s in
            guard s.latitude.isFinite, s.longitude.isFinite, abs(s.latitude - lat) <= t else { return false }
            let d = abs((s.longitude - lon).truncatingRemainder(dividingBy: 360))
            return min(d, 360 - d) <= t
        }
        return try edrAnswer(near, request, none: "no station with stored series within \(t)° of \(lon) \(lat); GET /collections/observations/locations lists them")
    }

    /// GET /collections/observations/area?coords=POLYGON((…)).
    func edrArea(_ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: Self.edrParameters.union(["coords", "z"]))
        guard let text = request.uri.queryParameters.get("coords") else { throw ProblemDetails(.badRequest, "area needs coords=POLYGON((lon lat, …))") }
        guard case .polygon(let polygon) = try OGCQuery.geometry(text) else { throw ProblemDetails(.badRequest, "area takes a POLYGON; use position for a POINT") }
        let inside = registry.stations.filter { $0.latitude.isFinite && $0.longitude.isFinite && polygon.contains(latitude: $0.latitude, longitude: $0.longitude) }
        return try edrAnswer(inside, request, none: "no station with stored series inside the polygon", collection: true)
    }

    /// GET /collections/observations/cube?bbox=west,south,east,north.
    func edrCube(_ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: Self.edrParameters.union(["bbox", "z"]))
        guard let box = try Self.bbox(request) else { throw ProblemDetails(.badRequest, "cube needs bbox=west,south,east,north") }
        return try edrAnswer(registry.stations.filter { Self.inside($0, box) }, request, none: "no station with stored series in the bbox", collection: true)
    }

    /// The series of `stations` as the request asks: parameters, period, QC, format.
    func edrAnswer(_ stations: [Station], _ request: Request, none: String, collection: Bool = false) throws -> Response {
        let q = request.uri.queryParameters
        let format = try OGCQuery.format(request, ["CoverageJSON", "CSV"])
        let qc = q.get("qc") ?? "good"
        guard ["good", "all"].contains(qc) else { throw ProblemDetails(.badRequest, "qc must be good (flags 1 and 2) or all") }
        let period = try q.get("datetime").map(OGCQuery.interval)
        let series = try storedSeries()
        let stored = Set(series.values.flatMap { $0.map(\.variable) })
        var wanted: Set<String>?
        if let text = q.get("parameter-name") ?? q.get("parameter_names") {
            let names = Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            if let unknown = names.subtracting(stored).sorted().first {
                throw ProblemDetails(.badRequest, "unknown parameter-name '\(unknown)'; this collection has \(stored.sorted().joined(separator: ", "))")
            }
            wanted = names
        }
        var out: [CoverageJSON.PointSeries] = []
        var total = 0
        for station in stations {
            let records = (series[station.id] ?? []).filter { wanted?.contains($0.variable) ?? true }
            for (_, group) in Dictionary(grouping: records, by: \.variable).sorted(by: { $0.key < $1.key }) {
                guard let record = group.max(by: { ($0.isDerived ? 0 : 1, $0.valueCount) < ($1.isDerived ? 0 : 1, $1.valueCount) }) else { continue }
                if let period, !period.overlaps(from: record.timeStart, to: record.timeEnd) { continue }
                let s = try store.readSeries(id: record.id!, from: period?.start, to: period?.end)
                let keep = s.values.indices.filter { qc == "all" || ((s.flags[$0] == .pass || s.flags[$0] == .notEvaluated) && !s.values[$0].isNaN) }
                total += keep.count
                guard total <= maximumValues else {
                    throw ProblemDetails(.contentTooLarge, "more than \(maximumValues) values in one response; narrow datetime, parameter-name or the area")
                }
                out.append(.init(stationID: station.id, latitude: station.latitude, longitude: station.longitude, parameter: record.variable, units: record.units,
                                 standardName: record.standardName ?? record.kind.standardName, longName: record.longName,
                                 times: keep.map { s.times[$0] }, values: keep.map { s.values[$0] }))
            }
        }
        guard !out.isEmpty else { throw ProblemDetails(.notFound, none) }
        if format == "CSV" {
            var text = "station,longitude,latitude,parameter,units,time,value\n"
            for s in out {
                let lon = s.longitude > 180 ? s.longitude - 360 : s.longitude
                let prefix = "\(csvField(s.stationID)),\(lon),\(s.latitude),\(csvField(s.parameter)),\(csvField(s.units)),"
                for i in s.times.indices { text += prefix + UTCTime.iso(s.times[i]) + "," + (s.values[i].isFinite ? "\(s.values[i])" : "") + "\n" }
            }
            return Self.text(text, type: "text/csv; charset=utf-8")
        }
        // An area or cube answers a collection even when one station matched, so clients read one shape.
        return Self.data(CoverageJSON.document(out, collection: collection), type: "application/prs.coverage+json")
    }
}
