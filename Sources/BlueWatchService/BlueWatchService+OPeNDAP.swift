import BlueWatchCore
import BlueWatchStore
import Foundation
import Hummingbird

/// OPeNDAP (DAP2) for stored series: `/opendap/series/{id}.dds|.das|.dods` with constraint
/// expressions, so `ncdump -h http://HOST/opendap/series/ID` and netCDF4/xarray open a series
/// by URL and read slices lazily. Variables: `time` (seconds since 1970), the quantity, its
/// QARTOD flags (`…_qc`), and scalar `latitude`, `longitude`, with CF attributes.
extension BlueWatchService {
    static func dapError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        var r = text(DAP2.error(message), type: "text/plain; charset=utf-8", status: status)
        r.headers[.init("Content-Description")!] = "dods-error"
        return r
    }

    /// The DAP2 dataset of series `id`.
    func dapSeries(_ id: Int64) throws -> DAP2.Dataset? {
        guard let record = try store.seriesList(stationID: nil, includeAlternates: true).first(where: { $0.id == id }) else { return nil }
        let station = try registry.station(id: record.stationId) ?? store.station(id: record.stationId)
        let s = try store.readSeries(id: id)
        var valueAttributes: [(name: String, value: DAP2.Attribute)] = [("units", .string(record.units)), ("_FillValue", .float64(.nan)),
                                                                       ("ancillary_variables", .string(record.variable + "_qc")), ("coordinates", .string("time latitude longitude"))]
        if let standard = record.standardName ?? record.kind.standardName { valueAttributes.insert(("standard_name", .string(standard)), at: 0) }
        if let long = record.longName { valueAttributes.insert(("long_name", .string(long)), at: 0) }
        let lon = station.map { $0.longitude > 180 ? $0.longitude - 360 : $0.longitude } ?? .nan
        return DAP2.Dataset(name: "series_\(id)", variables: [
            .init(name: "time", dimension: "time", values: .float64(s.times),
                  attributes: [("standard_name", .string("time")), ("units", .string("seconds since 1970-01-01T00:00:00Z")), ("calendar", .string("standard")), ("axis", .string("T"))]),
            .init(name: record.variable, dimension: "time", values: .float64(s.values), attributes: valueAttributes),
            .init(name: record.variable + "_qc", dimension: "time", values: .int32(s.flags.map { Int32($0.rawValue) }),
                  attributes: [("long_name", .string("QARTOD aggregate flag of \(record.variable)")), ("flag_values", .int32s([1, 2, 3, 4, 9])),
                               ("flag_meanings", .string("pass not_evaluated suspect fail missing"))]),
            .init(name: "latitude", dimension: nil, values: .float64([station?.latitude ?? .nan]), attributes: [("standard_name", .string("latitude")), ("units", .string("degrees_north"))]),
            .init(name: "longitude", dimension: nil, values: .float64([lon]), attributes: [("standard_name", .string("longitude")), ("units", .string("degrees_east"))]),
        ], global: [("Conventions", .string("CF-1.8")), ("featureType", .string("timeSeries")), ("title", .string("\(station?.name ?? record.stationId): \(record.variable) (\(record.sourceIdentifier))")),
                    ("station", .string(record.stationId)), ("source_series", .string(record.sourceIdentifier)), ("institution", .string("BlueWatch"))])
    }

    /// GET /opendap/series/{id}.{dds,das,dods}?constraint.
    func opendapSeries(_ file: String, _ request: Request) throws -> Response {
        guard let (name, ext) = Self.fileParts(file), ["dds", "das", "dods"].contains(ext) else {
            return Self.dapError(.badRequest, "ask for /opendap/series/ID.dds, .das or .dods (ID from GET /stations/{id})")
        }
        guard let id = Int64(name), let dataset = try dapSeries(id) else { return Self.dapError(.notFound, "no stored series '\(name)'") }
        let projections: [DAP2.Projection]
        do { projections = try DAP2.projections(request.uri.query, in: dataset) } catch { return Self.dapError(.badRequest, error.message) }
        let total = projections.reduce(0) { $0 + DAP2.count($1, in: dataset) }
        guard total <= maximumValues * 3 else { return Self.dapError(.contentTooLarge, "\(total) values is more than one answer may hold; ask for a hyperslab") }
        var response: Response
        switch ext {
        case "dds": response = Self.text(DAP2.dds(dataset, projections), type: "text/plain; charset=utf-8")
        case "das": response = Self.text(DAP2.das(dataset), type: "text/plain; charset=utf-8")
        default: response = Self.data(DAP2.dods(dataset, projections), type: "application/octet-stream")
        }
        response.headers[.init("Content-Description")!] = "dods-" + (ext == "dods" ? "data" : ext)
        response.headers[.init("XDODS-Server")!] = "DAP/2.0"
        return response
    }
}
