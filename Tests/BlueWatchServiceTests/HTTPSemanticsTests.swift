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
