import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Geodesy
import Testing

/// GSHHG coastlines from GMT's binned NetCDF files, read through BlueWatch's NetCDF layer.
struct ShorelineTests {
    @Test("Shoreline points lie on the coasts of Suva, Honolulu and Manila, and nowhere near the open ocean")
    func coastsWhereTheyAre() throws {
        guard ShorelineReader.isInstalled else { Issue.record("gmt-gshhg-low missing: run scripts/bootstrap.sh --test"); return }
        let reader = ShorelineReader()
        func nearestKm(_ lat: Double, _ lon: Double) throws -> Double {
            let segments = try reader.segments(south: lat - 3, north: lat + 3, west: lon - 3, east: lon + 3)
            var best = Double.infinity
            for s in segments { for p in s { best = min(best, Geodesic.wgs84.distance(latitude1: lat, longitude1: lon, latitude2: p.latitude, longitude2: p.longitude)) } }
            return best / 1000
        }
        // Tide gauges stand on the shore: the low-resolution shoreline passes within a few km.
        for (name, lat, lon) in [("Suva", -18.135, 178.425), ("Honolulu", 21.307, -157.867), ("Manila", 14.585, 120.968)] {
            let d = try nearestKm(lat, lon)
            #expect(d < 8, "\(name): nearest shoreline point \(d) km away")
        }
        #expect(try nearestKm(30, -150) > 300, "the North Pacific gyre has no coast")
        // Across the antimeridian (longitudes past 180 in the caller's convention).
        let fiji = try reader.segments(south: -20, north: -15, west: 176, east: 182)
        #expect(fiji.contains { $0.contains { $0.longitude > 180 } }, "Fiji's eastern islands east of 180°")
    }
}
