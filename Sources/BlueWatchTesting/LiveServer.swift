import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `bluewatch serve` process on a free loopback port, for tests that point real clients
/// (OWSLib, several servers on one database) at it. Stopped by ``stop()`` or when released.
public final class LiveServer {
    public let port: Int
    public let process: Process
    /// "http://127.0.0.1:PORT".
    public var base: String { "http://127.0.0.1:\(port)" }

    /// Starts the server on `database` and waits (at most 30 s) until `/health` answers 200.
    /// `arguments` are added to `serve`'s; `stderr`, a file that receives its standard error.
    public init(database: String, uploads: String? = nil, arguments: [String] = [], stderr: String? = nil,
                port: Int = 20_000 + Int.random(in: 0..<20_000)) throws {
        self.port = port
        process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["serve", "--port", String(port), "--db", database] + (uploads.map { ["--uploads", $0] } ?? []) + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: TestPaths.packageRoot)
        var environment = ProcessInfo.processInfo.environment
        environment["BLUEWATCH_HOME"] = TestPaths.packageRoot
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        if let stderr {
            FileManager.default.createFile(atPath: stderr, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: stderr)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        for _ in 0..<150 {
            if Self.status(base + "/health") == 200 { return }
            guard process.isRunning else { break }
            usleep(200_000)
        }
        stop()
        throw TestFailure("bluewatch serve on port \(port) did not answer /health (exit \(process.isRunning ? "none" : String(process.terminationStatus)))")
    }

    deinit { stop() }

    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// The HTTP status of a GET, or nil when nothing answers within 2 s.
    public static func status(_ url: String) -> Int? { fetch(url)?.status }

    /// The status and body of a GET, or nil when nothing answers within `timeout` seconds.
    public static func fetch(_ url: String, timeout: Double = 2) -> (status: Int, body: String)? {
        final class Box: @unchecked Sendable { var status: Int?; var body = Data() }
        let box = Box(), done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: URL(string: url)!, timeoutInterval: timeout)
        request.httpMethod = "GET"
        URLSession.shared.dataTask(with: request) { data, response, _ in
            box.status = (response as? HTTPURLResponse)?.statusCode
            box.body = data ?? Data()
            done.signal()
        }.resume()
        _ = done.wait(timeout: .now() + timeout + 1)
        return box.status.map { ($0, String(decoding: box.body, as: UTF8.self)) }
    }
}

/// A failure of test machinery, with its reason.
public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
