import BlueWatchCore
import Geodesy

/// The WGS84 ellipsoid as the core's surface metric: geodesic distances (PROJ's
/// `geod_inverse`) and exact ellipsoidal cell areas.
extension Geodesic: SurfaceMetric {
    public func distance(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        inverse(latitude1: latitude1, longitude1: longitude1, latitude2: latitude2, longitude2: longitude2).distance
    }
}
