import BlueWatchCore
import BlueWatchStore
import Foundation

/// Station lists as a text table, CSV, JSON or GeoJSON (RFC 7946, longitudes in −180…180).
public enum StationListing {
    public struct Row: Sendable {
        public var station: Station
        public var seriesCount: Int
        public init(station: Station, seriesCount: Int) {
            self.station = station
            self.seriesCount = seriesCount
        }
    }

    public static func table(_ rows: [Row]) -> String {
        let header = ["id", "name", "country", "kind", "lat", "lon", "series", "ids", "projects"]
        let body = rows.map { r -> [String] in
            let s = r.station
            return [s.id, s.name, s.country, s.kind.rawValue, coordinate(s.latitude), coordinate(s.longitude), String(r.seriesCount),
                    s.identifiers.joined(separator: " "), s.projects.joined(separator: " ")]
        }
        return TextTable.render(header: header, rows: body)
    }

    public static func csv(_ rows: [Row]) -> String {
        var out = "id,name,country,kind,latitude,longitude,series,identifiers,projects\n"
        for r in rows {
            let s = r.station
            out += [s.id, s.name, s.country, s.kind.rawValue, coordinate(s.latitude), coordinate(s.longitude), String(r.seriesCount),
                    s.identifiers.joined(separator: " "), s.projects.joined(separator: " ")].map(csvField).joined(separator: ",") + "\n"
        }
        return out
    }

    public static func json(_ rows: [Row]) throws -> Data {
        struct Item: Encodable { var station: Station; var seriesCount: Int }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "NaN")
        return try encoder.encode(rows.map { Item(station: $0.station, seriesCount: $0.seriesCount) })
    }

    /// A GeoJSON FeatureCollection of points; stations without a position are left out.
    public static func geojson(_ rows: [Row]) throws -> Data {
        struct Geometry: Encodable { var type = "Point"; var coordinates: [Double] }
        struct Properties: Encodable {
            var id, name, country, kind: String
            var identifiers: [String]
            var projects: [String]
            var series: Int
            var provider: String?
            var doi: String?
        }
        struct Feature: Encodable { var type = "Feature"; var id: String; var geometry: Geometry; var properties: Properties }
        struct Collection: Encodable { var type = "FeatureCollection"; var features: [Feature] }
        let features = rows.filter { !$0.station.latitude.isNaN && !$0.station.longitude.isNaN }.map { r in
            let s = r.station
            return Feature(id: s.id, geometry: Geometry(coordinates: [s.longitude > 180 ? s.longitude - 360 : s.longitude, s.latitude]),
                           properties: Properties(id: s.id, name: s.name, country: s.country, kind: s.kind.rawValue, identifiers: s.identifiers,
                                                  projects: s.projects, series: r.seriesCount, provider: s.provider, doi: s.doi))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Collection(features: features))
    }

    static func coordinate(_ v: Double) -> String { v.isNaN ? "" : String(format: "%.4f", v) }
}

/// RFC 4180 quoting of one CSV field.
public func csvField(_ s: String) -> String {
    s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
}

/// Plain-text tables with aligned columns for terminals.
public enum TextTable {
    public static func render(header: [String], rows: [[String]]) -> String {
        var widths = header.map { $0.count }
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
