import Foundation

/// Distances and cell areas on the Earth's surface. The core is kept free of I/O and C
/// libraries: the analysis layer passes the WGS84 ellipsoid (PROJ's geodesics, module
/// Geodesy); tests may pass ``SphericalEarth``.
public protocol SurfaceMetric: Sendable {
    /// Distance in metres between two points given in degrees.
    func distance(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double
    /// Area in m² of the cell between two parallels and two meridians (degrees).
    func cellArea(south: Double, north: Double, west: Double, east: Double) -> Double
}

/// A sphere of radius `radius` (default: the mean Earth radius R₁ = 6,371,008.8 m):
/// great-circle (haversine) distances and spherical zone areas.
public struct SphericalEarth: SurfaceMetric {
    public let radius: Double
    public init(radius: Double = 6_371_008.8) { self.radius = radius }

    public func distance(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        let r = Double.pi / 180
        let dphi = (latitude2 - latitude1) * r, dlambda = (longitude2 - longitude1) * r
        let h = sin(dphi / 2) * sin(dphi / 2) + cos(latitude1 * r) * cos(latitude2 * r) * sin(dlambda / 2) * sin(dlambda / 2)
        return 2 * radius * asin(min(1, h.squareRoot()))
    }

    public func cellArea(south: Double, north: Double, west: Double, east: Double) -> Double {
        var width = east - west
        if width < 0 { width += 360 }
        return radius * radius * width * .pi / 180 * (sin(north * .pi / 180) - sin(south * .pi / 180))
    }
}
