import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import BlueWatchIngest
import BlueWatchStore
import Crypto
import Foundation
import Hummingbird

extension BlueWatchService {
    func health() throws -> Response {
        let s = try store.summary()
        return try Self.json(["status": "ok", "datasets": "\(s.datasets)", "series": "\(s.series)", "observations": "\(s.observations)"])
    }

    /// GET /stations?bbox=west,south,east,north&project=&kind= as GeoJSON.
    func stations(_ request: Request) throws -> Response {
        let q = request.uri.queryParameters
        let box = try Self.bbox(request)
        if let kind = q.get("kind"), StationKind(rawValue: kind) == nil {
            throw ProblemDetails(.badRequest, "kind must be one of \(StationKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let p = q.get("project") { _ = try project(p) }
        let counts = try store.seriesCounts()
        let rows = registry.stations.filter { s in
            if let p = q.get("project"), !s.projects.contains(p) { return false }
            if let k = q.get("kind"), s.kind.rawValue != k { return false }
            if let b = box {
                guard s.latitude.isFinite, s.latitude >= b.south, s.latitude <= b.north else { return false }
                let lon = s.longitude > 180 ? s.longitude - 360 : s.longitude
                let (west, east) = (b.west > 180 ? b.west - 360 : b.west, b.east > 180 ? b.east - 360 : b.east)
                let inside = west <= east ? (lon >= west && lon <= east) : (lon >= west || lon <= east)
                if !inside { return false }
            }
            return true
        }.map { StationListing.Row(station: $0, seriesCount: counts[$0.id] ?? 0) }
        return Self.data(try StationListing.geojson(rows), type: "application/geo+json")
    }

    /// GET /stations/{id}: the station and its stored series.
    func station(_ id: String) throws -> Response {
        let station = try knownStation(id)
        struct Item: Encodable {
            var id: Int64; var identifier: String; var variable: String; var units: String; var sampling: Double?
            var start: String; var end: String; var values: Int; var derived: Bool
        }
        struct Body: Encodable { var station: Station; var series: [Item] }
        let series = try store.seriesList(stationID: station.id).map {
            Item(id: $0.id!, identifier: $0.sourceIdentifier, variable: $0.variable, units: $0.units, sampling: $0.samplingSeconds,
                 start: UTCTime.iso($0.timeStart), end: UTCTime.iso($0.timeEnd), values: $0.valueCount, derived: $0.isDerived)
        }
        return try Self.json(Body(station: station, series: series))
    }

    /// The methods `GET /stations/{id}/trend?method=` can single out.
    static let trendMethods = ["all", "ols", "sen", "mann-kendall"]

    /// GET /stations/{id}/trend?method=&from=&to=: the trend reports, as `bluewatch trend` —
    /// every method (`all`, the default), or one: `ols` (least squares with the AR(1)-corrected
    /// interval), `sen` (Sen's slope and its interval), `mann-kendall` (original and Hamed–Rao).
    func trend(_ id: String, _ request: Request) throws -> Response {
        let station = try knownStation(id)
        let method = request.uri.queryParameters.get("method") ?? "all"
        guard Self.trendMethods.contains(method) else { throw ProblemDetails(.badRequest, "method must be one of \(Self.trendMethods.joined(separator: ", "))") }
        let runner = StationTrendRunner(from: try Self.time(request, "from", end: false), to: try Self.time(request, "to", end: true))
        let reports = try runner.reports(station: station, store: store)
        guard !reports.isEmpty else { throw ProblemDetails(.notFound, "station '\(id)' has no stored sea-level series for a trend") }
        guard method != "all" else { return try Self.json(reports) }
        struct One: Encodable {
            var station: String; var series: String; var sampling: String; var method: String
            var start: String?; var end: String?; var valuesUsed: Int?; var meaningful: Bool?; var units = "mm/yr"
            var estimate: Double?; var lower: Double?; var upper: Double?; var tau: Double?; var p: Double?; var pOriginal: Double?
            var confidence: Double?; var failure: String?
            /// Why the trend is not meaningful, and what to keep in mind when it is, as `bluewatch trend` prints them.
            var reasons: [String]?; var warnings: [String]?
        }
        return try Self.json(reports.map { r in
            var one = One(station: r.station, series: r.series, sampling: r.sampling, method: method, start: r.trend?.start, end: r.trend?.end,
                          valuesUsed: r.trend?.valuesUsed, meaningful: r.trend?.meaningful, confidence: r.trend?.confidence, failure: r.failure,
                          reasons: r.trend?.reasons, warnings: r.trend?.warnings)
            guard let t = r.trend else { return one }
            switch method {
            case "ols": (one.estimate, one.lower, one.upper, one.p) = (t.ols.estimate, t.ols.lower, t.ols.upper, t.ols.pValue)
            case "sen":
                if let sen = t.robust?.senSlope { (one.estimate, one.lower, one.upper) = (sen.estimate, sen.lower, sen.upper) } else { one.failure = "no robust estimate for this record" }
            default:
                if let robust = t.robust { (one.tau, one.p, one.pOriginal, one.units) = (robust.hamedRao.tau, robust.hamedRao.p, robust.mannKendall.p, "1") } else { one.failure = "no robust estimate for this record" }
            }
            return one
        })
    }

    /// GET /projects/{id}/report: the HTML report (as `bluewatch report`). The ETag is the
    /// store's fingerprint and the query, checked before the report is built, so an unchanged
    /// store answers If-None-Match with 304 at once; Last-Modified is the last ingest.
    func report(_ id: String, _ request: Request) throws -> Response {
        let p = try project(id)
        let from = try Self.time(request, "from", end: false), to = try Self.time(request, "to", end: true)
        let lang = request.uri.queryParameters.get("lang") ?? ReportLanguage.both.rawValue
        guard let language = ReportLanguage(rawValue: lang) else { throw ProblemDetails(.badRequest, "lang must be en, zh or both, not '\(lang)'") }
        let datasets = try store.datasets()
        let fingerprint = ProjectReportBuilder.fingerprint(datasets)
        let etag = "\"" + SHA256.hash(data: Data("\(fingerprint)|\(p.id)|\(from ?? 0)|\(to ?? 0)|\(lang)".utf8)).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        var validators: HTTPFields = [.eTag: etag]
        if let last = datasets.map(\.ingestedAt).max() { validators[.lastModified] = Self.httpDate(last) }
        if let match = request.headers[.ifNoneMatch], match == etag || match == "*" { return Response(status: .notModified, headers: validators) }
        let builder = ProjectReportBuilder(registry: registry, regions: regions, from: from, to: to, software: "BlueWatch service", commit: nil,
                                          command: "GET \(request.uri)")
        // The footer names the store file, never the server's folders.
        let report = try builder.build(p, store: store, databasePath: URL(fileURLWithPath: databasePath).lastPathComponent)
        var shorelines: [[(longitude: Double, latitude: Double)]] = []
        if ShorelineReader.isInstalled, let box = report.mapExtent {
            shorelines = (try? ShorelineReader().segments(south: box.south, north: box.north, west: box.west, east: box.east)) ?? []
        }
        var response = Self.text(report.html(language: language, shorelines: shorelines), type: "text/html; charset=utf-8")
        for field in validators { response.headers[field.name] = field.value }
        return response
    }

    /// GET /stations/{id}/tides?series=&from=&to=: harmonic analysis of the station's tidal
    /// records (or one of them), as `bluewatch tides analyse`.
    func tides(_ id: String, _ request: Request) throws -> Response {
        let station = try knownStation(id)
        let seriesID = try request.uri.queryParameters.get("series").map { text -> Int64 in
            guard let n = Int64(text) else { throw ProblemDetails(.badRequest, "series must be a series id from GET /stations/\(id)") }
            return n
        }
        let runner = TideRunner(from: try Self.time(request, "from", end: false), to: try Self.time(request, "to", end: true),
                                latitude: station.latitude.isFinite ? nil : 0)
        let records = try runner.records(station: station, store: store, seriesId: seriesID)
        guard !records.isEmpty else {
            throw ProblemDetails(.notFound, seriesID.map { "station '\(id)' has no series \($0)" } ?? "station '\(id)' has no stored record sampled every 3 hours or faster")
        }
        return try Self.json(records.map(runner.analyse))
    }

    /// Alerts matching `since`, `severity` and `project` (its stations; microplastic cells
    /// for projects with a hot-spot indicator), newest first.
    func matchingAlerts(_ request: Request) throws -> [AlertRecord] {
        let since = try Self.time(request, "since", end: false)
        let q = request.uri.queryParameters
        let severity = q.get("severity")
        if let severity, !CAPMessage.Severity.allCases.map(\.rawValue).contains(severity) {
            throw ProblemDetails(.badRequest, "severity must be one of \(CAPMessage.Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var members: Set<String>?, cells = false
        if let id = q.get("project") {
            let p = try project(id)
            members = Set(registry.stations.filter { $0.projects.contains(p.id) }.map(\.id))
            cells = p.indicators.contains { $0.kind == .hotspots }
        }
        return try store.alerts(limit: 1000).filter { a in
            (since.map { a.openedAt >= $0 } ?? true) && (severity.map { a.severity == $0 } ?? true)
                && (members.map { $0.contains(a.stationId) || (cells && a.stationId.hasPrefix("cell ")) } ?? true)
        }
    }

    /// GET /alerts?since=&severity=&project=.
    func alerts(_ request: Request) throws -> Response {
        try Self.json(try matchingAlerts(request).map(\.json))
    }

    /// GET /alerts/{id}/cap: the alert's latest CAP 1.2 message.
    func alertCAP(_ id: String) throws -> Response {
        guard let n = Int64(id), try store.alert(id: n) != nil else { throw ProblemDetails(.notFound, "no alert '\(id)'; GET /alerts lists them") }
        guard let message = try store.alertMessages(alertId: n).last?.message() else { throw ProblemDetails(.notFound, "alert \(id) has no CAP message") }
        return Self.text(message.xml(), type: "application/cap+xml")
    }

    /// GET /alerts/feed.atom?since=&severity=&project=: an Atom feed whose entries carry the
    /// latest CAP message of each alert (inline and linked), as CAP aggregators consume.
    func alertFeed(_ request: Request) throws -> Response {
        let alerts = try matchingAlerts(request)
        // A stored message that no longer decodes is an error naming it, not an entry left out.
        let latest = try alerts.compactMap { a in try store.alertMessages(alertId: a.id!).last.map { (a, $0, try $0.message()) } }
        return Self.text(AlertFeed.atom(latest, feedID: "urn:bluewatch:alerts" + (request.uri.query.map { "?" + $0 } ?? "")), type: "application/atom+xml; charset=utf-8")
    }
}
