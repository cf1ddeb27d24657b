import Foundation
import Geodesy

/// The sea regions BlueWatch reports on (`grids/regions.geojson`), as polygons.
public struct RegionCatalog: Sendable {
    public let regions: [RegionPolygon]
    /// Chinese names by region id, for bilingual reports.
    public let chineseNames: [String: String]

    public init(contentsOf path: String) throws(RegistryError) {
        struct Collection: Decodable { var features: [Feature] }
        struct Feature: Decodable { var properties: Properties; var geometry: Geometry }
        struct Properties: Decodable { var id: String; var name: String; var name_zh: String? }
        struct Geometry: Decodable { var type: String; var coordinates: [[[Double]]] }
        guard let data = FileManager.default.contents(atPath: path) else { throw RegistryError(file: path, reason: "cannot be read") }
        let collection: Collection
        do { collection = try JSONDecoder().decode(Collection.self, from: data) } catch {
            throw RegistryError(file: path, reason: "not a GeoJSON FeatureCollection of polygons: \(error)")
        }
        var regions: [RegionPolygon] = []
        var zh: [String: String] = [:]
        for f in collection.features {
            guard f.geometry.type == "Polygon", let ring = f.geometry.coordinates.first, ring.count >= 4,
                  ring.allSatisfy({ $0.count >= 2 }) else {
                throw RegistryError(file: path, reason: "region '\(f.properties.id)' is not a polygon with at least three vertices")
            }
            regions.append(RegionPolygon(id: f.properties.id, name: f.properties.name, ring: ring.map { (longitude: $0[0], latitude: $0[1]) }))
            zh[f.properties.id] = f.properties.name_zh
        }
        self.regions = regions
        self.chineseNames = zh
    }

    /// The regions containing a point.
    public func regions(containingLatitude latitude: Double, longitude: Double) -> [RegionPolygon] {
        regions.filter { $0.contains(latitude: latitude, longitude: longitude) }
    }
}
