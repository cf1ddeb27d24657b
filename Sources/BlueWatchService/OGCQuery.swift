import BlueWatchCore
import Foundation
import Geodesy
import Hummingbird

/// The query parameters OGC API – Features and EDR share, parsed once with the refusals the
/// standards ask for (400 naming the parameter and what it accepts).
struct OGCQuery {
    /// A `datetime` value: an instant or an interval, either end open (`..` or empty).
    struct Interval: Equatable {
        var start: Double?
        var end: Double?

        /// True when [`from`, `to`] meets the interval.
        func overlaps(from: Double, to: Double) -> Bool {
            (start.map { to >= $0 } ?? true) && (end.map { from <= $0 } ?? true)
        }
    }

    /// Parses `datetime`: "2011-03-11T05:46:00Z", "2010-01-01/2010-12-31", "../2010", "2010/..".
    /// A date or year is allowed for either end and covers all of itself.
    static func interval(_ text: String) throws -> Interval {
        func bound(_ part: Substring, end: Bool) throws -> Double? {
            let p = part.trimmingCharacters(in: .whitespaces)
            if p.isEmpty || p == ".." { return nil }
            guard let t = UTCTime.bound(p, end: end) else {
                throw ProblemDetails(.badRequest, "datetime must be an RFC 3339 time or an interval start/end ('..' for open), e.g. 2010-01-01T00:00:00Z/2010-12-31T23:59:59Z; not '\(text)'")
            }
            return t
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let start = try bound(parts[0], end: false), let end = try bound(parts[0], end: true) else {
                throw ProblemDetails(.badRequest, "datetime '..' needs an interval: start/end")
            }
            return Interval(start: start, end: end)
        case 2:
            let interval = Interval(start: try bound(parts[0], end: false), end: try bound(parts[1], end: true))
            if let a = interval.start, let b = interval.end, a > b { throw ProblemDetails(.badRequest, "datetime interval ends before it starts: '\(text)'") }
            return interval
        default:
            throw ProblemDetails(.badRequest, "datetime has more than one '/': '\(text)'")
        }
    }

    /// A WKT geometry of an EDR `coords` parameter: a point or a polygon (one ring), in
    /// longitude-latitude order (CRS84).
    enum Geometry: Equatable {
        case point(longitude: Double, latitude: Double)
        case polygon(RegionPolygon)
    }

    /// Parses `POINT(lon lat)` or `POLYGON((lon lat, lon lat, …))` (case-insensitive, any spacing).
    static func geometry(_ text: String) throws -> Geometry {
        let refusal = ProblemDetails(.badRequest, "coords must be WKT in longitude latitude order: POINT(114.2 22.3) or POLYGON((100 0,130 0,130 25,100 25,100 0)); not '\(text.prefix(200))'")
        // A form-encoded space arrives as '+' (Python's requests, OWSLib); a WKT sign may be dropped safely.
        let t = text.replacingOccurrences(of: "+", with: " ").trimmingCharacters(in: .whitespaces).uppercased()
        func pairs(_ body: Substring) throws -> [(longitude: Double, latitude: Double)] {
            try body.split(separator: ",").map { pair in
                let n = pair.split(separator: " ", omittingEmptySubsequences: true).map { Double($0) }
                guard n.count == 2, let lon = n[0], let lat = n[1], lon.isFinite, lat.isFinite, (-90...90).contains(lat), (-180...360).contains(lon) else { throw refusal }
                return (lon, lat)
            }
        }
        if t.hasPrefix("POINT") {
            guard let open = t.firstIndex(of: "("), let close = t.lastIndex(of: ")"), open < close else { throw refusal }
            let p = try pairs(t[t.index(after: open)..<close])
            guard p.count == 1 else { throw refusal }
            return .point(longitude: p[0].longitude, latitude: p[0].latitude)
        }
        if t.hasPrefix("POLYGON") {
            guard let open = t.range(of: "(("), let close = t.range(of: "))", options: .backwards), open.upperBound <= close.lowerBound else { throw refusal }
            let body = t[open.upperBound..<close.lowerBound]
            guard !body.contains("(") else { throw ProblemDetails(.badRequest, "coords: polygons with holes are not supported; give one ring") }
            let ring = try pairs(body)
            guard ring.count >= 3, ring.count <= 10_000 else { throw refusal }
            return .polygon(RegionPolygon(id: "coords", name: "coords", ring: ring))
        }
        throw refusal
    }

    /// `limit` (1…`maximum`, default `standard`) and `offset` (≥ 0, default 0).
    static func paging(_ request: Request, standard: Int = 100, maximum: Int = 10_000) throws -> (limit: Int, offset: Int) {
        let q = request.uri.queryParameters
        var limit = standard, offset = 0
        if let text = q.get("limit") {
            guard let n = Int(text), n >= 1 else { throw ProblemDetails(.badRequest, "limit must be a whole number from 1 to \(maximum), not '\(text)'") }
            limit = min(n, maximum)   // OGC API Features: a larger limit is capped, not refused
        }
        if let text = q.get("offset") {
            guard let n = Int(text), n >= 0 else { throw ProblemDetails(.badRequest, "offset must be a whole number ≥ 0, not '\(text)'") }
            offset = n
        }
        return (limit, offset)
    }

    /// Refuses a query parameter the route does not know (OGC API Features, Core: 400), naming
    /// the ones it does.
    static func refuseUnknown(_ request: Request, allowed: Set<String>) throws {
        for (name, _) in request.uri.queryParameters where !allowed.contains(String(name)) {
            throw ProblemDetails(.badRequest, "unknown parameter '\(name)'; "
                                 + (allowed.isEmpty ? "this resource takes no query parameters" : "this resource takes \(allowed.sorted().joined(separator: ", "))"))
        }
    }

    /// `f`: one of `formats` (case-insensitive; the first is the default), or a 400 listing them.
    static func format(_ request: Request, _ formats: [String]) throws -> String {
        guard let text = request.uri.queryParameters.get("f") else { return formats[0] }
        guard let f = formats.first(where: { $0.lowercased() == text.lowercased() }) else {
            throw ProblemDetails(.badRequest, "f must be one of \(formats.joined(separator: ", ")), not '\(text)'")
        }
        return f
    }
}
