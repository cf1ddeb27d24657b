import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchService
import BlueWatchStore
import BlueWatchTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The HTTP service in-process (HummingbirdTesting's router framework) over a store holding
/// real files: every endpoint, format and error path, and hostile input.
struct ServiceTests {
    static let files = ["sealevel/psmsl/rlr_monthly/1327.rlrdata", "sealevel/hourly/HNL2010.asc", "tsunami/dart_tohoku2011_raw/21418.txt",
                        "sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc", "sealevel/altimetry/dt_blacksea_allsat_phy_l4_20160707_20200801.nc",
                        "bathymetry/etopo1_10min_tiny_test.asc"]

    /// A service over a fresh store with the files ingested (QC applied as at ingest), the
    /// alert rules of a DART watch run once at 07:00 UTC on 2011-03-11 (the Tohoku wave at DART
    /// 21418 raises an alert),
    /// and uploads kept in the temporary directory.
    static func service(maximumValues: Int = 2_000_000) throws -> (BlueWatchService, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        let registry = try Checkout.registry()
        let store = try StoreOpening.open(try TestStoreKind.location(forPath: dir.file("s.sqlite")), creating: true)
        try store.syncRegistry(registry)
        let reader = try Checkout.reader(), qc = try Checkout.qc()
        for f in files {
            var parsed = try reader.read(TestPaths.data(f))
            qc.apply(to: &parsed, registry: registry)
            _ = try store.ingest(parsed, registry: registry)
        }
        let rules = try dir.write("alerts.toml", """
            sender = "test@bluewatch.example"
            outbox = "\(dir.file("outbox"))"
            [[rule]]
            id = "tsunami-watch"
            kind = "tsunami"
            severity = "Extreme"
            stations = ["dart-21418"]
            """)
        let configuration = try AlertConfiguration(contentsOf: rules, registry: registry, projects: try Checkout.projects())
        let outcome = try AlertEngine(configuration: configuration, registry: registry).evaluate(store: store, now: UTCTime.parse("2011-03-11T07:00:00Z")!)
        _ = try store.commitAlertRun(outcome.changes, watermarks: outcome.watermarks)
        let openAPI = try String(contentsOfFile: TestPaths.packageRoot + "/Docs/openapi.yaml", encoding: .utf8)
        var service = BlueWatchService(store: store, registry: registry, projects: try Checkout.projects(), regions: try Checkout.regions(),
                                       openAPI: openAPI, databasePath: dir.file("s.sqlite"))
        service.maximumValues = maximumValues
        service.ingestion = .init(catalog: try Checkout.catalog(), qc: qc, directory: dir.file("uploads"))
        return (service, dir)
    }

    static func json(_ r: TestResponse) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer: r.body)) }

    static func expectProblem(_ r: TestResponse, _ status: HTTPResponse.Status, _ fragment: String) {
        #expect(r.status == status)
        #expect(r.headers[.contentType] == "application/problem+json")
        let body = String(buffer: r.body)
        #expect(body.contains("\"status\":\(status.code)") && body.contains(fragment), "\(body)")
    }

    @Test("health, openapi.yaml (every documented path is routed), CORS on every answer")
    func healthAndDocument() async throws {
        let (service, dir) = try Self.service()
        let app = Application(router: service.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { r in
                #expect(r.status == .ok && r.headers[.accessControlAllowOrigin] == "*")
                #expect(String(buffer: r.body).contains("\"status\":\"ok\""))
            }
            let yaml = try await client.execute(uri: "/openapi.yaml", method: .get) { String(buffer: $0.body) }
            #expect(yaml.hasPrefix("openapi: 3.1.0"))
            // Every documented GET answers 200 (ids: a station, a project, the grid with time steps, the alert).
            let lines = yaml.split(separator: "\n").map(String.init)
            var documented: [(path: String, method: String)] = []
            for (k, line) in lines.enumerated() where line.hasPrefix("  /") && line.hasSuffix(":") && k + 1 < lines.count {
                documented.append((String(line.dropFirst(2).dropLast()), lines[k + 1].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ":", with: "")))
            }
            #expect(documented.count == 37)
            // Both ways: every route the router has is documented with its method, and nothing more.
            let routes = service.router().routes
            let routed = Set(routes.filter { $0.method != .head }.map { "\($0.method.rawValue.lowercased()) \($0.path.description)" })
            #expect(Set(routes.filter { $0.method == .head }.map(\.path.description)) == Set(routes.filter { $0.method == .get }.map(\.path.description)), "every GET answers HEAD")
            #expect(routed == Set(documented.map { "\($0.method) \($0.path)" }), "routed but not documented: \(routed.subtracting(documented.map { "\($0.method) \($0.path)" }))")
            let grid = try #require(try service.store.grids().first { $0.nt >= 3 }?.id)
            let alert = try #require(try service.store.alerts().first?.id)
            for (path, method) in documented where method == "get" {
                let id = path.hasPrefix("/projects") ? "blue-21-sids-sealevel" : path.hasPrefix("/grids") ? "\(grid)" : path.hasPrefix("/alerts") ? "\(alert)" : "honolulu"
                // The whole altimetry grid (4 million values) is more than one answer may hold: one day of it.
                let queries = ["/grids/{id}/data": "?time=2005-04-01", "/collections/observations/position": "?coords=POINT(-157.8667%2021.3067)",
                               "/collections/observations/area": "?coords=POLYGON((-160%2020,-150%2020,-150%2025,-160%2025,-160%2020))", "/collections/observations/cube": "?bbox=-160,20,-150,25"]
                let generic = path.replacingOccurrences(of: "{id}", with: id)
                    .replacingOccurrences(of: "{featureId}", with: "honolulu").replacingOccurrences(of: "{locationId}", with: "honolulu") + (queries[path] ?? "")
                let erddap = ["/erddap/tabledap/{file}": "/erddap/tabledap/allDatasets.csv", "/erddap/info/{id}": "/erddap/info/index.csv",
                              "/erddap/info/{id}/{file}": "/erddap/info/bluewatch_sea_level/index.csv", "/erddap/search/{file}": "/erddap/search/advanced.csv?searchFor=sea",
                              "/opendap/grids/{file}": "/opendap/grids/\(grid).dds",
                              "/opendap/series/{file}": "/opendap/series/\(try #require(try service.store.seriesList(stationID: "honolulu").first?.id)).dds"]
                let uri = erddap[path] ?? generic
                try await client.execute(uri: uri, method: .get) { r in #expect(r.status == .ok, "\(uri): \(r.status) \(String(buffer: r.body).prefix(200))") }
            }
            // Every POST is documented with its bearer security and refuses a request without a token.
            for (path, method) in documented where method == "post" {
                let uri = path.replacingOccurrences(of: "{id}", with: "\(alert)")
                try await client.execute(uri: uri, method: .post) { r in
                    Self.expectProblem(r, .unauthorized, "token")
                    #expect(r.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                }
            }
            try await client.execute(uri: "/no/such/route", method: .get) { r in Self.expectProblem(r, .notFound, "Not Found") }
        }
        _ = dir
    }

    @Test("stations as GeoJSON with project, kind and bbox filters (also across 180°); one station with its series")
    func stations() async throws {
        let (service, dir) = try Self.service()
        try await Application(router: service.router()).test(.router) { client in
            func ids(_ query: String) async throws -> Set<String> {
                try await client.execute(uri: "/stations" + query, method: .get) { r in
                    #expect(r.status == .ok && r.headers[.contentType] == "application/geo+json")
                    let fc = try #require(try Self.json(r) as? [String: Any])
                    return Set(((fc["features"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
                }
            }
            let all = try await ids("")
            #expect(all.contains("suva") && all.contains("dart-21418") && all.count > 30)
            #expect(try await ids("?project=blue-21-sids-sealevel").contains("suva"))
            #expect(try await ids("?kind=dart_buoy").allSatisfy { $0.hasPrefix("dart-") })
            let fiji = try await ids("?bbox=170,-25,-170,-10")
            #expect(fiji.contains("suva") && fiji.contains("nukualofa") && !fiji.contains("honolulu"))
            try await client.execute(uri: "/stations?bbox=1,2,3", method: .get) { Self.expectProblem($0, .badRequest, "bbox") }
            try await client.execute(uri: "/stations?kind=submarine", method: .get) { Self.expectProblem($0, .badRequest, "kind") }
            try await client.execute(uri: "/stations?project=nope", method: .get) { Self.expectProblem($0, .notFound, "no project") }
            try await client.execute(uri: "/stations/honolulu", method: .get) { r in
                let body = try #require(try Self.json(r) as? [String: Any])
                #expect(((body["series"] as? [Any])?.count ?? 0) >= 1)
            }
            try await client.execute(uri: "/stations/atlantis", method: .get) { Self.expectProblem($0, .notFound, "no station 'atlantis'") }
        }
        _ = dir
    }

    @Test("series: JSON and CSV, QC filter, spans, ETag and 304, size limit 413, and refusals")
    func series() async throws {
        let (service, dir) = try Self.service()
        try await Application(router: service.router()).test(.router) { client in
            let day = "/stations/honolulu/series?from=2010-02-27&to=2010-02-27"
            let json = try await client.execute(uri: day + "&qc=all", method: .get) { r in
                #expect(r.status == .ok)
                return try #require(try Self.json(r) as? [String: Any])
            }
            #expect((json["times"] as? [String])?.count == 24 && (json["times"] as? [String])?.first == "2010-02-27T00:00:00Z")
            let csv = try await client.execute(uri: day + "&format=csv&qc=all", method: .get) { r in
                #expect(r.headers[.contentType]?.hasPrefix("text/csv") == true)
                return String(buffer: r.body)
            }
            #expect(csv.hasPrefix("time,sea_level_m,qc_flag\n") && csv.split(separator: "\n").count == 25)
            // The Chile tsunami hour is flagged suspect by QC: qc=good leaves it out, qc=all keeps it.
            let good = try await client.execute(uri: day + "&format=csv", method: .get) { String(buffer: $0.body) }
            #expect(good.split(separator: "\n").count < 25 && csv.contains(",3\n"))
            let etag = try await client.execute(uri: day, method: .get) { $0.headers[.eTag] }
            #expect(etag != nil)
            try await client.execute(uri: day, method: .get, headers: [.ifNoneMatch: etag!]) { #expect($0.status == .notModified) }
            for (query, fragment) in [("?format=xml", "format"), ("?qc=some", "qc"), ("?from=yesterday", "'from'"), ("?from=2011&to=2010", "before"), ("?series=99999", "no series")] {
                try await client.execute(uri: "/stations/honolulu/series" + query, method: .get) { r in
                    #expect(r.status == .badRequest || r.status == .notFound, "\(query): \(r.status)")
                    #expect(String(buffer: r.body).contains(fragment), "\(query): \(String(buffer: r.body))")
                }
            }
        }
        let (small, dir2) = try Self.service(maximumValues: 100)
        try await Application(router: small.router()).test(.router) { client in
            try await client.execute(uri: "/stations/honolulu/series", method: .get) { Self.expectProblem($0, .contentTooLarge, "shorter span") }
        }
        _ = (dir, dir2)
    }

    @Test("trend, projects, report, alerts")
    func analyses() async throws {
        let (service, dir) = try Self.service()
        try await Application(router: service.router()).test(.router) { client in
            try await client.execute(uri: "/stations/suva/trend", method: .get) { r in
                let reports = try #require(try Self.json(r) as? [[String: Any]])
                #expect(reports.contains { $0["series"] as? String == "psmsl:1327" && $0["trend"] != nil })
            }
            // One method at a time, the same numbers as the full report.
            let full = try await client.execute(uri: "/stations/suva/trend", method: .get) { try #require((try Self.json($0) as? [[String: Any]])?.first { $0["series"] as? String == "psmsl:1327" }) }
            let trend = try #require(full["trend"] as? [String: Any])
            let ols = try #require(trend["ols"] as? [String: Any]), robust = try #require(trend["robust"] as? [String: Any])
            for (method, key, expected) in [("ols", "estimate", ols["estimate"]), ("sen", "upper", (robust["senSlope"] as? [String: Any])?["upper"]),
                                            ("mann-kendall", "p", (robust["hamedRao"] as? [String: Any])?["p"])] {
                let one = try await client.execute(uri: "/stations/suva/trend?method=\(method)", method: .get) {
                    try #require((try Self.json($0) as? [[String: Any]])?.first { $0["series"] as? String == "psmsl:1327" })
                }
                #expect(one["method"] as? String == method && (one[key] as? Double) != nil && one[key] as? Double == expected as? Double, "\(method): \(one)")
                #expect(one["reasons"] as? [String] == trend["reasons"] as? [String] && one["warnings"] as? [String] == trend["warnings"] as? [String],
                        "\(method): a single method keeps the report's reasons and warnings")
                #expect(one["reasons"] != nil && one["warnings"] != nil, "\(method): \(one)")
            }
            try await client.execute(uri: "/stations/suva/trend?method=lowess", method: .get) { Self.expectProblem($0, .badRequest, "method") }
            try await client.execute(uri: "/stations/lautoka/trend", method: .get) { Self.expectProblem($0, .notFound, "no stored sea-level series") }
            try await client.execute(uri: "/projects", method: .get) { r in
                let projects = try Self.json(r) as? [[String: Any]] ?? []
                #expect(projects.contains { $0["id"] as? String == "blue-06-scs-tsunami" })
            }
            try await client.execute(uri: "/projects/blue-06-scs-tsunami", method: .get) { r in
                let project = try Self.json(r) as? [String: Any]
                #expect(project?["title_zh"] != nil)
            }
            let etag = try await client.execute(uri: "/projects/blue-21-sids-sealevel/report", method: .get) { r in
                #expect(r.headers[.contentType]?.hasPrefix("text/html") == true && r.headers[.lastModified] != nil)
                let html = String(buffer: r.body)
                #expect(html.contains("Suva") && html.contains("1327.rlrdata") && html.contains("<svg class=\"chart\""))
                return try #require(r.headers[.eTag])
            }
            // Unchanged store, same query: 304 without building the report; another period is another tag.
            try await client.execute(uri: "/projects/blue-21-sids-sealevel/report", method: .get, headers: [.ifNoneMatch: etag]) { #expect($0.status == .notModified) }
            try await client.execute(uri: "/projects/blue-21-sids-sealevel/report?from=2000", method: .get, headers: [.ifNoneMatch: etag]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/alerts?since=2011", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/alerts?severity=Apocalyptic", method: .get) { Self.expectProblem($0, .badRequest, "severity") }
        }
        _ = dir
    }

    @Test("hostile input: path traversal and SQL injection in every parameter give 4xx problem details, never 5xx; the store is intact")
    func hostileInput() async throws {
        let (service, dir) = try Self.service()
        let injections = ["x'%20OR%201=1--", "1;DROP%20TABLE%20series", "%27%22%3B--", "..%2F..%2Fetc%2Fpasswd"]
        let grid = try #require(try service.store.grids().first { $0.nt >= 3 }?.id)
        try await Application(router: service.router()).test(.router) { client in
            var uris: [String] = ["/stations/../../etc/passwd", "/projects/..%2F..%2FDocs%2Fopenapi.yaml/report"]
            for x in injections {
                uris += ["/stations/\(x)", "/stations/\(x)/series", "/stations/honolulu/series?series=\(x)", "/stations/honolulu/series?from=\(x)",
                         "/stations/honolulu/series?format=\(x)", "/stations/honolulu/series?qc=\(x)", "/stations/honolulu/series?resample=\(x)",
                         "/stations?project=\(x)", "/stations?kind=\(x)", "/stations?bbox=\(x)", "/stations/\(x)/trend", "/stations/\(x)/tides",
                         "/stations/honolulu/tides?series=\(x)", "/projects/\(x)", "/projects/\(x)/report", "/alerts?since=\(x)", "/alerts?severity=\(x)",
                         "/alerts?project=\(x)", "/alerts/feed.atom?project=\(x)", "/alerts/\(x)/cap", "/grids/\(x)/data", "/grids/\(x)/trend",
                         "/grids/\(grid)/data?var=\(x)", "/grids/\(grid)/data?bbox=\(x)", "/grids/\(grid)/data?time=\(x)", "/grids/\(grid)/data?stride=\(x)",
                         "/grids/\(grid)/trend?bbox=\(x)", "/grids/\(grid)/trend?format=\(x)", "/stations/suva/trend?method=\(x)"]
            }
            for x in injections {
                try await client.execute(uri: "/ingest?filename=\(x)", method: .post, headers: [.authorization: "Bearer \(x)"], body: ByteBuffer(string: "x")) { r in
                    #expect((400..<500).contains(Int(r.status.code)), "ingest \(x): \(r.status)")
                }
                try await client.execute(uri: "/alerts/\(x)/ack", method: .post, headers: [.authorization: "Bearer \(x)"]) { r in
                    #expect((400..<500).contains(Int(r.status.code)), "ack \(x): \(r.status)")
                }
            }
            for uri in uris {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect((400..<500).contains(Int(r.status.code)), "\(uri): \(r.status)")
                    #expect(!String(buffer: r.body).contains("root:"), "\(uri) leaked a file")
                }
            }
            try await client.execute(uri: "/health", method: .get) { r in
                #expect(String(buffer: r.body).contains("\"datasets\":\"\(Self.files.count)\""), "the store still holds its datasets")
            }
        }
        _ = dir
    }

    @Test("out-of-range years, numbers and impossible dates in every parameter never crash the server (issue 16)")
    func outOfRangeValues() async throws {
        let (service, dir) = try Self.service()
        let values = ["99999999999999999-01-01", "-99999999999999999-01-01", "9999999999-12-31T23:59:59Z", "2011-02-31", "2011-13-01",
                      "99999999999999999999999", "-9223372036854775808", "1e308", "-1e308", "NaN", "inf", "2011-03-11T25:61:99Z"]
        let grid = try #require(try service.store.grids().first { $0.nt >= 3 }?.id)
        try await Application(router: service.router()).test(.router) { client in
            for x in values {
                let uris = ["/alerts?since=\(x)", "/alerts/feed.atom?since=\(x)", "/stations/honolulu/series?from=\(x)", "/stations/honolulu/series?to=\(x)",
                            "/stations/honolulu/series?from=2010-01-01&to=\(x)", "/stations/honolulu/series?series=\(x)", "/stations/\(x)/series",
                            "/stations/honolulu/tides?from=\(x)", "/stations/honolulu/tides?to=\(x)", "/stations/honolulu/trend?from=\(x)",
                            "/stations/honolulu/trend?to=\(x)", "/projects/blue-21-sids-sealevel/report?from=\(x)", "/projects/blue-21-sids-sealevel/report?to=\(x)",
                            "/grids/\(grid)/data?time=\(x)", "/grids/\(grid)/data?time=\(x)/\(x)", "/grids/\(grid)/data?stride=\(x)",
                            "/grids/\(grid)/data?bbox=\(x),\(x),\(x),\(x)", "/grids/\(grid)/trend?bbox=0,0,\(x),1", "/stations?bbox=\(x),0,1,1",
                            "/alerts/\(x)/cap", "/grids/\(x)/data"]
                for uri in uris {
                    try await client.execute(uri: uri, method: .get) { r in
                        #expect(r.status.code < 500, "\(uri): \(r.status) \(String(buffer: r.body).prefix(200))")
                    }
                }
            }
            try await client.execute(uri: "/health", method: .get) { r in #expect(r.status == .ok) }
        }
        _ = dir
    }

    @Test("an ESRI ASCII grid is served like a NetCDF one: axes ascending, the file's values, nodata as null (issue 16: it answered 500)")
    func asciiGrid() async throws {
        let (service, dir) = try Self.service()
        let grid = try #require(try service.store.grids().first { $0.nx == 7 && $0.ny == 4 }?.id)
        try await Application(router: service.router()).test(.router) { client in
            let body = try await client.execute(uri: "/grids/\(grid)/data", method: .get) { r in
                #expect(r.status == .ok, "\(String(buffer: r.body).prefix(200))")
                return try #require(try Self.json(r) as? [String: Any])
            }
            let lats = try #require(body["latitude"] as? [Double]), values = try #require(body["values"] as? [Any])
            #expect(lats.count == 4 && lats == lats.sorted() && (body["longitude"] as? [Double])?.count == 7 && values.count == 28)
            // The file's first data row is the northern edge: -89 -238 -244 -157 -7 592 507.
            #expect((values[21] as? Double) == -89 && (values[27] as? Double) == 507)
            try await client.execute(uri: "/grids/\(grid)/data?format=csv&stride=2", method: .get) { r in
                #expect(r.status == .ok && String(buffer: r.body).split(separator: "\n").count == 1 + 2 * 4)
            }
            try await client.execute(uri: "/grids/\(grid)/trend", method: .get) { r in #expect(r.status == .badRequest) }
        }
        _ = dir
    }

    @Test("Docs/openapi.yaml passes openapi-spec-validator (issue 19 found two unquoted descriptions)")
    func openAPIValid() throws {
        let python = TestPaths.packageRoot + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else { Issue.record("no .venv: run scripts/bootstrap.sh --test"); return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "openapi_spec_validator", TestPaths.packageRoot + "/Docs/openapi.yaml"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && text.contains("OK"), "\(text.prefix(600))")
    }
}
