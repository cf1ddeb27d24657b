import BlueWatchCore
import BlueWatchStore
import Foundation
import Hummingbird

/// OPeNDAP (DAP2) for stored series and grids: `/opendap/series/{id}` and
/// `/opendap/grids/{id}`, each `.dds|.das|.dods` with constraint expressions, so
/// `ncdump -h http://HOST/opendap/series/ID` and netCDF4 or xarray open them by URL and read
/// slices lazily (a grid reads only the rows, columns and steps asked for).
extension BlueWatchService {
    static func dapError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var r = text(DAP2.error(message), type: "text/plain; charset=utf-8", status: status)
        r.headers[.init("Content-Description")!] = "dods-error"
        return r
    }

    /// The DAP2 dataset of series `id`: `time` (seconds since 1970), the quantity, its QARTOD
    /// flags (`…_qc`), scalar `latitude` and `longitude`, with CF attributes.
    func dapSeries(_ id: Int64) throws -> DAP2.Dataset? {
        guard let record = try store.seriesList(stationID: nil, includeAlternates: true).first(where: { $0.id == id }) else { return nil }
        let station = try registry.station(id: record.stationId) ?? store.station(id: record.stationId)
        let s = try store.readSeries(id: id)
        var valueAttributes: [(name: String, value: DAP2.Attribute)] = [("units", .string(record.units)), ("_FillValue", .float64(.nan)),
                                                                       ("ancillary_variables", .string(record.variable + "_qc")), ("coordinates", .string("time latitude longitude"))]
        if let standard = record.standardName ?? record.kind.standardName { valueAttributes.insert(("standard_name", .string(standard)), at: 0) }
        if let long = record.longName { valueAttributes.insert(("long_name", .string(long)), at: 0) }
        let lat = station?.latitude ?? .nan
        let lon = station.map { $0.longitude > 180 ? $0.longitude - 360 : $0.longitude } ?? .nan
        let flags = s.flags.map { Int32($0.rawValue) }
        return DAP2.Dataset(name: "series_\(id)", variables: [
            DAP2.array("time", dimension: "time", s.times,
                       attributes: [("standard_name", .string("time")), ("units", .string("seconds since 1970-01-01T00:00:00Z")), ("calendar", .string("standard")), ("axis", .string("T"))]),
            DAP2.array(record.variable, dimension: "time", s.values, attributes: valueAttributes),
            .init(name: record.variable + "_qc", dimension: "time", size: flags.count,
                  attributes: [("long_name", .string("QARTOD aggregate flag of \(record.variable)")), ("flag_values", .int32s([1, 2, 3, 4, 9])),
                               ("flag_meanings", .string("pass not_evaluated suspect fail missing"))]) { slabs in .int32(slabs[0].indices.map { flags[$0] }) },
            .init(name: "latitude", dimensions: [], type: .float64, attributes: [("standard_name", .string("latitude")), ("units", .string("degrees_north"))]) { _ in .float64([lat]) },
            .init(name: "longitude", dimensions: [], type: .float64, attributes: [("standard_name", .string("longitude")), ("units", .string("degrees_east"))]) { _ in .float64([lon]) },
        ], global: [("Conventions", .string("CF-1.8")), ("featureType", .string("timeSeries")), ("title", .string("\(station?.name ?? record.stationId): \(record.variable) (\(record.sourceIdentifier))")),
                    ("station", .string(record.stationId)), ("source_series", .string(record.sourceIdentifier)), ("institution", .string("BlueWatch"))])
    }

    /// The DAP2 dataset of grid `id`: `latitude`, `longitude`, `time` when the grid has one,
    /// and each field of the file as Float32 `(time,) latitude, longitude`.
    func dapGrid(_ id: Int64) throws -> DAP2.Dataset? {
        guard let record = try store.grids().first(where: { $0.id == id }) else { return nil }
        let (_, path) = try storedGrid(String(id))
        let fields = try Self.fields(path)
        guard let first = fields.first else { return nil }
        var variables: [DAP2.Variable] = [
            DAP2.array("latitude", dimension: "latitude", first.latitudes, attributes: [("standard_name", .string("latitude")), ("units", .string("degrees_north")), ("axis", .string("Y"))]),
            DAP2.array("longitude", dimension: "longitude", first.longitudes, attributes: [("standard_name", .string("longitude")), ("units", .string("degrees_east")), ("axis", .string("X"))]),
        ]
        let timed = !first.times.isEmpty
        if timed {
            variables.insert(DAP2.array("time", dimension: "time", first.times, attributes: [("standard_name", .string("time")), ("units", .string("seconds since 1970-01-01T00:00:00Z")),
                                                                                             ("calendar", .string("standard")), ("axis", .string("T"))]), at: 0)
        }
        for field in fields where field.latitudes == first.latitudes && field.longitudes == first.longitudes && field.times == first.times {
            var attributes: [(name: String, value: DAP2.Attribute)] = [("_FillValue", .float64(.nan))]
            if field.name == record.variable {
                if let units = record.units { attributes.insert(("units", .string(units)), at: 0) }
                if let standard = record.standardName { attributes.insert(("standard_name", .string(standard)), at: 0) }
                if let long = record.longName { attributes.insert(("long_name", .string(long)), at: 0) }
            }
            let dimensions: [(name: String, size: Int)] = (timed ? [("time", field.nt)] : []) + [("latitude", field.ny), ("longitude", field.nx)]
            variables.append(DAP2.Variable(name: field.name, dimensions: dimensions, type: .float32, attributes: attributes) { slabs in
                let (t, r, c) = timed ? (slabs[0], slabs[1], slabs[2]) : (DAP2.Slab.whole(1), slabs[0], slabs[1])
                var out: [Float] = []
                out.reserveCapacity(t.count * r.count * c.count)
                for step in t.indices {
                    let block = try field.values(time: step, rows: r.start..<(r.stop + 1), columns: c.start..<(c.stop + 1))
                    let width = c.stop - c.start + 1
                    for row in r.indices { for column in c.indices { out.append(block[(row - r.start) * width + (column - c.start)]) } }
                }
                return .float32(out)
            })
        }
        let title = try store.dataset(id: record.datasetId)?.title ?? "grid \(id)"
        return DAP2.Dataset(name: "grid_\(id)", variables: variables, global: [("Conventions", .string("CF-1.8")), ("title", .string(title)), ("institution", .string("BlueWatch"))])
    }

    /// GET /opendap/{series|grids}/{id}.{dds,das,dods}?constraint.
    func opendap(_ kind: String, _ file: String, _ request: Request) throws -> Response {
        guard let (name, ext) = Self.fileParts(file), ["dds", "das", "dods"].contains(ext) else {
            return Self.dapError(.badRequest, "ask for /opendap/\(kind)/ID.dds, .das or .dods")
        }
        guard let id = Int64(name), let dataset = try kind == "series" ? dapSeries(id) : dapGrid(id) else {
            return Self.dapError(.notFound, "no stored \(kind == "series" ? "series" : "grid") '\(name)'")
        }
        let projections: [DAP2.Projection]
        do { projections = try DAP2.projections(request.uri.query, in: dataset) } catch { return Self.dapError(.badRequest, error.message) }
        let total = projections.reduce(0) { $0 + DAP2.count($1) }
        guard ext != "dods" || total <= maximumValues * 3 else {
            return Self.dapError(.contentTooLarge, "\(total) values is more than one answer may hold (\(maximumValues * 3)); ask for a hyperslab")
        }
        var response: Response
        switch ext {
        case "dds": response = Self.text(DAP2.dds(dataset, projections), type: "text/plain; charset=utf-8")
        case "das": response = Self.text(DAP2.das(dataset), type: "text/plain; charset=utf-8")
        default: response = Self.data(try DAP2.dods(dataset, projections), type: "application/octet-stream")
        }
        response.headers[.init("Content-Description")!] = "dods-" + (ext == "dods" ? "data" : ext)
        response.headers[.init("XDODS-Server")!] = "DAP/2.0"
        return response
    }
}

extension DAP2.Variable {
    /// A one-dimensional Int32 variable read by `read`.
    init(name: String, dimension: String, size: Int, attributes: [(name: String, value: DAP2.Attribute)], read: @escaping ([DAP2.Slab]) throws -> DAP2.Values) {
        self.init(name: name, dimensions: [(dimension, size)], type: .int32, attributes: attributes, read: read)
    }
}
