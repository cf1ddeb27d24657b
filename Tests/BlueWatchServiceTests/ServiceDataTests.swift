import BlueWatchCore
import BlueWatchService
import BlueWatchTesting
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Hummingbird
import HummingbirdTesting
import NetCDF
import Testing

/// Series formats and resampling, conditional requests, tides, grids (list, subset, trend),
/// alerts with their CAP feed, and metrics — in-process over real files.
struct ServiceDataTests {
    typealias T = ServiceTests

    @Test("series: resampled means, a whole year streamed in chunks, NetCDF (CF/ACDD checked), Last-Modified and If-Modified-Since")
    func seriesFormats() async throws {
        let (service, dir) = try T.service()
        try await Application(router: service.router()).test(.router) { client in
            // A day of hourly values as one daily mean of 24 values, equal to the mean of the hourly JSON.
            let hourly = try await client.execute(uri: "/stations/honolulu/series?from=2010-03-01&to=2010-03-01", method: .get) { try #require(try T.json($0) as? [String: Any]) }
            let values = try #require(hourly["values"] as? [Double])
            let daily = try await client.execute(uri: "/stations/honolulu/series?from=2010-03-01&to=2010-03-01&resample=day", method: .get) { try #require(try T.json($0) as? [String: Any]) }
            #expect((daily["times"] as? [String]) == ["2010-03-01T12:00:00Z"] && (daily["n"] as? [Int]) == [24] && daily["resample"] as? String == "day")
            #expect(abs(((daily["values"] as? [Double])?.first ?? 0) - values.reduce(0, +) / Double(values.count)) < 1e-12)
            let monthly = try await client.execute(uri: "/stations/honolulu/series?resample=month&format=csv", method: .get) { String(buffer: $0.body) }
            #expect(monthly.hasPrefix("time,sea_level_m,n\n") && monthly.split(separator: "\n").count == 13)
            try await client.execute(uri: "/stations/honolulu/series?resample=hour", method: .get) { T.expectProblem($0, .badRequest, "already sampled") }
            try await client.execute(uri: "/stations/honolulu/series?resample=week", method: .get) { T.expectProblem($0, .badRequest, "resample") }
            try await client.execute(uri: "/stations/honolulu/series?resample=day&format=netcdf", method: .get) { T.expectProblem($0, .badRequest, "netcdf") }

            // The whole year: 8,760 rows, more than one chunk, same content as JSON.
            let csv = try await client.execute(uri: "/stations/honolulu/series?qc=all&format=csv", method: .get) { String(buffer: $0.body) }
            let rows = csv.split(separator: "\n")
            #expect(rows.count == 8_761 && rows.count > BlueWatchService.rowsPerChunk)
            let year = try await client.execute(uri: "/stations/honolulu/series?qc=all", method: .get) { try #require(try T.json($0) as? [String: Any]) }
            #expect((year["times"] as? [String])?.count == 8_760 && (year["values"] as? [Any])?.count == 8_760 && (year["flags"] as? [Int])?.count == 8_760)
            #expect((year["times"] as? [String])?.last.map { rows.last!.hasPrefix($0) } == true)
            // Row by row the CSV says what the JSON says: same times, same values (to the last bit), same flags.
            let times = try #require(year["times"] as? [String]), jsonValues = try #require(year["values"] as? [Any]), flags = try #require(year["flags"] as? [Int])
            for (k, row) in rows.dropFirst().enumerated() {
                let fields = row.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count == 3, String(fields[0]) == times[k], Int(fields[2]) == flags[k],
                      fields[1].isEmpty ? jsonValues[k] is NSNull : Double(fields[1]) == (jsonValues[k] as? Double) else {
                    Issue.record("row \(k + 1) differs: \(row) vs \(times[k]) \(jsonValues[k]) \(flags[k])")
                    break
                }
            }

            // NetCDF: the export file, readable, CF-1.8 and ACDD-1.3 without high-priority failures.
            let nc = try await client.execute(uri: "/stations/honolulu/series?from=2010-02&to=2010-02&format=netcdf", method: .get) { r in
                #expect(r.status == .ok && r.headers[.contentType] == "application/x-netcdf")
                return Data(buffer: r.body)
            }
            let path = dir.file("served.nc")
            try nc.write(to: URL(fileURLWithPath: path))
            let february = try await client.execute(uri: "/stations/honolulu/series?from=2010-02&to=2010-02", method: .get) { try #require(try T.json($0) as? [String: Any]) }
            let expected = try #require((february["times"] as? [String])?.count)
            let file = try NetCDFFile.open(path)
            let dimensions = try file.root.dimensions().map { "\($0.name) \($0.length)" }
            #expect(expected > 600 && dimensions.contains("time \(expected)"), "\(dimensions)")
            if let report = try ComplianceChecker.check(path) {
                #expect(report.highPriorityFailures.values.allSatisfy { $0.isEmpty }, "\(report.highPriorityFailures)")
            } else { Issue.record("compliance-checker missing: run scripts/bootstrap.sh --test") }

            // Conditional requests by date.
            let uri = "/stations/honolulu/series?from=2010-02-27&to=2010-02-27"
            let modified = try #require(try await client.execute(uri: uri, method: .get) { $0.headers[.lastModified] })
            try await client.execute(uri: uri, method: .get, headers: [.ifModifiedSince: modified]) { #expect($0.status == .notModified) }
            try await client.execute(uri: uri, method: .get, headers: [.ifModifiedSince: "Mon, 01 Jan 2001 00:00:00 GMT"]) { #expect($0.status == .ok) }
        }
        _ = dir
    }

    @Test("HTTP dates: RFC 9110's example both ways; other forms refused")
    func httpDates() {
        #expect(BlueWatchService.httpDate(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(BlueWatchService.httpDate(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(BlueWatchService.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(BlueWatchService.parseHTTPDate("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(BlueWatchService.parseHTTPDate("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
    }

    @Test("tides: Honolulu's 2010 record gives M2 of about 17 cm; unknown series and stations without tidal records are refused")
    func tides() async throws {
        let (service, dir) = try T.service()
        try await Application(router: service.router()).test(.router) { client in
            let reports = try await client.execute(uri: "/stations/honolulu/tides", method: .get) { try #require(try T.json($0) as? [[String: Any]]) }
            let fit = try #require(reports.first?["fit"] as? [String: Any])
            let m2 = try #require((fit["constituents"] as? [[String: Any]])?.first { $0["name"] as? String == "M2" })
            #expect(((m2["amplitude"] as? Double) ?? 0) > 0.15 && ((m2["amplitude"] as? Double) ?? 1) < 0.19)
            try await client.execute(uri: "/stations/suva/tides", method: .get) { T.expectProblem($0, .notFound, "3 hours") }
            try await client.execute(uri: "/stations/honolulu/tides?series=x", method: .get) { T.expectProblem($0, .badRequest, "series") }
        }
        _ = dir
    }

    @Test("grids: list, ERDDAP-like subset (box, time, stride) equal to the file's values, 413 when too large, trend as JSON and NetCDF")
    func grids() async throws {
        let (service, dir) = try T.service()
        let record = try #require(try service.store.grids().first { $0.nt >= 3 })
        let id = record.id!
        try await Application(router: service.router()).test(.router) { client in
            let list = try await client.execute(uri: "/grids", method: .get) { try #require(try T.json($0) as? [[String: Any]]) }
            #expect(list.contains { $0["id"] as? Int == Int(id) && $0["file"] as? String == "dt_med_allsat_phy_l4_2005T2.nc" })

            let subset = try await client.execute(uri: "/grids/\(id)/data?bbox=10,38,12,40&time=2005-04-01/2005-04-03&stride=2", method: .get) {
                try #require(try T.json($0) as? [String: Any])
            }
            let shape = try #require(subset["shape"] as? [Int])
            let lats = try #require(subset["latitude"] as? [Double]), lons = try #require(subset["longitude"] as? [Double])
            let values = try #require(subset["values"] as? [Any])
            #expect(shape == [3, lats.count, lons.count] && values.count == shape.reduce(1, *) && lats.count == 8)
            #expect(lats.allSatisfy { $0 >= 38 && $0 <= 40 } && lons.allSatisfy { $0 >= 10 && $0 <= 12 } && zip(lats, lats.dropFirst()).allSatisfy { abs($1 - $0 - 0.25) < 1e-9 })
            // Compare with the file read whole: time step of 2005-04-02, first row and column.
            let grid = try #require(try CFGrid.grids(in: try NetCDFFile.open(TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc"))).first { $0.name == record.variable })
            let t = try #require(grid.times.firstIndex { UTCTime.iso($0) == "2005-04-02T00:00:00Z" })
            let j = try #require(grid.latitudes.firstIndex(of: lats[0])), i = try #require(grid.longitudes.firstIndex(of: lons[0]))
            let whole = try grid.slice(time: t)
            #expect(abs(((values[lats.count * lons.count] as? Double) ?? .nan) - Double(whole[j * grid.nx + i])) < 1e-6)

            let csv = try await client.execute(uri: "/grids/\(id)/data?bbox=10,38,12,40&time=2005-04-01&format=csv", method: .get) { String(buffer: $0.body) }
            #expect(csv.hasPrefix("time,latitude,longitude,adt") && csv.split(separator: "\n").count == 1 + 8 * 8 * 1 * 4)
            for (query, status, fragment) in [("?bbox=170,38,-170,40", HTTPResponse.Status.badRequest, "seam"), ("?bbox=0,0,1", .badRequest, "bbox"),
                                              ("?var=nope", .notFound, "no variable"), ("?time=1990", .notFound, "no time step"),
                                              ("?stride=0", .badRequest, "stride"), ("?format=xml", .badRequest, "format"), ("?bbox=-100,-10,-90,0", .notFound, "no cell")] {
                try await client.execute(uri: "/grids/\(id)/data" + query, method: .get) { T.expectProblem($0, status, fragment) }
            }
            try await client.execute(uri: "/grids/9999/data", method: .get) { T.expectProblem($0, .notFound, "no grid") }

            let full = try await client.execute(uri: "/grids/\(id)/data?bbox=10,38,12,40&time=2005-04-01", method: .get) { try #require(try T.json($0) as? [String: Any]) }
            let trend = try await client.execute(uri: "/grids/\(id)/trend?bbox=10,38,12,40", method: .get) { try #require(try T.json($0) as? [String: Any]) }
            #expect(trend["units"] as? String == "mm/yr" && (trend["trend"] as? [Any])?.count == (full["values"] as? [Any])?.count)
            #expect(trend["latitude"] as? [Double] == full["latitude"] as? [Double])
            // The short-span warning the CLI prints reaches HTTP clients too (issue 17).
            #expect((trend["warnings"] as? [String])?.first?.contains("not sea-level rise") == true, "\(trend["warnings"] ?? "none")")
            try await client.execute(uri: "/grids/\(id)/trend?bbox=10,38,12,40&format=netcdf", method: .get) { r in
                #expect(r.status == .ok && Data(buffer: r.body).prefix(4) == Data([0x89, 0x48, 0x44, 0x46]))
            }
            let flat = try #require(try service.store.grids().first { $0.nt == 1 }?.id)
            try await client.execute(uri: "/grids/\(flat)/trend", method: .get) { T.expectProblem($0, .badRequest, "at least 3") }
        }
        let (small, dir2) = try T.service(maximumValues: 100)
        try await Application(router: small.router()).test(.router) { client in
            try await client.execute(uri: "/grids/\(id)/data", method: .get) { T.expectProblem($0, .contentTooLarge, "narrow the bbox") }
        }
        _ = (dir, dir2)
    }

    @Test("alerts by project, the CAP of one alert, and the Atom feed carrying each alert's CAP message")
    func alertsAndFeed() async throws {
        let (service, dir) = try T.service()
        let alert = try #require(try service.store.alerts().first)
        let message = try #require(try service.store.alertMessages(alertId: alert.id!).last?.message())
        try await Application(router: service.router()).test(.router) { client in
            let tsunami = try await client.execute(uri: "/alerts?project=blue-06-scs-tsunami", method: .get) { try #require(try T.json($0) as? [[String: Any]]) }
            #expect(tsunami.count == 1 && tsunami.first?["stationId"] as? String == "dart-21418")
            let sids = try await client.execute(uri: "/alerts?project=blue-21-sids-sealevel", method: .get) { try #require(try T.json($0) as? [[String: Any]]) }
            #expect(sids.isEmpty)
            try await client.execute(uri: "/alerts?project=nope", method: .get) { T.expectProblem($0, .notFound, "no project") }
            try await client.execute(uri: "/alerts/\(alert.id!)/cap", method: .get) { r in
                #expect(r.headers[.contentType] == "application/cap+xml" && String(buffer: r.body) == message.xml())
            }
            try await client.execute(uri: "/alerts/424242/cap", method: .get) { T.expectProblem($0, .notFound, "no alert") }
            let feed = try await client.execute(uri: "/alerts/feed.atom", method: .get) { r in
                #expect(r.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
                return Data(buffer: r.body)
            }
            // Well-formed XML with one entry whose content is the alert's CAP document.
            let parsed = try AtomProbe(feed)
            #expect(parsed.entries == 1 && parsed.capIdentifiers == [message.identifier] && parsed.feedUpdated != nil)
            let empty = try AtomProbe(try await client.execute(uri: "/alerts/feed.atom?severity=Minor", method: .get) { Data(buffer: $0.body) })
            #expect(empty.entries == 0)
        }
        _ = dir
    }

    @Test("metrics: request counts by route pattern and status, store gauges, in the Prometheus text format")
    func metrics() async throws {
        let (service, dir) = try T.service()
        try await Application(router: service.router()).test(.router) { client in
            for _ in 0..<3 { try await client.execute(uri: "/stations/honolulu/series?from=2010-02-27&to=2010-02-27", method: .get) { _ in } }
            try await client.execute(uri: "/stations/atlantis", method: .get) { _ in }
            let text = try await client.execute(uri: "/metrics", method: .get) { r in
                #expect(r.headers[.contentType]?.hasPrefix("text/plain") == true)
                return String(buffer: r.body)
            }
            #expect(text.contains("bluewatch_http_requests_total{method=\"GET\",route=\"/stations/{id}/series\",status=\"200\"} 3"), "\(text)")
            #expect(text.contains("route=\"/stations/{id}\",status=\"404\"} 1"))
            #expect(text.contains("# TYPE bluewatch_http_request_duration_seconds histogram") && text.contains("bluewatch_store_datasets \(T.files.count).0"))
            #expect(text.contains("bluewatch_alerts_open 1.0"))
        }
        _ = dir
    }
}

/// Counts an Atom feed's entries and the CAP identifiers inside them (FoundationXML's parser).
final class AtomProbe: NSObject, XMLParserDelegate {
    var entries = 0
    var capIdentifiers: [String] = []
    var feedUpdated: String?
    private var path: [String] = []
    private var text = ""

    init(_ data: Data) throws {
        super.init()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.delegate = self
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        path.append(name)
        text = ""
        if name == "entry" && namespaceURI == "http://www.w3.org/2005/Atom" { entries += 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "identifier" && namespaceURI == "urn:oasis:names:tc:emergency:cap:1.2" && path.suffix(3) == ["content", "alert", "identifier"] { capIdentifiers.append(text) }
        if name == "updated" && path.count == 2 { feedUpdated = text }
        path.removeLast()
    }
}
