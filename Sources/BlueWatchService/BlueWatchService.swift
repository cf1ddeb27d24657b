import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import BlueWatchIngest
import BlueWatchStore
import Foundation
import Hummingbird
import Logging

/// The HTTP service over a store: stations as GeoJSON, series (CSV/JSON/NetCDF, resampled),
/// trends and tides, grids and their subsets and trends, projects and their reports, alerts
/// with a CAP Atom feed, token-protected uploads and acknowledgements, health, Prometheus
/// metrics, and the OpenAPI document. Built by
/// ``buildApplication(_:host:port:)`` so tests run it in-process.
public struct BlueWatchService: Sendable {
    public let store: any DataStore
    public let registry: StationRegistry
    public let projects: ProjectRegistry
    public let regions: RegionCatalog
    /// The OpenAPI document served at /openapi.yaml.
    public let openAPI: String
    public let databasePath: String
    /// Largest number of values one series or grid response may hold; beyond it a 413 says how to split.
    public var maximumValues = 2_000_000
    /// Uploads (POST /ingest); nil answers 503 to them.
    public var ingestion: Ingestion?
    /// Prometheus metrics served at /metrics.
    public let metrics = ServiceMetrics()
    /// Where each request's access-log line goes (``AccessLogFormat/logger()``); nil logs none.
    public var accessLog: Logger?

    public init(store: any DataStore, registry: StationRegistry, projects: ProjectRegistry, regions: RegionCatalog, openAPI: String, databasePath: String) {
        self.store = store
        self.registry = registry
        self.projects = projects
        self.regions = regions
        self.openAPI = openAPI
        self.databasePath = databasePath
    }

    /// The router with every route and the problem-details middleware.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        if let accessLog { router.add(middleware: AccessLogMiddleware(logger: accessLog)) }
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        // Every GET answers HEAD too (ProblemMiddleware drops the body, keeping status and headers).
        // `query`: the parameters the route takes; any other is refused with 400 naming them
        // (nil: the handler checks its own, as the OGC routes do).
        func get(_ path: RouterPath, query: Set<String>?, use handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
            let checked: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, context in
                if let query { try OGCQuery.refuseUnknown(request, allowed: query) }
                return try await handler(request, context)
            }
            router.get(path, use: checked)
            router.head(path, use: checked)
        }
        func post(_ path: RouterPath, query: Set<String>, use handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
            router.post(path) { request, context in
                try OGCQuery.refuseUnknown(request, allowed: query)
                return try await handler(request, context)
            }
        }
        get("health", query: []) { _, _ in try self.health() }
        // OGC API – Common, Features and EDR (BlueWatchService+Features.swift, +EDR.swift).
        get("/", query: nil) { request, _ in try self.landing(request) }
        get("conformance", query: nil) { request, _ in try self.conformance(request) }
        get("collections", query: nil) { request, _ in try self.collections(request) }
        get("collections/stations/items", query: nil) { request, _ in try self.stationItems(request) }
        get("collections/stations/items/:featureId", query: nil) { request, context in try self.stationItem(try context.parameters.require("featureId"), request) }
        get("collections/observations/locations", query: nil) { request, _ in try self.edrLocations(request) }
        get("collections/observations/locations/:locationId", query: nil) { request, context in try self.edrLocation(try context.parameters.require("locationId"), request) }
        get("collections/observations/position", query: nil) { request, _ in try self.edrPosition(request) }
        get("collections/observations/area", query: nil) { request, _ in try self.edrArea(request) }
        get("collections/observations/cube", query: nil) { request, _ in try self.edrCube(request) }
        // Each collection by name: a parameter beside the literal paths below would never match them.
        get("collections/stations", query: nil) { request, _ in try self.collection("stations", request) }
        get("collections/observations", query: nil) { request, _ in try self.collection("observations", request) }
        // ERDDAP-compatible tabledap (BlueWatchService+ERDDAP.swift): ERDDAP's queries are not key=value pairs.
        get("erddap/tabledap/:file", query: nil) { request, context in try self.tabledap(try context.parameters.require("file"), request) }
        get("erddap/info/:id/:file", query: nil) { _, context in try self.erddapInfo(try context.parameters.require("id"), try context.parameters.require("file")) }
        // info/index.csv lists the datasets (the parameter shares the name of info/{id}/… so the two routes can coexist).
        get("erddap/info/:id", query: nil) { request, context in try self.erddapSearch(try context.parameters.require("id"), request) }
        get("erddap/search/:file", query: nil) { request, context in try self.erddapSearch(try context.parameters.require("file"), request) }
        // OPeNDAP DAP2 (BlueWatchService+OPeNDAP.swift): the query is a constraint expression.
        get("opendap/series/:file", query: nil) { request, context in try self.opendap("series", try context.parameters.require("file"), request) }
        get("opendap/grids/:file", query: nil) { request, context in try self.opendap("grids", try context.parameters.require("file"), request) }
        get("metrics", query: []) { _, _ in Self.text(try self.metrics.exposition(store: self.store), type: "text/plain; version=0.0.4; charset=utf-8") }
        get("openapi.yaml", query: []) { _, _ in Self.text(self.openAPI, type: "application/yaml") }
        get("stations", query: ["bbox", "project", "kind"]) { request, _ in try self.stations(request) }
        get("stations/:id", query: []) { _, context in try self.station(try context.parameters.require("id")) }
        get("stations/:id/series", query: ["series", "from", "to", "qc", "format", "resample"]) { request, context in try self.series(try context.parameters.require("id"), request) }
        get("stations/:id/trend", query: ["method", "from", "to"]) { request, context in try self.trend(try context.parameters.require("id"), request) }
        get("stations/:id/tides", query: ["series", "from", "to"]) { request, context in try self.tides(try context.parameters.require("id"), request) }
        get("grids", query: []) { _, _ in try self.grids() }
        get("grids/:id/data", query: ["var", "format", "stride", "bbox", "time"]) { request, context in try self.gridData(try context.parameters.require("id"), request) }
        get("grids/:id/trend", query: ["bbox", "format"]) { request, context in try self.gridTrend(try context.parameters.require("id"), request) }
        get("projects", query: []) { _, _ in try Self.json(self.projects.projects) }
        get("projects/:id", query: []) { _, context in try Self.json(try self.project(try context.parameters.require("id"))) }
        get("projects/:id/report", query: ["from", "to", "lang"]) { request, context in try self.report(try context.parameters.require("id"), request) }
        get("alerts", query: ["since", "severity", "project"]) { request, _ in try self.alerts(request) }
        get("alerts/feed.atom", query: ["since", "severity", "project"]) { request, _ in try self.alertFeed(request) }
        get("alerts/:id/cap", query: []) { _, context in try self.alertCAP(try context.parameters.require("id")) }
        post("alerts/:id/ack", query: []) { request, context in try self.acknowledge(try context.parameters.require("id"), request) }
        post("ingest", query: ["filename"]) { request, _ in try await self.ingest(request) }
        return router
    }

    /// The application listening on `host:port`.
    /// Seconds an idle connection is kept open.
    public static let idleTimeoutSeconds: Int64 = 30

    public func buildApplication(host: String = "127.0.0.1", port: Int = 8080, idleTimeout: Int64 = idleTimeoutSeconds) -> some ApplicationProtocol {
        // Idle connections (a client that connected and sends nothing more) are closed after
        // 30 s, so thousands of them cannot hold the server's sockets.
        Application(router: router(), server: .http1(configuration: .init(idleTimeout: .seconds(idleTimeout))),
                    configuration: .init(address: .hostname(host, port: port), serverName: "BlueWatch"))
    }

    // MARK: responses

    static func text(_ s: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    static func data(_ d: Data, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: d)))
    }

    static func json<T: Encodable>(_ value: T) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "NaN")
        return data(try encoder.encode(value), type: "application/json")
    }

    /// A query parameter as a period bound (``UTCTime/bound(_:end:)``: "2010", "2010-03",
    /// "2010-03-11" or an ISO time; an end includes all of its year, month or day), or a 400.
    static func time(_ request: Request, _ name: String, end: Bool) throws -> Double? {
        guard let text = request.uri.queryParameters.get(name) else { return nil }
        guard let t = UTCTime.bound(text, end: end) else {
            throw ProblemDetails(.badRequest, "'\(name)' must be a date (2010, 2010-03, 2010-03-11) or an ISO time, not '\(text)'")
        }
        return t
    }

    func knownStation(_ id: String) throws -> Station {
        guard let station = try store.station(id: id) ?? registry.station(id: id) else {
            throw ProblemDetails(.notFound, "no station '\(id)'; GET /stations lists them")
        }
        return station
    }

    func project(_ id: String) throws -> ProjectRegistry.Project {
        guard let p = projects.project(id: id) else { throw ProblemDetails(.notFound, "no project '\(id)'; GET /projects lists them") }
        return p
    }
}
