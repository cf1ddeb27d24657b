import Foundation
import Hummingbird
import Logging

/// One line per request, through swift-log: time, method, path and query, status, bytes
/// (`-` when streamed), duration, user agent. `text` is one readable line; `json` one JSON
/// object per line with the same fields (for log shippers). Written to standard error.
public enum AccessLogFormat: String, Sendable, CaseIterable {
    case text, json, off

    /// The logger for this format, or nil for `off`.
    public func logger() -> Logger? {
        guard self != .off else { return nil }
        let format = self
        return Logger(label: "bluewatch.access") { _ in AccessLogHandler(format: format) }
    }
}

/// Prints access-log entries as the format asks; other metadata and levels as text.
struct AccessLogHandler: LogHandler {
    let format: AccessLogFormat
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        let fields = metadata.merging(extra ?? [:]) { _, new in new }
        let text: String
        if format == .json {
            var object: [String: Any] = [:]
            for (key, value) in fields {
                if case .stringConvertible(let v) = value, let number = v as? Double { object[key] = number } else if case .stringConvertible(let v) = value, let n = v as? Int { object[key] = n } else { object[key] = "\(value)" }
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            text = String(decoding: data, as: UTF8.self)
        } else {
            text = message.description
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Logs every request once its answer is final (outside the problem-details middleware).
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        var bytes: Int?
        defer {
            let elapsed = ContinuousClock.now - start
            let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            let time = ISO8601DateFormatter().string(from: Date())
            let agent = request.headers[.userAgent] ?? "-"
            let target = request.uri.description
            logger.info("\(time) \(request.method.rawValue) \(target) \(status) \(bytes.map(String.init) ?? "-") \(String(format: "%.1f", ms)) ms \"\(agent)\"",
                        metadata: ["time": "\(time)", "method": "\(request.method.rawValue)", "target": "\(target)", "status": .stringConvertible(status),
                                   "bytes": bytes.map { .stringConvertible($0) } ?? "-", "duration_ms": .stringConvertible((ms * 10).rounded() / 10), "user_agent": "\(agent)"])
        }
        let response = try await next(request, context)
        status = response.status.code
        bytes = response.body.contentLength
        return response
    }
}
