import BlueWatchCore
import BlueWatchStore
import Foundation
import Hummingbird

/// OGC API – Common and Features (Part 1: Core, GeoJSON): the landing page, the conformance
/// declaration, the collections, and the stations as a feature collection with `bbox`,
/// `datetime`, `limit`/`offset` paging and `next`/`prev` links. The station series are the EDR
/// collection `observations` (``BlueWatchService/edrLocations(_:)``).
extension BlueWatchService {
    static let conformanceClasses = [
        "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-edr-1/1.1/conf/core",
        "http://www.opengis.net/spec/ogcapi-edr-1/1.1/conf/collections",
        "http://www.opengis.net/spec/ogcapi-edr-1/1.1/conf/json",
        "http://www.opengis.net/spec/ogcapi-edr-1/1.1/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-edr-1/1.1/conf/covjson",
    ]

    /// A link of an OGC API document.
    struct Link: Encodable {
        var href: String
        var rel: String
        var type: String
        var title: String?
    }

    /// The service as the client reached it ("http://host:port"), for absolute links.
    static func base(_ request: Request) -> String { "http://" + (request.head.authority ?? "localhost") }

    /// GET /: the landing page.
    func landing(_ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: ["f"])
        _ = try OGCQuery.format(request, ["json"])
        let b = Self.base(request)
        struct Landing: Encodable { var title: String; var description: String; var links: [Link] }
        return try Self.json(Landing(
            title: "BlueWatch", description: "Sea-level, tsunami, river and microplastic observations of the cooperation projects, with their analyses.",
            links: [Link(href: b + "/", rel: "self", type: "application/json", title: "This document"),
                    Link(href: b + "/openapi.yaml", rel: "service-desc", type: "application/vnd.oai.openapi;version=3.1", title: "The API definition (OpenAPI 3.1, YAML)"),
                    Link(href: b + "/conformance", rel: "conformance", type: "application/json", title: "Conformance classes"),
                    Link(href: b + "/collections", rel: "data", type: "application/json", title: "Collections")]))
    }

    /// GET /conformance.
    func conformance(_ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: ["f"])
        _ = try OGCQuery.format(request, ["json"])
        return try Self.json(["conformsTo": Self.conformanceClasses])
    }

    /// A collection's description.
    struct CollectionInfo: Encodable {
        struct Extent: Encodable {
            struct Spatial: Encodable { var bbox: [[Double]]; var crs = "http://www.opengis.net/def/crs/OGC/1.3/CRS84" }
            struct Temporal: Encodable { var interval: [[String?]]; var trs = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian" }
            var spatial: Spatial
            var temporal: Temporal?
        }
        struct Parameter: Encodable {
            struct Unit: Encodable { var symbol: String }
            struct Property: Encodable { var id: String?; var label: String }
            var type = "Parameter"
            var description: String
            var unit: Unit
            var observedProperty: Property
        }
        struct Query: Encodable {
            struct QueryLink: Encodable {
                struct Variables: Encodable {
                    var title: String; var query_type: String; var output_formats: [String]; var default_output_format: String
                }
                var href: String; var rel = "data"; var variables: Variables
            }
            var link: QueryLink
        }
        var id: String
        var title: String
        var description: String
        var itemType: String?
        var extent: Extent
        var crs = ["http://www.opengis.net/def/crs/OGC/1.3/CRS84"]
        var links: [Link]
        var data_queries: [String: Query]?
        var parameter_names: [String: Parameter]?
        var output_formats: [String]?
    }

    /// What is stored, per station: its series.
    func storedSeries() throws -> [String: [SeriesRecord]] {
        Dictionary(grouping: try store.seriesList(stationID: nil), by: \.stationId)
    }

    /// The [[west, south, east, north]] of stations with a position.
    static func bbox(of stations: [Station]) -> [[Double]] {
        let placed = stations.filter { $0.latitude.isFinite && $0.longitude.isFinite }
        guard !placed.isEmpty else { return [[-180, -90, 180, 90]] }
        let lons = placed.map { $0.longitude > 180 ? $0.longitude - 360 : $0.longitude }
        return [[lons.min()!, placed.map(\.latitude).min()!, lons.max()!, placed.map(\.latitude).max()!]]
    }

    static func temporal(_ records: [SeriesRecord]) -> CollectionInfo.Extent.Temporal? {
        guard let start = records.map(\.timeStart).min(), let end = records.map(\.timeEnd).max() else { return nil }
        return .init(interval: [[UTCTime.iso(start), UTCTime.iso(end)]])
    }

    func collectionInfos(_ request: Request) throws -> [CollectionInfo] {
        let b = Self.base(request)
        let series = try storedSeries()
        let records = series.values.flatMap { $0 }
        let stations = registry.stations
        let withData = stations.filter { series[$0.id] != nil }
        var parameters: [String: CollectionInfo.Parameter] = [:]
        // One description per variable whatever record comes first: the variable's own name, units of the earliest stored record.
        for r in records.sorted(by: { $0.id! < $1.id! }) where parameters[r.variable] == nil {
            let label = r.variable.replacingOccurrences(of: "_", with: " ")
            parameters[r.variable] = .init(description: label, unit: .init(symbol: r.units),
                                           observedProperty: .init(id: (r.standardName ?? r.kind.standardName).map { "http://vocab.nerc.ac.uk/standard_name/\($0)/" }, label: label))
        }
        let formats = ["CoverageJSON", "CSV"]
        func query(_ type: String, _ title: String) -> CollectionInfo.Query {
            .init(link: .init(href: b + "/collections/observations/" + type, variables: .init(title: title, query_type: type, output_formats: formats, default_output_format: "CoverageJSON")))
        }
        return [
            CollectionInfo(id: "stations", title: "Stations",
                           description: "Tide gauges, DART buoys, river gauges and survey sites of the station registry, with what is stored for each.",
                           itemType: "feature", extent: .init(spatial: .init(bbox: Self.bbox(of: stations)), temporal: Self.temporal(records)),
                           links: [Link(href: b + "/collections/stations", rel: "self", type: "application/json"),
                                   Link(href: b + "/collections/stations/items", rel: "items", type: "application/geo+json", title: "The stations")]),
            CollectionInfo(id: "observations", title: "Station observations",
                           description: "The stored series of every station (sea level, DART water-column height, residuals, river stage …), QC'd: values flagged fail or suspect are left out unless qc=all.",
                           itemType: nil, extent: .init(spatial: .init(bbox: Self.bbox(of: withData)), temporal: Self.temporal(records)),
                           links: [Link(href: b + "/collections/observations", rel: "self", type: "application/json"),
                                   Link(href: b + "/collections/observations/locations", rel: "data", type: "application/geo+json", title: "Stations with stored series")],
                           data_queries: ["locations": query("locations", "Series at a station"), "position": query("position", "Series at a point"),
                                          "area": query("area", "Series in a polygon"), "cube": query("cube", "Series in a box")],
                           parameter_names: parameters, output_formats: formats),
        ]
    }

    /// GET /collections.
    func collections(_ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: ["f"])
        _ = try OGCQuery.format(request, ["json"])
        struct Body: Encodable { var links: [Link]; var collections: [CollectionInfo] }
        return try Self.json(Body(links: [Link(href: Self.base(request) + "/collections", rel: "self", type: "application/json")],
                                  collections: try collectionInfos(request)))
    }

    /// GET /collections/{id}.
    func collection(_ id: String, _ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: ["f"])
        _ = try OGCQuery.format(request, ["json"])
        guard let info = try collectionInfos(request).first(where: { $0.id == id }) else {
            throw ProblemDetails(.notFound, "no collection '\(id)'; GET /collections lists them (stations, observations)")
        }
        return try Self.json(info)
    }

    /// A station as a GeoJSON feature (longitudes −180…180).
    struct StationFeature: Encodable {
        struct Geometry: Encodable { var type = "Point"; var coordinates: [Double] }
        struct Properties: Encodable {
            var name: String; var country: String; var kind: String; var provider: String?; var projects: [String]
            var identifiers: [String]; var datum: String?; var river: String?
            var series: Int; var parameters: [String]; var start: String?; var end: String?
        }
        var type = "Feature"
        var id: String
        var geometry: Geometry?
        var properties: Properties
        var links: [Link]
    }

    func feature(_ s: Station, records: [SeriesRecord], base b: String) -> StationFeature {
        let lon = s.longitude > 180 ? s.longitude - 360 : s.longitude
        var links = [Link(href: b + "/collections/stations/items/" + s.id, rel: "self", type: "application/geo+json"),
                     Link(href: b + "/collections/stations", rel: "collection", type: "application/json")]
        if !records.isEmpty {
            links.append(Link(href: b + "/collections/observations/locations/" + s.id, rel: "data", type: "application/prs.coverage+json", title: "Its series (CoverageJSON)"))
        }
        return StationFeature(
            id: s.id, geometry: s.latitude.isFinite && s.longitude.isFinite ? .init(coordinates: [lon, s.latitude]) : nil,
            properties: .init(name: s.name, country: s.country, kind: s.kind.rawValue, provider: s.provider, projects: s.projects, identifiers: s.identifiers,
                              datum: s.datum, river: s.river, series: records.count, parameters: Array(Set(records.map(\.variable))).sorted(),
                              start: records.map(\.timeStart).min().map(UTCTime.iso), end: records.map(\.timeEnd).max().map(UTCTime.iso)),
            links: links)
    }

    /// True when the station lies in the bbox (west > east crosses the antimeridian).
    static func inside(_ s: Station, _ b: (west: Double, south: Double, east: Double, north: Double)) -> Bool {
        guard s.latitude.isFinite, s.longitude.isFinite, s.latitude >= b.south, s.latitude <= b.north else { return false }
        let lon = s.longitude > 180 ? s.longitude - 360 : s.longitude
        let (west, east) = (b.west > 180 ? b.west - 360 : b.west, b.east > 180 ? b.east - 360 : b.east)
        return west <= east ? (lon >= west && lon <= east) : (lon >= west || lon <= east)
    }

    /// GET /collections/stations/items?bbox=&datetime=&limit=&offset=: the stations as a
    /// GeoJSON feature collection, `numberMatched`, `numberReturned` and paging links. With
    /// `datetime`, only stations with stored data in that period.
    func stationItems(_ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: ["f", "bbox", "datetime", "limit", "offset"])
        _ = try OGCQuery.format(request, ["json", "geojson"])
        let box = try Self.bbox(request)
        let period = try request.uri.queryParameters.get("datetime").map(OGCQuery.interval)
        let (limit, offset) = try OGCQuery.paging(request)
        let series = try storedSeries()
        let matched = registry.stations.filter { s in
            if let box, !Self.inside(s, box) { return false }
            if let period { return (series[s.id] ?? []).contains { period.overlaps(from: $0.timeStart, to: $0.timeEnd) } }
            return true
        }
        let page = matched.dropFirst(offset).prefix(limit)
        let b = Self.base(request)
        func pageLink(_ rel: String, _ at: Int) -> Link {
            var query = request.uri.queryParameters.filter { $0.key != "offset" && $0.key != "limit" }
                .map { "\($0.key)=\(String($0.value).addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))) ?? "")" }
            query += ["limit=\(limit)", "offset=\(at)"]
            return Link(href: b + "/collections/stations/items?" + query.joined(separator: "&"), rel: rel, type: "application/geo+json")
        }
        var links = [pageLink("self", offset), Link(href: b + "/collections/stations", rel: "collection", type: "application/json")]
        if offset + limit < matched.count { links.append(pageLink("next", offset + limit)) }
        if offset > 0 { links.append(pageLink("prev", max(0, offset - limit))) }
        struct Body: Encodable {
            var type = "FeatureCollection"; var features: [StationFeature]; var numberMatched: Int; var numberReturned: Int
            var timeStamp: String; var links: [Link]
        }
        let body = Body(features: page.map { feature($0, records: series[$0.id] ?? [], base: b) }, numberMatched: matched.count, numberReturned: page.count,
                        timeStamp: UTCTime.iso(Date().timeIntervalSince1970.rounded(.down)), links: links)
        var response = try Self.json(body)
        response.headers[.contentType] = "application/geo+json"
        return response
    }

    /// GET /collections/stations/items/{id}.
    func stationItem(_ id: String, _ request: Request) throws -> Response {
        try OGCQuery.refuseUnknown(request, allowed: ["f"])
        _ = try OGCQuery.format(request, ["json", "geojson"])
        guard let station = registry.station(id: id) else { throw ProblemDetails(.notFound, "no station '\(id)' in collection stations") }
        var response = try Self.json(feature(station, records: try store.seriesList(stationID: id), base: Self.base(request)))
        response.headers[.contentType] = "application/geo+json"
        return response
    }
}
