import BlueWatchTesting
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `bluewatch serve` as a process on loopback, under the abuse issue 16 describes: idle and
/// slow-header connections, methods it does not serve, every malformed and crashing file
/// uploaded, absurd parameters. The server must answer throughout and stay up.
@Suite(.serialized)
struct ServeAbuseTests {
    let dir = TemporaryDirectory("bluewatch-serve-abuse")

    /// A raw TCP connection to 127.0.0.1:`port`, or -1.
    static func connect(_ port: Int) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return -1 }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        if ok != 0 { close(fd); return -1 }
        return fd
    }

    /// Sends `request` and reads the whole answer (the request asks the server to close).
    static func exchange(_ port: Int, _ request: Data) -> (status: Int, text: String) {
        let fd = connect(port)
        guard fd >= 0 else { return (-1, "") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var answer = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: answer, as: UTF8.self)
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? -1
        return (status, text)
    }

    static func request(_ method: String, _ path: String, headers: [String] = [], body: Data = Data()) -> Data {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for h in headers { head += h + "\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        return Data((head + "\r\n").utf8) + body
    }

    /// True once the server has closed `fd` (reads end of file or an error) within `seconds`.
    static func closedByServer(_ fd: Int32, within seconds: Double) -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, Int32(seconds * 1000)) > 0 else { return false }
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) <= 0
    }

    @Test("idle and slow-header connections are closed, TRACE gets 405, CORS preflight 204, every bad upload 4xx, absurd parameters never 5xx, and the server stays up")
    func abuse() throws {
        let cli = CommandRunner(database: dir.file("store.sqlite"))
        #expect(try cli.run(["ingest", "--quiet", TestPaths.data("sealevel/hourly/HNL2010.asc")]).status == 0)
        let made = try cli.run(["tokens", "create", "--name", "abuse", "--scope", "ingest"])
        let token = try #require(made.stdout.split(whereSeparator: { $0.isWhitespace }).first { $0.hasPrefix("bw_") }.map(String.init), "\(made.stdout)")
        let port = 20_000 + Int.random(in: 0..<20_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        server.arguments = ["serve", "--port", String(port), "--idle-timeout", "2", "--uploads", dir.file("uploads"), "--max-upload-mb", "4", "--db", cli.database]
        server.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["BLUEWATCH_HOME"] = TestPaths.packageRoot
        environment["BLUEWATCH_READ_TIMEOUT"] = "4"
        server.environment = environment
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        var up = false
        for _ in 0..<100 where !up {
            up = Self.exchange(port, Self.request("GET", "/health")).status == 200
            if !up { usleep(200_000) }
        }
        try #require(up, "the server did not come up on port \(port)")

        // 200 idle connections and 20 that stall inside their headers.
        var idle = (0..<200).map { _ in Self.connect(port) }.filter { $0 >= 0 }
        for _ in 0..<20 {
            let fd = Self.connect(port)
            guard fd >= 0 else { continue }
            let partial = "GET /stations HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
            _ = partial.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
            idle.append(fd)
        }
        #expect(idle.count >= 200)
        #expect(Self.exchange(port, Self.request("GET", "/health")).status == 200, "answers while 220 connections hang")
        let closed = idle.filter { Self.closedByServer($0, within: 8) }.count
        for fd in idle { close(fd) }
        #expect(closed == idle.count, "\(idle.count - closed) idle or slow connections still open after the idle timeout")

        let trace = Self.exchange(port, Self.request("TRACE", "/stations"))
        #expect(trace.status == 405 && trace.text.lowercased().contains("allow: get, head, post, options"), "\(trace.text.prefix(300))")
        let preflight = Self.exchange(port, Self.request("OPTIONS", "/stations", headers: ["Origin: https://example.org", "Access-Control-Request-Method: GET"]))
        #expect(preflight.status == 204 && preflight.text.lowercased().contains("access-control-allow-methods"), "\(preflight.text.prefix(300))")

        // Every malformed and crashing file, uploaded.
        let malformed = try FileManager.default.contentsOfDirectory(atPath: TestPaths.packageRoot + "/Tests/Malformed").filter { !$0.hasSuffix(".json") }
        var uploads = try malformed.map { ($0, try Data(contentsOf: URL(fileURLWithPath: TestPaths.malformed($0)))) }
        let mutants = dir.file("mutants")
        try FileManager.default.createDirectory(atPath: mutants, withIntermediateDirectories: true)
        for m in try Mutant.all() { uploads.append((m.name, try Data(contentsOf: URL(fileURLWithPath: try m.write(into: mutants))))) }
        uploads.append(("big.rlrdata", Data(count: 5 << 20)))
        for (name, bytes) in uploads {
            let r = Self.exchange(port, Self.request("POST", "/ingest?filename=\(name)", headers: ["Authorization: Bearer \(token)", "Content-Type: application/octet-stream"], body: bytes))
            #expect((400..<500).contains(r.status), "upload \(name): \(r.status) \(r.text.suffix(200))")
        }
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("uploads"))) ?? []
        #expect(leftovers.isEmpty, "refused uploads left files behind: \(leftovers)")

        for path in ["/alerts?since=99999999999999999-01-01", "/stations/honolulu/series?from=2011-02-31", "/stations/honolulu/series?to=-99999999999999999-01-01",
                     "/grids/1/data?stride=99999999999999999999", "/stations?bbox=1e308,-1e308,nan,inf"] {
            let r = Self.exchange(port, Self.request("GET", path))
            #expect((200..<500).contains(r.status), "\(path): \(r.status)")
        }
        #expect(Self.exchange(port, Self.request("GET", "/health")).status == 200)
        #expect(server.isRunning)
    }
}
