import BlueWatchIngest
import BlueWatchService
import BlueWatchStore
import BlueWatchTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Token-protected routes: POST /ingest and POST /alerts/{id}/ack. Tokens are stored hashed;
/// missing, wrong, revoked and under-scoped tokens, oversized and malformed uploads are refused
/// and leave nothing behind.
struct ServiceWriteTests {
    typealias T = ServiceTests

    static func token(_ store: any TokenStore, _ name: String, _ scopes: [String]) throws -> String {
        let (token, hash) = APIToken.generate()
        _ = try store.addToken(name: name, sha256: hash, scopes: scopes, at: Date().timeIntervalSince1970)
        return token
    }

    @Test("tokens are random, stored only as their SHA-256, and names are unique")
    func tokens() throws {
        let (service, dir) = try T.service()
        let a = try Self.token(service.store, "a", ["ingest"]), b = APIToken.generate().token
        #expect(a != b && a.hasPrefix("bw_") && a.count >= 40)
        let stored = try service.store.tokens()
        #expect(stored.count == 1 && stored[0].sha256 == APIToken.hash(a) && !stored[0].sha256.contains(a.dropFirst(3)))
        #expect(throws: StoreError.self) { _ = try Self.token(service.store, "a", ["ack"]) }
        #expect(try service.store.revokeToken(name: "a", at: 0))
        #expect(try !service.store.revokeToken(name: "a", at: 0))
        _ = dir
    }

    @Test("POST /ingest: stored (201), then present (200); refused without, with a wrong, revoked or under-scoped token; bad names, empty, oversized and unreadable files leave nothing")
    func ingest() async throws {
        let (configured, dir) = try T.service()
        var adjusted = configured
        adjusted.ingestion?.maximumBytes = 200_000
        let service = adjusted
        let uploader = try Self.token(service.store, "tonga-met", ["ingest"])
        let acker = try Self.token(service.store, "duty-officer", ["ack"])
        let revoked = try Self.token(service.store, "old", ["ingest"])
        _ = try service.store.revokeToken(name: "old", at: Date().timeIntervalSince1970)
        let file = try Data(contentsOf: URL(fileURLWithPath: TestPaths.data("sealevel/psmsl/rlr_monthly/155.rlrdata")))
        let uploads = dir.file("uploads")
        @Sendable func auth(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/octet-stream"] }
        try await Application(router: service.router()).test(.router) { client in
            let before = try service.store.summary().datasets
            try await client.execute(uri: "/ingest?filename=155.rlrdata", method: .post, body: ByteBuffer(bytes: file)) { T.expectProblem($0, .unauthorized, "needs a token") }
            try await client.execute(uri: "/ingest?filename=155.rlrdata", method: .post, headers: auth("bw_guess"), body: ByteBuffer(bytes: file)) { T.expectProblem($0, .unauthorized, "not known") }
            try await client.execute(uri: "/ingest?filename=155.rlrdata", method: .post, headers: auth(revoked), body: ByteBuffer(bytes: file)) { T.expectProblem($0, .unauthorized, "revoked") }
            try await client.execute(uri: "/ingest?filename=155.rlrdata", method: .post, headers: auth(acker), body: ByteBuffer(bytes: file)) { T.expectProblem($0, .forbidden, "may not ingest") }
            #expect(try service.store.summary().datasets == before)

            let stored = try await client.execute(uri: "/ingest?filename=psmsl/rlr_monthly/155.rlrdata", method: .post, headers: auth(uploader), body: ByteBuffer(bytes: file)) { r in
                #expect(r.status == .created, "\(String(buffer: r.body))")
                return try #require(try T.json(r) as? [String: Any])
            }
            #expect(stored["status"] as? String == "stored" && stored["by"] as? String == "tonga-met" && (stored["detail"] as? String)?.contains("psmsl") == true)
            #expect(try service.store.summary().datasets == before + 1)
            let kept = try #require(try service.store.datasets().last?.path)
            // Stored absolute and standardised (issue 22).
            #expect(kept.hasPrefix(URL(fileURLWithPath: uploads).standardizedFileURL.path) && FileManager.default.contents(atPath: kept) == file)
            try await client.execute(uri: "/ingest?filename=again.rlrdata", method: .post, headers: auth(uploader), body: ByteBuffer(bytes: file)) { r in
                #expect(r.status == .ok && String(buffer: r.body).contains("\"status\":\"present\""))
            }

            // Refusals: nothing stored, nothing left in the upload folder but the one stored file.
            let truncated = try Data(contentsOf: URL(fileURLWithPath: TestPaths.data("sealevel/netcdf/honolulu_057_hourly_2010_uhslc-layout.nc"))).prefix(2_000)
            let cases: [(String, Data, HTTPResponse.Status, String)] = [
                ("?filename=../../etc/passwd", file, .badRequest, "filename"), ("?filename=.hidden.csv", file, .badRequest, "filename"),
                ("", file, .badRequest, "filename"), ("?filename=empty.rlrdata", Data(), .badRequest, "empty"),
                ("?filename=big.rlrdata", Data(count: 300_000), .contentTooLarge, "limit"),
                ("?filename=cut.nc", Data(truncated), .unprocessableContent, "cut.nc"),
                ("?filename=notes.txt", Data("hello".utf8), .unprocessableContent, "not ingested"),
            ]
            for (query, body, status, fragment) in cases {
                try await client.execute(uri: "/ingest" + query, method: .post, headers: auth(uploader), body: ByteBuffer(bytes: body)) { T.expectProblem($0, status, fragment) }
            }
            #expect(try service.store.summary().datasets == before + 1)
            let left = try FileManager.default.subpathsOfDirectory(atPath: uploads).filter { !$0.hasSuffix("/") }
            #expect(left.filter { $0.contains(".") }.count == 1, "\(left)")
        }
        _ = dir
    }

    @Test("a server started without ingest support answers 503 to a valid upload")
    func ingestDisabled() async throws {
        var (service, dir) = try T.service()
        service.ingestion = nil
        let token = try Self.token(service.store, "uploader", ["ingest"])
        try await Application(router: service.router()).test(.router) { client in
            try await client.execute(uri: "/ingest?filename=a.rlrdata", method: .post, headers: [.authorization: "Bearer \(token)"], body: ByteBuffer(string: "x")) {
                T.expectProblem($0, .serviceUnavailable, "takes no uploads: start it with --uploads")
            }
        }
        _ = dir
    }

    @Test("POST /alerts/{id}/ack records the token's name; other scopes and unknown alerts are refused")
    func acknowledge() async throws {
        let (service, dir) = try T.service()
        let alert = try #require(try service.store.alerts().first?.id)
        let acker = try Self.token(service.store, "duty-officer", ["ack"]), uploader = try Self.token(service.store, "uploader", ["ingest"])
        try await Application(router: service.router()).test(.router) { client in
            try await client.execute(uri: "/alerts/\(alert)/ack", method: .post, headers: [.authorization: "Bearer \(uploader)"]) { T.expectProblem($0, .forbidden, "may not ack") }
            try await client.execute(uri: "/alerts/424242/ack", method: .post, headers: [.authorization: "Bearer \(acker)"]) { T.expectProblem($0, .notFound, "no alert") }
            try await client.execute(uri: "/alerts/\(alert)/ack", method: .post, headers: [.authorization: "Bearer \(acker)"]) { r in
                #expect(r.status == .ok)
                let body = try T.json(r) as? [String: Any]
                #expect(body?["acknowledgedBy"] as? String == "duty-officer")
            }
        }
        #expect(try service.store.alert(id: alert)?.acknowledgedBy == "duty-officer")
        #expect(try service.store.tokens().first { $0.name == "duty-officer" }?.lastUsedAt != nil)
        _ = dir
    }

    @Test("POST /ingest of a file that crashes libnetcdf answers 422 and the server goes on (read in a checking process)")
    func crashingUpload() async throws {
        let (configured, dir) = try T.service()
        // The `bluewatch` executable does this by itself; a test process must name the checker.
        var service = configured
        service.ingestion?.isolation = ReadIsolation(executable: CommandRunner.binary, timeout: 4)
        let uploader = try Self.token(service.store, "uploader", ["ingest"])
        let before = try service.store.summary().datasets
        try await Application(router: service.router()).test(.router) { client in
            for mutant in try Mutant.all() {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: try mutant.write(into: dir.path)))
                try await client.execute(uri: "/ingest?filename=\(mutant.name)", method: .post,
                                         headers: [.authorization: "Bearer \(uploader)", .contentType: "application/octet-stream"], body: ByteBuffer(bytes: bytes)) { r in
                    #expect(r.status == .unprocessableContent, "\(mutant.name): \(r.status)")
                    for fragment in mutant.expect { #expect(String(buffer: r.body).contains(fragment), "\(String(buffer: r.body))") }
                }
            }
            try await client.execute(uri: "/health", method: .get) { r in #expect(r.status == .ok) }
        }
        #expect(try service.store.summary().datasets == before)
    }
}
