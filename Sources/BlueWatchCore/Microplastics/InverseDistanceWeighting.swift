import Foundation

/// Inverse-distance-weighted interpolation of point values to target points on the Earth's
/// surface (Shepard 1968): ẑ = Σ d_i^−p z_i / Σ d_i^−p over the `neighbours` nearest samples
/// within `radiusMetres`, distances measured by a ``SurfaceMetric`` (the WGS84 geodesic in
/// BlueWatch). A target within a metre of a sample takes its value; a target with no sample in
/// reach is NaN (no extrapolation across empty ocean). Samples are sorted by latitude once and
/// each target scans only the latitude band its radius can reach; targets run in parallel.
public struct InverseDistanceWeighting: Sendable {
    public var power: Double
    public var radiusMetres: Double
    public var neighbours: Int

    public init(power: Double = 2, radiusMetres: Double, neighbours: Int = 12) {
        self.power = power
        self.radiusMetres = radiusMetres
        self.neighbours = neighbours
    }

    public func interpolate(latitudes: [Double], longitudes: [Double], values: [Double],
                            to targets: [(latitude: Double, longitude: Double)], metric: any SurfaceMetric) -> [Double] {
        let order = values.indices.filter { values[$0].isFinite && latitudes[$0].isFinite && longitudes[$0].isFinite }
            .sorted { latitudes[$0] < latitudes[$1] }
        let lat = order.map { latitudes[$0] }, lon = order.map { longitudes[$0] }, z = order.map { values[$0] }
        // A degree of latitude is at least 110.5 km anywhere on the ellipsoid.
        let reach = radiusMetres / 110_500
        let output = SharedResults(count: targets.count)
        let chunk = 32
        DispatchQueue.concurrentPerform(iterations: (targets.count + chunk - 1) / chunk) { k in
            var found: [(distance: Double, value: Double)] = []
            for t in (k * chunk)..<min(targets.count, (k + 1) * chunk) {
                let (tLat, tLon) = targets[t]
                var lo = 0, hi = lat.count
                while lo < hi { let mid = (lo + hi) / 2; if lat[mid] < tLat - reach { lo = mid + 1 } else { hi = mid } }
                found.removeAll(keepingCapacity: true)
                var j = lo
                while j < lat.count && lat[j] <= tLat + reach {
                    let d = metric.distance(latitude1: tLat, longitude1: tLon, latitude2: lat[j], longitude2: lon[j])
                    if d <= radiusMetres { found.append((d, z[j])) }
                    j += 1
                }
                output.set(t, estimate(&found))
            }
        }
        return output.values
    }

    private func estimate(_ found: inout [(distance: Double, value: Double)]) -> Double {
        guard !found.isEmpty else { return .nan }
        if found.count > neighbours {
            found.sort { $0.distance < $1.distance }
            found.removeLast(found.count - neighbours)
        }
        if let exact = found.min(by: { $0.distance < $1.distance }), exact.distance < 1 { return exact.value }
        var num = 0.0, den = 0.0
        for (d, v) in found {
            let w = pow(d, -power)
            num += w * v
            den += w
        }
        return num / den
    }
}

/// Results that parallel workers fill at disjoint indices.
final class SharedResults: @unchecked Sendable {
    private var storage: [Double]
    private let lock = NSLock()
    init(count: Int) { storage = [Double](repeating: .nan, count: count) }
    func set(_ i: Int, _ v: Double) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [Double] { lock.lock(); defer { lock.unlock() }; return storage }
}
