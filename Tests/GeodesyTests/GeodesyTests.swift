import BlueWatchTesting
import Geodesy
import Testing

/// Geodesics, areas and transforms against pyproj (scripts/reference/geodesy_reference.py).
struct GeodesyTests {
    struct Golden: Decodable {
        struct Inverse: Decodable { var from: String; var to: String; var lat1, lon1, lat2, lon2, distance, azimuth1, azimuth2: Double }
        struct Direct: Decodable { var lat1, lon1, azimuth, distance, lat2, lon2, azimuth2: Double }
        struct Region: Decodable { var id: String; var area: Double; var perimeter: Double }
        struct Cell: Decodable { var south, north, west, east, area: Double }
        struct Transform: Decodable { var target: String; var lon, lat, x, y: Double }
        var inverse: [Inverse]; var direct: [Direct]; var regions: [Region]; var cells: [Cell]; var transforms: [Transform]
    }

    let golden: Golden

    init() throws { golden = try TestPaths.loadGolden("geodesy.json") }

    @Test("distances between stations match pyproj to 1 mm, azimuths to 1e-8°")
    func inverse() {
        #expect(golden.inverse.count > 40)
        for g in golden.inverse {
            let line = Geodesic.wgs84.inverse(latitude1: g.lat1, longitude1: g.lon1, latitude2: g.lat2, longitude2: g.lon2)
            #expect(abs(line.distance - g.distance) < 0.001, "\(g.from)–\(g.to): \(line.distance) vs \(g.distance)")
            #expect(abs(line.initialAzimuth - g.azimuth1) < 1e-8, "\(g.from)–\(g.to) azimuth")
            #expect(abs(line.finalAzimuth - g.azimuth2) < 1e-8 || abs(abs(line.finalAzimuth - g.azimuth2) - 360) < 1e-8, "\(g.from)–\(g.to) final azimuth")
        }
    }

    @Test("direct problems match pyproj to 1e-9°")
    func direct() {
        for g in golden.direct {
            let p = Geodesic.wgs84.direct(latitude: g.lat1, longitude: g.lon1, azimuth: g.azimuth, distance: g.distance)
            #expect(abs(p.latitude - g.lat2) < 1e-9 && abs(p.longitude - g.lon2) < 1e-9)
        }
    }

    @Test("region polygon areas and perimeters match pyproj to 1e-9")
    func regionAreas() throws {
        let regions = try Checkout.regions()
        #expect(regions.regions.count == golden.regions.count)
        for g in golden.regions {
            let region = try #require(regions.regions.first { $0.id == g.id })
            let (area, perimeter) = Geodesic.wgs84.polygonArea(region.ring.dropLast().map { (latitude: $0.latitude, longitude: $0.longitude) })
            #expect(Approximately.equal(area, g.area, relative: 1e-9), "\(g.id) area")
            #expect(Approximately.equal(perimeter, g.perimeter, relative: 1e-9), "\(g.id) perimeter")
        }
    }

    @Test("cell areas match pyproj's densified polygons to 1e-6")
    func cellAreas() {
        for g in golden.cells {
            let area = Geodesic.wgs84.cellArea(south: g.south, north: g.north, west: g.west, east: g.east)
            #expect(Approximately.equal(area, g.area, relative: 1e-6), "cell \(g): \(area)")
        }
    }

    @Test("EPSG transforms match pyproj to 1 mm")
    func transforms() throws {
        for target in Set(golden.transforms.map { $0.target }) {
            let t = try CoordinateTransform(from: "EPSG:4326", to: target)
            for g in golden.transforms where g.target == target {
                let p = try t.transform(x: g.lon, y: g.lat)
                #expect(abs(p.x - g.x) < 0.001 && abs(p.y - g.y) < 0.001, "\(target) \(g.lon),\(g.lat)")
            }
        }
        #expect(throws: GeodesyError.self) { try CoordinateTransform(from: "EPSG:4326", to: "EPSG:999999") }
    }

    @Test("stations fall in the regions they belong to, across the antimeridian too")
    func regionMembership() throws {
        let catalog = try Checkout.regions()
        let registry = try Checkout.registry()
        let expected: [String: String] = [
            "manila": "south-china-sea", "quarry-bay": "south-china-sea", "vung-tau": "south-china-sea", "qui-nhon": "south-china-sea",
            "beihai": "gulf-of-tonkin", "haikou": "gulf-of-tonkin", "ko-taphao-noi": "andaman-sea", "suva": "melanesia",
            "lautoka": "melanesia", "honiara": "melanesia", "noumea": "melanesia", "nukualofa": "polynesia", "apia": "polynesia",
            "rarotonga": "polynesia", "funafuti": "polynesia", "honolulu": "polynesia", "majuro": "micronesia", "kwajalein": "micronesia",
            "tarawa-betio": "micronesia", "pohnpei": "micronesia", "malakal": "micronesia", "apra-harbor": "philippine-sea",
        ]
        for (station, region) in expected {
            let s = try #require(registry.station(id: station))
            let ids = catalog.regions(containingLatitude: s.latitude, longitude: s.longitude).map { $0.id }
            #expect(ids.contains(region), "\(station) (\(s.latitude), \(s.longitude)) in \(ids), expected \(region)")
        }
        #expect(catalog.regions(containingLatitude: 21.3, longitude: -157.9).map { $0.id } == ["polynesia"])
        #expect(catalog.regions(containingLatitude: 0, longitude: -30).isEmpty)
    }
}
