/// A named sea region as a longitude/latitude polygon (one outer ring), e.g. the South China
/// Sea. Rings that cross the antimeridian are stored with continuous longitudes (e.g. 170 to
/// 190), and points are tested at λ, λ+360 and λ−360, so Polynesia works as well as the Java Sea.
public struct RegionPolygon: Sendable, Equatable {
    public let id: String
    public let name: String
    /// Ring vertices as (longitude, latitude) in degrees; closed or not.
    public let ring: [(longitude: Double, latitude: Double)]

    public init(id: String, name: String, ring: [(longitude: Double, latitude: Double)]) {
        precondition(ring.count >= 3, "a polygon needs at least three vertices")
        self.id = id
        self.name = name
        self.ring = ring
    }

    public static func == (a: RegionPolygon, b: RegionPolygon) -> Bool {
        a.id == b.id && a.name == b.name && a.ring.elementsEqual(b.ring) { $0.longitude == $1.longitude && $0.latitude == $1.latitude }
    }

    /// True when the point lies inside the ring (even-odd rule; points exactly on an edge may
    /// fall either way).
    public func contains(latitude: Double, longitude: Double) -> Bool {
        for shift in [0.0, 360, -360] where contains(x: longitude + shift, y: latitude) { return true }
        return false
    }

    private func contains(x: Double, y: Double) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in ring.indices {
            let (xi, yi) = (ring[i].longitude, ring[i].latitude)
            let (xj, yj) = (ring[j].longitude, ring[j].latitude)
            if (yi > y) != (yj > y), x < (xj - xi) * (y - yi) / (yj - yi) + xi { inside.toggle() }
            j = i
        }
        return inside
    }

    /// The geodesic area of the region (m²) on `geodesic`'s ellipsoid.
    public func area(on geodesic: Geodesic = .wgs84) -> Double {
        geodesic.polygonArea(ring.map { (latitude: $0.latitude, longitude: $0.longitude) }).area
    }
}
