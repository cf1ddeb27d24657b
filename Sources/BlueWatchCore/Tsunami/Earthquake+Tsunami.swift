import Foundation

extension Earthquake {
    /// The fastest a long wave can travel: √(g·11 km), the deepest ocean, m/s.
    public static let fastestTsunamiSpeed = (9.81 * 11_000.0).squareRoot()

    /// Great-circle distance (spherical Earth, R = 6,371 km) from the epicentre, metres; enough
    /// for the physical bound below (Geodesy gives ellipsoidal distances where they matter).
    public func sphericalDistance(latitude: Double, longitude: Double) -> Double {
        let r = Double.pi / 180
        let dLat = (latitude - self.latitude) * r, dLon = (longitude - self.longitude) * r
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(self.latitude * r) * cos(latitude * r) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371_000 * asin(min(1, a.squareRoot()))
    }

    /// The soonest this earthquake's tsunami could reach a place: origin time plus distance at
    /// the fastest long-wave speed. Anything a sensor records before then is not the tsunami
    /// (seismic waves, shaking, noise).
    public func earliestTsunamiArrival(latitude: Double, longitude: Double) -> Double {
        time + sphericalDistance(latitude: latitude, longitude: longitude) / Earthquake.fastestTsunamiSpeed
    }
}
