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
        var box: [Double]?
        if let text = q.get("bbox") {
            let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 4, let b = parts as? [Double], (-90...90).contains(b[1]), (-90...90).contains(b[3]), b[1] <= b[3] else {
                throw ProblemDetails(.badRequest, "bbox must be west,south,east,north in degrees (e.g. 100,0,130,25)")
            }
            box = b
        }
        if let kind = q.get("kind"), StationKind(rawValue: kind) == nil {
            throw ProblemDetails(.badRequest, "kind must be one of \(StationKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let p = q.get("project") { _ = try project(p) }
        let counts = Dictionary(grouping: try store.seriesList(stationID: nil), by: \.stationId).mapValues(\.count)
        let rows = registry.stations.filter { s in
            if let p = q.get("project"), !s.projects.contains(p) { return false }
            if let k = q.get("kind"), s.kind.rawValue != k { return false }
            if let b = box {
                guard s.latitude.isFinite, s.latitude >= b[1], s.latitude <= b[3] else { return false }
                let lon = s.longitude > 180 ? s.longitude - 360 : s.longitude
                let inside = b[0] <= b[2] ? (lon >= b[0] && lon <= b[2]) : (lon >= b[0] || lon <= b[2])
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

    /// GET /stations/{id}/series?series=&from=&to=&qc=good|all&format=csv|json.
    func series(_ id: String, _ request: Request) throws -> Response {
        let station = try knownStation(id)
        let q = request.uri.queryParameters
        let format = q.get("format") ?? "json"
        guard ["json", "csv"].contains(format) else { throw ProblemDetails(.badRequest, "format must be json or csv") }
        let qc = q.get("qc") ?? "good"
        guard ["good", "all"].contains(qc) else { throw ProblemDetails(.badRequest, "qc must be good (flags 1 and 2) or all") }
        let records = try store.seriesList(stationID: station.id)
        guard !records.isEmpty else { throw ProblemDetails(.notFound, "station '\(id)' has no stored series") }
        let record: SeriesRecord
        if let text = q.get("series") {
            guard let n = Int64(text), let r = records.first(where: { $0.id == n }) else {
                throw ProblemDetails(.notFound, "station '\(id)' has no series '\(text)'; GET /stations/\(id) lists its series")
            }
            record = r
        } else {
            record = records.filter { !$0.isDerived }.max { $0.valueCount < $1.valueCount } ?? records[0]
        }
        let from = try Self.time(request, "from", end: false), to = try Self.time(request, "to", end: true)
        if let from, let to, from >= to { throw ProblemDetails(.badRequest, "from must be before to") }
        let series = try store.readSeries(id: record.id!, from: from, to: to)
        guard series.count <= maximumValues else {
            throw ProblemDetails(.contentTooLarge, "\(series.count) values is more than one response may hold (\(maximumValues)); ask for a shorter span with from and to")
        }
        let keep = series.values.indices.filter { qc == "all" || (series.flags[$0] == .pass || series.flags[$0] == .notEvaluated) && !series.values[$0].isNaN }
        let etag = "\"" + SHA256.hash(data: Data("\(record.id!)|\(record.valueCount)|\(record.timeEnd)|\(from ?? 0)|\(to ?? 0)|\(qc)|\(format)".utf8))
            .prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        if request.headers[.ifNoneMatch] == etag { return Response(status: .notModified, headers: [.eTag: etag]) }
        var response: Response
        if format == "csv" {
            var out = "time,\(record.variable)_\(record.units),qc_flag\n"
            out.reserveCapacity(keep.count * 36)
            for i in keep { out += "\(UTCTime.iso(series.times[i])),\(series.values[i].isNaN ? "" : String(series.values[i])),\(series.flags[i].rawValue)\n" }
            response = Self.text(out, type: "text/csv; charset=utf-8")
        } else {
            struct Body: Encodable {
                var station: String; var series: Int64; var identifier: String; var variable: String; var units: String
                var times: [String]; var values: [Double?]; var flags: [UInt8]
            }
            response = try Self.json(Body(station: station.id, series: record.id!, identifier: record.sourceIdentifier, variable: record.variable, units: record.units,
                                          times: keep.map { UTCTime.iso(series.times[$0]) }, values: keep.map { series.values[$0].isNaN ? nil : series.values[$0] },
                                          flags: keep.map { series.flags[$0].rawValue }))
        }
        response.headers[.eTag] = etag
        return response
    }

    /// GET /stations/{id}/trend?from=&to=: the trend reports (every method), as `bluewatch trend`.
    func trend(_ id: String, _ request: Request) throws -> Response {
        let station = try knownStation(id)
        let runner = StationTrendRunner(from: try Self.time(request, "from", end: false), to: try Self.time(request, "to", end: true))
        let reports = try runner.reports(station: station, store: store)
        guard !reports.isEmpty else { throw ProblemDetails(.notFound, "station '\(id)' has no stored sea-level series for a trend") }
        return try Self.json(reports)
    }

    /// GET /projects/{id}/report: the HTML report (as `bluewatch report`).
    func report(_ id: String, _ request: Request) throws -> Response {
        let p = try project(id)
        let builder = ProjectReportBuilder(registry: registry, regions: regions, from: try Self.time(request, "from", end: false),
                                          to: try Self.time(request, "to", end: true), software: "BlueWatch service", commit: nil,
                                          command: "GET \(request.uri)")
        let report = try builder.build(p, store: store, databasePath: databasePath)
        var shorelines: [[(longitude: Double, latitude: Double)]] = []
        if ShorelineReader.isInstalled, let box = report.mapExtent {
            shorelines = (try? ShorelineReader().segments(south: box.south, north: box.north, west: box.west, east: box.east)) ?? []
        }
        var response = Self.text(report.html(shorelines: shorelines), type: "text/html; charset=utf-8")
        response.headers[.eTag] = "\"" + report.footer.storeFingerprint.prefix(16) + "\""
        return response
    }

    /// GET /alerts?since=&severity=: alerts, newest first.
    func alerts(_ request: Request) throws -> Response {
        let since = try Self.time(request, "since", end: false)
        let severity = request.uri.queryParameters.get("severity")
        if let severity, !CAPMessage.Severity.allCases.map(\.rawValue).contains(severity) {
            throw ProblemDetails(.badRequest, "severity must be one of \(CAPMessage.Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let list = try store.alerts(limit: 1000).filter { a in (since.map { a.openedAt >= $0 } ?? true) && (severity.map { a.severity == $0 } ?? true) }
        return try Self.json(list)
    }
}
