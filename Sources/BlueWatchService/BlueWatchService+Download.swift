import Foundation
import Hummingbird

extension BlueWatchService {
    /// A file answered whole or, for a `Range: bytes=…` request, the one range asked for
    /// (206 with `Content-Range`; 416 when it lies beyond the end), so netCDF-C's `#mode=bytes`
    /// and resumable downloads work. A request for several ranges gets the whole file (RFC 9110
    /// allows it). The bytes are the same for the same request (outputs are stamped with their
    /// data's ingest time, not the clock).
    static func download(_ data: Data, type: String, filename: String, request: Request) -> Response {
        var headers: HTTPFields = [.contentType: type, .acceptRanges: "bytes", .contentDisposition: "attachment; filename=\"\(filename)\""]
        guard let header = request.headers[.range], let range = byteRange(header, length: data.count) else {
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        guard let r = range else {
            headers[.contentRange] = "bytes */\(data.count)"
            return ProblemDetails(.rangeNotSatisfiable, "the range '\(header)' lies beyond the \(data.count) bytes of \(filename)", headers: headers).response()
        }
        headers[.contentRange] = "bytes \(r.lowerBound)-\(r.upperBound - 1)/\(data.count)"
        return Response(status: .partialContent, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data[data.startIndex + r.lowerBound..<data.startIndex + r.upperBound])))
    }

    /// Parses one `bytes=first-last`, `bytes=first-` or `bytes=-suffix` range against a body of
    /// `length` bytes: nil when the header is not a single byte range (answer the whole body),
    /// `.some(nil)` when it cannot be satisfied.
    static func byteRange(_ header: String, length: Int) -> Range<Int>?? {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return nil }
        let spec = text.dropFirst(6).trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        if parts[0].isEmpty {
            guard let suffix = Int(parts[1]), suffix >= 0 else { return nil }
            guard suffix > 0, length > 0 else { return .some(nil) }
            return .some(max(0, length - suffix)..<length)
        }
        guard let first = Int(parts[0]), first >= 0 else { return nil }
        let last: Int
        if parts[1].isEmpty { last = length - 1 } else {
            guard let l = Int(parts[1]), l >= first else { return nil }
            last = min(l, length - 1)
        }
        guard first < length else { return .some(nil) }
        return .some(first..<(last + 1))
    }
}
