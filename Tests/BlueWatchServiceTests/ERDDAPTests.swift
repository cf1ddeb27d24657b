import BlueWatchCore
import BlueWatchService
import BlueWatchTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The ERDDAP-compatible tabledap in-process: constraints in ERDDAP's forms, orderBy, the
/// response types, and ERDDAP's error texts. (erddapy against a live server: `OGCClientTests`.)
struct ERDDAPTests {
    static func get(_ client: some TestClientProtocol, _ uri: String) async throws -> (status: HTTPResponse.Status, body: String) {
        try await client.execute(uri: uri, method: .get) { ($0.status, String(buffer: $0.body)) }
    }

    @Test("constraints (ISO or epoch times, quoted strings, regex, value limits), orderBy, and .csv/.csvp/.json/.geoJson agree with the store")
    func tabledap() async throws {
        let (service, _) = try ServiceTests.service()
        try await Application(router: service.router()).test(.router) { client in
            let record = try #require(try service.store.seriesList(stationID: "honolulu").first)
            let stored = try service.store.readSeries(id: record.id!, from: UTCTime.parse("2010-01-01T00:00:00Z"), to: UTCTime.parse("2010-01-01T05:00:00Z"))
            let iso = "/erddap/tabledap/bluewatch_sea_level.csv?station,time,sea_level&time>=2010-01-01T00:00:00Z&time<=2010-01-01T05:00:00Z&station=%22honolulu%22"
            let epoch = "/erddap/tabledap/bluewatch_sea_level.csv?station,time,sea_level%26time%3E%3D1262304000%26time%3C%3D1262322000%26station%3D%22honolulu%22"
            let a = try await Self.get(client, iso), b = try await Self.get(client, epoch)
            #expect(a.status == .ok && a.body == b.body, "erddapy encodes the whole query, '&' included")
            let lines = a.body.split(separator: "\n")
            #expect(lines[0] == "station,time,sea_level" && lines[1] == ",UTC,m" && lines.count == 2 + stored.count)
            #expect(lines.dropFirst(2).map { Double($0.split(separator: ",")[2])! } == stored.values)
            let csvp = try await Self.get(client, iso.replacingOccurrences(of: ".csv?", with: ".csvp?"))
            #expect(csvp.body.hasPrefix("station,time (UTC),sea_level (m)\n"))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(try await Self.get(client, iso.replacingOccurrences(of: ".csv?", with: ".json?")).body.utf8)) as? [String: Any])
            let table = try #require(json["table"] as? [String: Any])
            #expect(table["columnNames"] as? [String] == ["station", "time", "sea_level"] && (table["rows"] as? [[Any]])?.count == stored.count)
            let high = try await Self.get(client, "/erddap/tabledap/bluewatch_sea_level.csv0?time,sea_level&station=~%22hon.*%22&time>=2010-01-01&time<2010-01-02&sea_level>1.8&orderBy(%22sea_level%22)")
            let values = high.body.split(separator: "\n").map { Double($0.split(separator: ",")[1])! }
            #expect(!values.isEmpty && values.allSatisfy { $0 > 1.8 } && values == values.sorted(), "\(high.body)")
            let geo = try await Self.get(client, "/erddap/tabledap/bluewatch_sea_level.geoJson?longitude,latitude,sea_level&time=2010-01-01T00:00:00Z")
            #expect(geo.status == .ok && geo.body.contains("\"FeatureCollection\"") && geo.body.contains("-157.86"))
        }
    }

    @Test("ERDDAP's errors: an unknown dataset or variable, an unsupported function or file type, no matching rows")
    func errors() async throws {
        let (service, _) = try ServiceTests.service()
        try await Application(router: service.router()).test(.router) { client in
            for (uri, status, fragment) in [("/erddap/tabledap/nothing.csv", HTTPResponse.Status.notFound, "datasetID=nothing is not available"),
                                            ("/erddap/tabledap/bluewatch_sea_level.csv?salinity", .badRequest, "Unrecognized variable=\\\"salinity\\\""),
                                            ("/erddap/tabledap/bluewatch_sea_level.csv?time&orderByMax(%22time%22)", .badRequest, "orderByMax() is not supported"),
                                            ("/erddap/tabledap/bluewatch_sea_level.mat?time", .badRequest, ".mat is not offered"),
                                            ("/erddap/tabledap/bluewatch_sea_level.csv?time&time>=1900-01-01&time<1900-02-01", .notFound, "nRows = 0"),
                                            ("/erddap/info/bluewatch_nothing/index.csv", .notFound, "not available")] {
                let r = try await Self.get(client, uri)
                #expect(r.status == status && r.body.hasPrefix("Error {\n    code=\(status.code);\n    message=") && r.body.contains(fragment), "\(uri): \(r.body)")
            }
        }
    }
}
