import BlueWatchCore
import BlueWatchExport
import BlueWatchStore
import Crypto
import Foundation
import Hummingbird

extension BlueWatchService {
    /// GET /stations/{id}/series?series=&from=&to=&qc=good|all&format=json|csv|netcdf&resample=hour|day|month.
    /// CSV and JSON are streamed in chunks; ETag and Last-Modified (the dataset's ingest time)
    /// answer conditional requests with 304.
    func series(_ id: String, _ request: Request) throws -> Response {
        let station = try knownStation(id)
        let q = request.uri.queryParameters
        let format = q.get("format") ?? "json"
        guard ["json", "csv", "netcdf"].contains(format) else { throw ProblemDetails(.badRequest, "format must be json, csv or netcdf") }
        let qc = q.get("qc") ?? "good"
        guard ["good", "all"].contains(qc) else { throw ProblemDetails(.badRequest, "qc must be good (flags 1 and 2) or all") }
        var resolution: BinMeans.Resolution?
        if let text = q.get("resample") {
            guard let r = BinMeans.Resolution(rawValue: text) else { throw ProblemDetails(.badRequest, "resample must be hour, day or month") }
            guard format != "netcdf" else { throw ProblemDetails(.badRequest, "resample is offered as json or csv; netcdf gives the stored record as it is") }
            resolution = r
        }
        let records = try store.seriesList(stationID: station.id)
        guard !records.isEmpty else { throw ProblemDetails(.notFound, "station '\(id)' has no stored series") }
        let record: SeriesRecord
        if let text = q.get("series") {
            guard let n = Int64(text), let r = records.first(where: { $0.id == n }) else {
                throw ProblemDetails(.notFound, "station '\(id)' has no series '\(text)'; GET /stations/\(id) lists its series")
            }
            record = r
        } else {
            record = records.filter { !$0.isDerived }.max { $0.valueCount < $1.valueCount } ?? records[0]
        }
        if let resolution, let sampling = record.samplingSeconds, sampling >= resolution.seconds * 0.99 {
            throw ProblemDetails(.badRequest, "series \(record.id!) is already sampled every \(record.descriptor.samplingLabel); resample only to a coarser step")
        }
        let from = try Self.time(request, "from", end: false), to = try Self.time(request, "to", end: true)
        if let from, let to, from >= to { throw ProblemDetails(.badRequest, "from must be before to") }
        guard let dataset = try store.dataset(id: record.datasetId) else {
            throw ProblemDetails(.internalServerError, "the dataset of series \(record.id!) is missing from the store")
        }

        // Conditional request: the stored record changes only with a new ingest.
        let etag = "\"" + SHA256.hash(data: Data("\(record.id!)|\(dataset.sha256)|\(from ?? 0)|\(to ?? 0)|\(qc)|\(format)|\(resolution?.rawValue ?? "")".utf8))
            .prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        let lastModified = Self.httpDate(dataset.ingestedAt)
        let validators: HTTPFields = [.eTag: etag, .lastModified: lastModified]
        if let match = request.headers[.ifNoneMatch] {
            if match == etag || match == "*" { return Response(status: .notModified, headers: validators) }
        } else if let since = request.headers[.ifModifiedSince].flatMap(Self.parseHTTPDate), dataset.ingestedAt.rounded(.down) <= since {
            return Response(status: .notModified, headers: validators)
        }

        let stored = try store.readSeries(id: record.id!, from: from, to: to)
        guard stored.count <= maximumValues else {
            throw ProblemDetails(.contentTooLarge, "\(stored.count) values is more than one response may hold (\(maximumValues)); ask for a shorter span with from and to, or resample")
        }
        func good(_ i: Int) -> Bool { qc == "all" || stored.flags[i] == .pass || stored.flags[i] == .notEvaluated }
        var response: Response
        if format == "netcdf" {
            var kept = stored
            if qc == "good" {
                let keep = stored.values.indices.filter { good($0) && !stored.values[$0].isNaN }
                kept = TimeSeries(times: keep.map { stored.times[$0] }, values: keep.map { stored.values[$0] }, flags: keep.map { stored.flags[$0] })
            }
            response = try netcdf(SeriesExport(station: station, record: record, dataset: dataset, series: kept), request: request)
        } else if let resolution {
            let (means, counts) = BinMeans.compute(stored, resolution: resolution, samplingSeconds: record.samplingSeconds ?? 3_600, usable: good)
            let keep = means.values.indices.filter { !means.values[$0].isNaN }
            response = stream(format: format, header: SeriesHeader(station: station.id, series: record.id!, identifier: record.sourceIdentifier, variable: record.variable,
                                                                    units: record.units, qc: qc, resample: resolution.rawValue, sha256: dataset.sha256),
                              times: keep.map { means.times[$0] }, values: keep.map { means.values[$0] }, third: ("n", keep.map { counts[$0] }))
        } else {
            let keep = stored.values.indices.filter { qc == "all" || (good($0) && !stored.values[$0].isNaN) }
            response = stream(format: format, header: SeriesHeader(station: station.id, series: record.id!, identifier: record.sourceIdentifier, variable: record.variable,
                                                                    units: record.units, qc: qc, resample: nil, sha256: dataset.sha256),
                              times: keep.map { stored.times[$0] }, values: keep.map { stored.values[$0] }, third: ("flags", keep.map { Int(stored.flags[$0].rawValue) }))
        }
        for field in validators { response.headers[field.name] = field.value }
        return response
    }

    struct SeriesHeader: Encodable {
        var station: String, series: Int64, identifier: String, variable: String, units: String, qc: String, resample: String?, sha256: String
    }

    /// Rows written 8,192 at a time, so a long record never sits in memory as text.
    public static let rowsPerChunk = 8_192

    /// CSV (`time,<variable>_<units>,<flags|n>`) or JSON (the header's fields, then parallel
    /// arrays `times`, `values` (null for missing), `flags` or `n`), streamed.
    func stream(format: String, header: SeriesHeader, times: [Double], values: [Double], third: (name: String, values: [Int])) -> Response {
        let chunk = Self.rowsPerChunk
        let missing = format == "csv" ? "" : "null"
        if format == "csv" {
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "time,\(header.variable)_\(header.units),\(third.name == "flags" ? "qc_flag" : "n")\n"))
                for start in stride(from: 0, to: times.count, by: chunk) {
                    var b = ByteBuffer()
                    b.reserveCapacity(chunk * 40)
                    for i in start..<min(times.count, start + chunk) {
                        SeriesText.time(times[i], into: &b); b.writeInteger(UInt8(ascii: ","))
                        SeriesText.value(values[i], missing: missing, into: &b); b.writeInteger(UInt8(ascii: ","))
                        SeriesText.integer(third.values[i], into: &b); b.writeInteger(UInt8(ascii: "\n"))
                    }
                    try await writer.write(b)
                }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8"], body: body)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var opening = String(decoding: (try? encoder.encode(header)) ?? Data("{}".utf8), as: UTF8.self)
        opening.removeLast()   // the closing brace: the arrays follow
        let prefix = opening
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: prefix + (prefix.hasSuffix("{") ? "" : ",")))
            let items: [(String, (Int, inout ByteBuffer) -> Void)] = [
                ("times", { i, b in b.writeInteger(UInt8(ascii: "\"")); SeriesText.time(times[i], into: &b); b.writeInteger(UInt8(ascii: "\"")) }),
                ("values", { i, b in SeriesText.value(values[i], missing: missing, into: &b) }),
                (third.name, { i, b in SeriesText.integer(third.values[i], into: &b) }),
            ]
            for (name, item) in items {
                try await writer.write(ByteBuffer(string: (name == "times" ? "" : ",") + "\"\(name)\":["))
                for start in stride(from: 0, to: times.count, by: chunk) {
                    var b = ByteBuffer()
                    b.reserveCapacity(chunk * 24)
                    for i in start..<min(times.count, start + chunk) {
                        if i > 0 { b.writeInteger(UInt8(ascii: ",")) }
                        item(i, &b)
                    }
                    try await writer.write(b)
                }
                try await writer.write(ByteBuffer(string: "]"))
            }
            try await writer.write(ByteBuffer(string: "}"))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// The CF-1.8 / ACDD-1.3 timeSeries file `bluewatch series export` writes, built in a
    /// temporary file and answered whole (NetCDF-4 cannot be written to a socket).
    func netcdf(_ export: SeriesExport, request: Request) throws -> Response {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bluewatch-\(UUID().uuidString).nc").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SeriesExporter.netcdf(export, to: path, command: "GET \(request.uri)", software: "BlueWatch service", created: export.dataset.ingestedAt)
        return Self.download(try Data(contentsOf: URL(fileURLWithPath: path)), type: "application/x-netcdf",
                             filename: "\(export.station.id)-\(export.record.id!).nc", request: request)
    }

    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]   // 1970-01-01 was a Thursday
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// An HTTP date (RFC 9110 IMF-fixdate), "Sun, 06 Nov 1994 08:49:37 GMT".
    public static func httpDate(_ seconds: Double) -> String {
        let t = seconds.rounded(.down)
        let c = UTCTime.components(t)
        let day = Int((t / 86_400).rounded(.down))
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[((day % 7) + 7) % 7]), \(two(c.day)) \(months[c.month - 1]) \(c.year) \(two(c.hour)):\(two(c.minute)):\(two(Int(c.second))) GMT"
    }

    /// Reads an IMF-fixdate; nil for anything else (the obsolete forms are not accepted).
    public static func parseHTTPDate(_ text: String) -> Double? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]),
              (1...31).contains(day) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]), (0...60).contains(clock[2]) else { return nil }
        return UTCTime.seconds(year: year, month: month + 1, day: day) + Double(clock[0] * 3600 + clock[1] * 60 + clock[2])
    }
}
