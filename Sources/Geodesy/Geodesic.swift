import CProj
import Foundation

/// Geodesics on an ellipsoid (WGS84 by default) through GeographicLib's C implementation,
/// which ships with PROJ (`geodesic.h`). Accurate to about 15 nm; thread-safe (the ellipsoid
/// is an immutable value once initialised).
public struct Geodesic: Sendable {
    private let g: geod_geodesic

    /// The WGS84 ellipsoid: a = 6378137 m, f = 1/298.257223563.
    public static let wgs84 = Geodesic(equatorialRadius: 6_378_137, flattening: 1 / 298.257223563)

    /// An ellipsoid with equatorial radius `a` (m) and flattening `f`.
    /// The corresponding C function is `geod_init`.
    public init(equatorialRadius a: Double, flattening f: Double) {
        var g = geod_geodesic()
        geod_init(&g, a, f)
        self.g = g
    }

    /// The result of an inverse problem.
    public struct Line: Sendable, Equatable {
        /// Distance along the geodesic, metres.
        public let distance: Double
        /// Azimuth at the first point, degrees clockwise from north.
        public let initialAzimuth: Double
        /// Azimuth at the second point (forward direction), degrees.
        public let finalAzimuth: Double
    }

    /// Distance and azimuths between two points (degrees).
    /// The corresponding C function is `geod_inverse`.
    public func inverse(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Line {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: g) { geod_inverse($0, latitude1, longitude1, latitude2, longitude2, &s12, &azi1, &azi2) }
        return Line(distance: s12, initialAzimuth: azi1, finalAzimuth: azi2)
    }

    /// Distance in metres between two points (degrees).
    public func distance(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        inverse(latitude1: latitude1, longitude1: longitude1, latitude2: latitude2, longitude2: longitude2).distance
    }

    /// The point reached from (`latitude`, `longitude`) after `distance` metres along `azimuth`
    /// (degrees), and the azimuth there. The corresponding C function is `geod_direct`.
    public func direct(latitude: Double, longitude: Double, azimuth: Double, distance: Double) -> (latitude: Double, longitude: Double, azimuth: Double) {
        var lat2 = 0.0, lon2 = 0.0, azi2 = 0.0
        withUnsafePointer(to: g) { geod_direct($0, latitude, longitude, azimuth, distance, &lat2, &lon2, &azi2) }
        return (lat2, lon2, azi2)
    }

    /// Area (m², positive) and perimeter (m) of a polygon given as (latitude, longitude)
    /// vertices in degrees, edges being geodesics; the ring need not be closed.
    /// The corresponding C function is `geod_polygonarea`.
    public func polygonArea(_ vertices: [(latitude: Double, longitude: Double)]) -> (area: Double, perimeter: Double) {
        guard vertices.count >= 3 else { return (0, 0) }
        var lats = vertices.map { $0.latitude }
        var lons = vertices.map { $0.longitude }
        var area = 0.0, perimeter = 0.0
        withUnsafePointer(to: g) { geod_polygonarea($0, &lats, &lons, Int32(vertices.count), &area, &perimeter) }
        return (abs(area), perimeter)
    }

    /// Area (m²) of the cell between two parallels and two meridians (degrees). Its sides along
    /// parallels are not geodesics, so this is the exact ellipsoidal zone formula rather than a
    /// polygon: area = (λ₂−λ₁)·(S(φ₂) − S(φ₁)), S the authalic area from the equator.
    public func cellArea(south: Double, north: Double, west: Double, east: Double) -> Double {
        precondition(north >= south, "north edge below south edge")
        var width = east - west
        if width < 0 { width += 360 }
        return abs(width) * .pi / 180 * (zoneIntegral(north) - zoneIntegral(south))
    }

    /// ∫ from the equator to φ of the ellipsoid's area element per radian of longitude:
    /// b² · [ sinφ / (2(1 − e² sin²φ)) + atanh(e sinφ) / (2e) ].
    private func zoneIntegral(_ latitudeDegrees: Double) -> Double {
        let a = g.a, f = g.f
        let e2 = f * (2 - f)
        let e = e2.squareRoot()
        let b2 = a * a * (1 - e2)
        let s = sin(latitudeDegrees * .pi / 180)
        if e == 0 { return a * a * s }
        let first: Double = s / (2 * (1 - e2 * s * s))
        let second: Double = atanh(e * s) / (2 * e)
        return b2 * (first + second)
    }

    /// The ellipsoid's equatorial radius (m).
    public var equatorialRadius: Double { g.a }
    /// The ellipsoid's flattening.
    public var flattening: Double { g.f }
}
