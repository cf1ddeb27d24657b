import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation
import Hummingbird
import NetCDF

extension BlueWatchService {
    /// A `bbox=west,south,east,north` parameter (degrees), or nil when absent; 400 when malformed.
    static func bbox(_ request: Request) throws -> (west: Double, south: Double, east: Double, north: Double)? {
        guard let text = request.uri.queryParameters.get("bbox") else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let b = parts as? [Double], b.allSatisfy(\.isFinite), (-90...90).contains(b[1]), (-90...90).contains(b[3]), b[1] <= b[3],
              (-180...360).contains(b[0]), (-180...360).contains(b[2]) else {
            throw ProblemDetails(.badRequest, "bbox must be west,south,east,north in degrees (e.g. 100,0,130,25)")
        }
        return (b[0], b[1], b[2], b[3])
    }

    /// GET /grids: every stored grid with its dataset.
    func grids() throws -> Response {
        let datasets = Dictionary(uniqueKeysWithValues: try store.datasets().map { ($0.id!, $0) })
        struct Item: Encodable {
            var id: Int64; var variable: String; var standardName: String?; var longName: String?; var units: String?
            var nx: Int; var ny: Int; var nt: Int; var south: Double; var north: Double; var west: Double; var east: Double
            var timeStart: String?; var timeEnd: String?; var file: String; var title: String; var sha256: String
        }
        return try Self.json(try store.grids().map { g in
            let d = datasets[g.datasetId]
            return Item(id: g.id!, variable: g.variable, standardName: g.standardName, longName: g.longName, units: g.units, nx: g.nx, ny: g.ny, nt: g.nt,
                        south: g.south, north: g.north, west: g.west, east: g.east, timeStart: g.timeStart.map(UTCTime.iso), timeEnd: g.timeEnd.map(UTCTime.iso),
                        file: d.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "", title: d?.title ?? "", sha256: d?.sha256 ?? "")
        })
    }

    /// The stored grid `id` and its file path, or a 404.
    func storedGrid(_ id: String) throws -> (GridRecord, String) {
        guard let n = Int64(id), let g = try store.grids().first(where: { $0.id == n }) else {
            throw ProblemDetails(.notFound, "no grid '\(id)'; GET /grids lists them")
        }
        guard let d = try store.dataset(id: g.datasetId), FileManager.default.fileExists(atPath: d.path) else {
            throw ProblemDetails(.notFound, "the file of grid \(id) is no longer where it was ingested from")
        }
        return (g, d.path)
    }

    /// The fields of a stored grid file: the CF grids of a NetCDF file, or the one field of an
    /// ESRI ASCII grid (read whole; such files are small).
    static func fields(_ path: String) throws -> [any GriddedField] {
        if path.lowercased().hasSuffix(".asc") {
            do { return [try ESRIASCIIGridReader.field(path)] } catch {
                throw ProblemDetails(.unprocessableContent, "the grid file can no longer be read: \(error.reason)")
            }
        }
        return try CFGrid.grids(in: try NetCDFFile.open(path))
    }

    /// Indices of `axis` inside [lo, hi], as a contiguous range (axes are monotonic).
    static func range(_ axis: [Double], _ lo: Double, _ hi: Double) -> Range<Int>? {
        let inside = axis.indices.filter { axis[$0] >= lo && axis[$0] <= hi }
        guard let first = inside.first, let last = inside.last else { return nil }
        return first..<(last + 1)
    }

    /// GET /grids/{id}/data?var=&bbox=&time=&stride=&format=json|csv: an ERDDAP-like subset —
    /// the cells inside the box, every `stride`-th row and column, the time steps in `time`
    /// (a date, a month, a year, or `START/END`). Larger than ``maximumValues`` → 413.
    func gridData(_ id: String, _ request: Request) throws -> Response {
        let (record, path) = try storedGrid(id)
        let q = request.uri.queryParameters
        let variable = q.get("var") ?? record.variable
        let format = q.get("format") ?? "json"
        guard ["json", "csv"].contains(format) else { throw ProblemDetails(.badRequest, "format must be json or csv") }
        let stride = try q.get("stride").map { text -> Int in
            guard let n = Int(text), (1...10_000).contains(n) else { throw ProblemDetails(.badRequest, "stride must be a whole number from 1 to 10000") }
            return n
        } ?? 1
        let all = try Self.fields(path)
        guard let grid = all.first(where: { $0.name == variable }) else {
            throw ProblemDetails(.notFound, "grid \(id) has no variable '\(variable)' (variables: \(all.map(\.name).joined(separator: ", ")))")
        }
        var rows = 0..<grid.ny, columns = 0..<grid.nx
        if let b = try Self.bbox(request) {
            var (west, east) = (b.west, b.east)
            if grid.usesLongitude0To360 { if west < 0 { west += 360 }; if east < 0 { east += 360 } } else { if west > 180 { west -= 360 }; if east > 180 { east -= 360 } }
            guard west <= east else {
                throw ProblemDetails(.badRequest, "the bbox crosses the grid's longitude seam (its longitudes run \(grid.longitudes.first!)…\(grid.longitudes.last!)); ask for the two sides separately")
            }
            guard let r = Self.range(grid.latitudes, b.south, b.north), let c = Self.range(grid.longitudes, west, east) else {
                throw ProblemDetails(.notFound, "no cell of grid \(id) lies inside the bbox")
            }
            (rows, columns) = (r, c)
        }
        var steps = 0..<grid.nt
        if let text = q.get("time") {
            guard !grid.times.isEmpty else { throw ProblemDetails(.badRequest, "grid \(id) has no time axis; leave out time") }
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard parts.count <= 2, let lo = UTCTime.bound(parts[0], end: false), let hi = UTCTime.bound(parts.last!, end: true), lo <= hi else {
                throw ProblemDetails(.badRequest, "time must be a date (2019, 2019-02, 2019-02-23, ISO) or START/END, not '\(text)'")
            }
            guard let r = Self.range(grid.times, lo, hi) else { throw ProblemDetails(.notFound, "no time step of grid \(id) lies in \(text)") }
            steps = r
        }
        let rowIndices = Array(Swift.stride(from: rows.lowerBound, to: rows.upperBound, by: stride))
        let columnIndices = Array(Swift.stride(from: columns.lowerBound, to: columns.upperBound, by: stride))
        let total = steps.count * rowIndices.count * columnIndices.count
        guard total <= maximumValues else {
            throw ProblemDetails(.contentTooLarge, "the subset holds \(total) values (\(steps.count) time steps × \(rowIndices.count) × \(columnIndices.count) cells), more than one response may hold (\(maximumValues)); narrow the bbox or time, or raise stride")
        }
        var values: [Float] = []
        values.reserveCapacity(total)
        for t in steps {
            let block = try grid.values(time: t, rows: rows, columns: columns)
            for j in Swift.stride(from: 0, to: rows.count, by: stride) {
                for i in Swift.stride(from: 0, to: columns.count, by: stride) { values.append(block[j * columns.count + i]) }
            }
        }
        let lats = rowIndices.map { grid.latitudes[$0] }, lons = columnIndices.map { grid.longitudes[$0] }
        let times = grid.times.isEmpty ? [] : steps.map { grid.times[$0] }
        if format == "csv" {
            var out = "time,latitude,longitude,\(variable)\(record.units.map { "_" + $0 } ?? "")\n"
            var k = 0
            for t in 0..<steps.count {
                let stamp = times.isEmpty ? "" : UTCTime.iso(times[t])
                for lat in lats { for lon in lons { out += "\(stamp),\(lat),\(lon),\(values[k].isNaN ? "" : "\(values[k])")\n"; k += 1 } }
            }
            return Self.text(out, type: "text/csv; charset=utf-8")
        }
        struct Body: Encodable {
            var grid: Int64; var variable: String; var units: String?; var shape: [Int]; var stride: Int
            var time: [String]; var latitude: [Double]; var longitude: [Double]; var values: [Float?]
        }
        return try Self.json(Body(grid: record.id!, variable: variable, units: record.units, shape: [times.isEmpty ? 1 : times.count, lats.count, lons.count], stride: stride,
                                  time: times.map(UTCTime.iso), latitude: lats, longitude: lons, values: values.map { $0.isNaN ? nil : $0 }))
    }

    /// GET /grids/{id}/trend?bbox=&format=json|netcdf: per-cell trends (OLS with AR(1)
    /// intervals), as `bluewatch trend grid`.
    func gridTrend(_ id: String, _ request: Request) throws -> Response {
        let (record, path) = try storedGrid(id)
        let format = request.uri.queryParameters.get("format") ?? "json"
        guard ["json", "netcdf"].contains(format) else { throw ProblemDetails(.badRequest, "format must be json or netcdf") }
        guard record.nt >= 3 else { throw ProblemDetails(.badRequest, "grid \(id) has \(record.nt) time step(s); a trend needs at least 3") }
        let box = try Self.bbox(request).map { GridTrendRunner.Box(south: $0.south, north: $0.north, west: $0.west, east: $0.east) }
        let cells = box.map { b in
            Double(record.nx) * Double(record.ny) * max(0, min(1, (b.north - b.south) / max(record.north - record.south, 1e-9))) * max(0, min(1, ((b.east - b.west + 360).truncatingRemainder(dividingBy: 360)) / max(record.east - record.west, 1e-9)))
        } ?? Double(record.nx * record.ny)
        guard cells * Double(record.nt) <= Double(maximumValues) * 10 else {
            throw ProblemDetails(.contentTooLarge, String(format: "a trend over about %.0f cells × %d steps is more than one request may compute; narrow the bbox", cells, record.nt))
        }
        let result: GridTrendResult
        do { result = try GridTrendRunner(variable: record.variable, box: box).run(path: path) } catch {
            throw ProblemDetails(.unprocessableContent, "grid \(id): \(error)")
        }
        if format == "netcdf" {
            let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("bluewatch-\(UUID().uuidString).nc").path
            defer { try? FileManager.default.removeItem(atPath: tmp) }
            try result.write(to: tmp, command: "GET \(request.uri)", created: try store.dataset(id: record.datasetId)?.ingestedAt)
            return Self.download(try Data(contentsOf: URL(fileURLWithPath: tmp)), type: "application/x-netcdf", filename: "grid-\(id)-trend.nc", request: request)
        }
        struct Body: Encodable {
            var grid: Int64; var variable: String; var units: String; var model: String; var fittedCells: Int; var warnings: [String]
            var latitude: [Double]; var longitude: [Double]; var trend: [Double?]; var lower: [Double?]; var upper: [Double?]; var count: [Int]
        }
        func opt(_ v: Double) -> Double? { v.isNaN ? nil : v }
        return try Self.json(Body(grid: record.id!, variable: record.variable, units: "mm/yr", model: result.model.columns.joined(separator: " + "), fittedCells: result.fittedCells, warnings: result.warnings,
                                  latitude: result.latitudes, longitude: result.longitudes, trend: result.cells.map { opt($0.trend) },
                                  lower: result.cells.map { opt($0.lower) }, upper: result.cells.map { opt($0.upper) }, count: result.cells.map(\.count)))
    }
}

/// CF NetCDF grids serve their values a time step and block at a time.
extension CFGrid: GriddedField {
    public func values(time: Int, rows: Range<Int>, columns: Range<Int>) throws -> [Float] {
        try block(time: time, rows: rows, columns: columns)
    }
}
