import BlueWatchService
import BlueWatchTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// HTTP as clients expect it: HEAD on every GET, byte ranges on file downloads (the same
/// bytes on every request, so ranges of one file fit together).
struct HTTPSemanticsTests {
    @Test("HEAD answers a GET's status and headers without its body")
    func head() async throws {
        let (service, _) = try ServiceTests.service()
        try await Application(router: service.router()).test(.router) { client in
            for uri in ["/health", "/collections", "/stations/honolulu/series?format=netcdf", "/stations/nowhere"] {
                let get = try await client.execute(uri: uri, method: .get) { ($0.status, $0.headers[.contentType], $0.body.readableBytes) }
                try await client.execute(uri: uri, method: .head) { r in
                    #expect(r.status == get.0 && r.headers[.contentType] == get.1 && r.body.readableBytes == 0, "\(uri)")
                    #expect(r.headers[.contentLength] == String(get.2), "\(uri): \(r.headers[.contentLength] ?? "none") vs \(get.2)")
                }
            }
        }
    }

    @Test("a NetCDF download answers byte ranges: pieces equal the whole file, a range beyond it is 416")
    func ranges() async throws {
        let (service, _) = try ServiceTests.service()
        try await Application(router: service.router()).test(.router) { client in
            let uri = "/stations/honolulu/series?format=netcdf"
            let whole = try await client.execute(uri: uri, method: .get) { r in
                #expect(r.status == .ok && r.headers[.acceptRanges] == "bytes")
                return Data(buffer: r.body)
            }
            #expect(whole.count > 1000 && whole.prefix(4) == Data([0x89, 0x48, 0x44, 0x46]), "an HDF5 (NetCDF-4) file")
            var pieces = Data()
            for range in ["bytes=0-99", "bytes=100-\(whole.count - 51)", "bytes=-50"] {
                try await client.execute(uri: uri, method: .get, headers: [.range: range]) { r in
                    #expect(r.status == .partialContent && r.headers[.contentRange]?.hasPrefix("bytes ") == true, "\(range)")
                    pieces.append(Data(buffer: r.body))
                }
            }
            #expect(pieces == whole, "three ranges of the file, requested separately, rebuild it")
            try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=\(whole.count)-"]) { r in
                #expect(r.status == .rangeNotSatisfiable && r.headers[.contentRange] == "bytes */\(whole.count)")
            }
            try await client.execute(uri: uri, method: .get, headers: [.range: "bytes=0-1,5-9"]) { r in
                #expect(r.status == .ok && r.body.readableBytes == whole.count, "several ranges: the whole file")
            }
        }
    }
}

extension HTTPSemanticsTests {
    @Test("every route refuses a parameter it does not take, naming the ones it does; the report's lang is checked and honoured")
    func unknownParameters() async throws {
        let (service, _) = try ServiceTests.service()
        try await Application(router: service.router()).test(.router) { client in
            for (uri, allowed) in [("/stations?format=csv", "bbox, kind, project"), ("/alerts?format=xml", "project, severity, since"),
                                   ("/stations/honolulu/tides?format=x", "from, series, to"), ("/health?verbose=1", "takes no"),
                                   ("/stations/honolulu/series?qc=good&colour=red", "format, from, qc, resample, series, to")] {
                try await client.execute(uri: uri, method: .get) { r in ServiceTests.expectProblem(r, .badRequest, allowed) }
            }
            try await client.execute(uri: "/projects/blue-21-sids-sealevel/report?lang=fr", method: .get) { ServiceTests.expectProblem($0, .badRequest, "lang must be en, zh or both") }
            let english = try await client.execute(uri: "/projects/blue-21-sids-sealevel/report?lang=en", method: .get) { ($0.status, String(buffer: $0.body)) }
            let chinese = try await client.execute(uri: "/projects/blue-21-sids-sealevel/report?lang=zh", method: .get) { ($0.status, String(buffer: $0.body)) }
            #expect(english.0 == .ok && chinese.0 == .ok && english.1 != chinese.1)
            #expect(chinese.1.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count > english.1.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count)
        }
    }
}
