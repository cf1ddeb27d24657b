import BlueWatchCore
import BlueWatchService
import BlueWatchTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// OGC API – Features and EDR in-process: paging that walks every station once, bbox across
/// the antimeridian, datetime, the refusals the standards ask for, and EDR answers whose values
/// are the stored series'. (Real clients against a live server: `OGCClientTests`.)
struct OGCAPITests {
    static func get(_ client: some TestClientProtocol, _ uri: String) async throws -> (status: HTTPResponse.Status, type: String?, body: String) {
        try await client.execute(uri: uri, method: .get) { ($0.status, $0.headers[.contentType], String(buffer: $0.body)) }
    }

    static func object(_ text: String) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) }

    @Test("landing page, conformance and collections link to each other; the stations page through next links, each once")
    func featuresPaging() async throws {
        let (service, _) = try ServiceTests.service()
        try await Application(router: service.router()).test(.router) { client in
            let landing = try Self.object(try await Self.get(client, "/").body)
            let rels = (landing["links"] as? [[String: Any]] ?? []).compactMap { $0["rel"] as? String }
            #expect(Set(rels).isSuperset(of: ["self", "service-desc", "conformance", "data"]), "\(rels)")
            let conformance = try Self.object(try await Self.get(client, "/conformance").body)["conformsTo"] as? [String] ?? []
            #expect(conformance.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core") && conformance.contains { $0.contains("ogcapi-edr-1") })
            let collections = try Self.object(try await Self.get(client, "/collections").body)["collections"] as? [[String: Any]] ?? []
            #expect(collections.compactMap { $0["id"] as? String } == ["stations", "observations"])
            let observations = try Self.object(try await Self.get(client, "/collections/observations").body)
            let parameters = try #require(observations["parameter_names"] as? [String: Any])
            #expect(Set(parameters.keys) == ["sea_level", "water_column_height"], "\(parameters.keys)")

            var seen: [String] = []
            var uri: String? = "/collections/stations/items?limit=7"
            var matched = 0
            while let next = uri {
                let page = try Self.object(try await Self.get(client, next).body)
                matched = page["numberMatched"] as? Int ?? -1
                let features = page["features"] as? [[String: Any]] ?? []
                #expect(page["numberReturned"] as? Int == features.count && features.count <= 7)
                seen += features.compactMap { $0["id"] as? String }
                uri = (page["links"] as? [[String: Any]])?.first { $0["rel"] as? String == "next" }?["href"] as? String
                uri = uri.map { String($0.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" }) }   // the path of the absolute link
            }
            #expect(matched == service.registry.stations.count && seen.count == matched && Set(seen).count == matched)
        }
    }

    @Test("bbox across the antimeridian, datetime, and unknown or malformed parameters refused with what is allowed")
    func featuresFilters() async throws {
        let (service, _) = try ServiceTests.service()
        try await Application(router: service.router()).test(.router) { client in
            let across = try Self.object(try await Self.get(client, "/collections/stations/items?bbox=170,-25,-170,-10&limit=1000").body)
            let ids = (across["features"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            let expected = service.registry.stations.filter { s in
                let lon = s.longitude > 180 ? s.longitude - 360 : s.longitude
                return s.latitude >= -25 && s.latitude <= -10 && (lon >= 170 || lon <= -170)
            }.map(\.id)
            #expect(!ids.isEmpty && ids == expected && ids.contains("suva"), "\(ids)")
            // Stored: Suva monthly (1972–1997), Honolulu hourly (2010), DART 21418 (2011).
            let in2010 = try Self.object(try await Self.get(client, "/collections/stations/items?datetime=2010-06-01T00:00:00Z/2010-06-30T00:00:00Z").body)
            #expect((in2010["features"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["honolulu"])
            let open = try Self.object(try await Self.get(client, "/collections/stations/items?datetime=../1980").body)
            #expect((open["features"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["suva"])
            for (uri, fragment) in [("/collections/stations/items?color=blue", "unknown parameter 'color'"), ("/collections/stations/items?limit=0", "limit"),
                                    ("/collections/stations/items?datetime=2010/2009", "ends before"), ("/collections/stations/items?bbox=1,2,3", "bbox"),
                                    ("/collections/observations/position?coords=LINESTRING(1%202,3%204)", "coords"),
                                    ("/collections/observations/locations/honolulu?parameter-name=salinity", "unknown parameter-name 'salinity'"),
                                    ("/collections/observations/locations/honolulu?f=xml", "f must be one of CoverageJSON, CSV")] {
                try await client.execute(uri: uri, method: .get) { ServiceTests.expectProblem($0, .badRequest, fragment) }
            }
            try await client.execute(uri: "/collections/stations/items/atlantis", method: .get) { ServiceTests.expectProblem($0, .notFound, "atlantis") }
            let one = try await Self.get(client, "/collections/stations/items/honolulu")
            let feature = try Self.object(one.body)
            #expect(one.type == "application/geo+json" && feature["id"] as? String == "honolulu")
        }
    }

    @Test("EDR location, position, area and cube give the stored values (CoverageJSON and CSV agree); qc=good leaves out failed values")
    func edrValues() async throws {
        let (service, _) = try ServiceTests.service()
        try await Application(router: service.router()).test(.router) { client in
            let record = try #require(try service.store.seriesList(stationID: "honolulu").first)
            let stored = try service.store.readSeries(id: record.id!, from: UTCTime.parse("2010-03-01T00:00:00Z"), to: UTCTime.parse("2010-03-07T23:59:59Z"))
            let good = stored.values.indices.filter { (stored.flags[$0] == .pass || stored.flags[$0] == .notEvaluated) && !stored.values[$0].isNaN }
            let period = "datetime=2010-03-01T00:00:00Z/2010-03-07T23:59:59Z"
            let answer = try await Self.get(client, "/collections/observations/locations/honolulu?parameter-name=sea_level&\(period)")
            #expect(answer.status == .ok && answer.type == "application/prs.coverage+json")
            let coverage = try Self.object(answer.body)
            #expect(coverage["type"] as? String == "Coverage")
            let axes = try #require((coverage["domain"] as? [String: Any])?["axes"] as? [String: Any])
            let times = try #require((axes["t"] as? [String: Any])?["values"] as? [String])
            let values = try #require(((coverage["ranges"] as? [String: Any])?["sea_level"] as? [String: Any])?["values"] as? [Double])
            #expect(times == good.map { UTCTime.iso(stored.times[$0]) } && values == good.map { stored.values[$0] } && values.count > 100)
            let all = try Self.object(try await Self.get(client, "/collections/observations/locations/honolulu?qc=all&\(period)").body)
            let allValues = ((all["ranges"] as? [String: Any])?["sea_level"] as? [String: Any])?["values"] as? [Any]
            #expect(allValues?.count == stored.count)

            let csv = try await Self.get(client, "/collections/observations/position?coords=POINT(-157.867%2021.307)&f=CSV&\(period)")
            let rows = csv.body.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            #expect(csv.type?.hasPrefix("text/csv") == true && rows.count == values.count && rows.map { Double($0[6])! } == values)
            for uri in ["/collections/observations/area?coords=POLYGON((-160%2020,-150%2020,-150%2025,-160%2025,-160%2020))&\(period)",
                        "/collections/observations/cube?bbox=-160,20,-150,25&\(period)"] {
                let collection = try Self.object(try await Self.get(client, uri).body)
                let coverages = collection["coverages"] as? [[String: Any]] ?? []
                #expect(collection["type"] as? String == "CoverageCollection" && coverages.count == 1, "\(uri)")
                #expect(((coverages.first?["ranges"] as? [String: Any])?["sea_level"] as? [String: Any])?["values"] as? [Double] == values, "\(uri)")
            }
            try await client.execute(uri: "/collections/observations/position?coords=POINT(0%200)", method: .get) { ServiceTests.expectProblem($0, .notFound, "within 0.05°") }
        }
    }

    @Test("an EDR answer larger than the service's limit is refused with 413 and how to narrow it")
    func edrLimit() async throws {
        let (service, _) = try ServiceTests.service(maximumValues: 1000)
        try await Application(router: service.router()).test(.router) { client in
            try await client.execute(uri: "/collections/observations/locations/honolulu", method: .get) { ServiceTests.expectProblem($0, .contentTooLarge, "narrow datetime") }
        }
    }
}
