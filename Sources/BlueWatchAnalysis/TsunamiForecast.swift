import BlueWatchCore
import Foundation
import Geodesy
import NetCDF

/// The first picture after an earthquake: travel times over a bathymetry grid, arrival times
/// and threat bands at the forecast points (registered tide gauges and DART buoys inside the
/// grid), replaced by observed amplitudes where instruments have seen the wave.
public struct TsunamiForecast: Sendable {
    public struct Point: Sendable, Encodable {
        public var id: String
        public var name: String
        public var kind: String
        public var latitude: Double
        public var longitude: Double
        public var distanceKm: Double
        /// Travel time from the source, seconds; nil when the point's sea is not reached.
        public var travelSeconds: Double?
        public var eta: String?
        /// Amplitude behind the band, metres: Abe's estimate, or the observed maximum.
        public var amplitude: Double?
        public var band: String?
        /// "estimate (Abe 1981)", "observed", or why there is no band.
        public var basis: String
    }

    public var event: Earthquake
    public var gridPath: String
    public var latitudes: [Double]
    public var longitudes: [Double]
    /// Seconds from the source per cell (row-major, latitude rows), NaN on land or unreached.
    public var travel: [Double]
    /// Ocean depth per cell, metres (NaN on land).
    public var depth: [Float]
    /// The source region: an ellipse of the rupture's length along the strike and its width
    /// across it, moved a quarter width seaward from the epicentre (megathrust ruptures reach
    /// from the hypocentre up to the trench); the strike follows the isobaths around the
    /// epicentre (perpendicular to the mean depth gradient within 300 km).
    public var source: SourceRegion

    public struct SourceRegion: Sendable, Encodable {
        public var lengthKm: Double
        public var widthKm: Double
        /// Azimuth of the long axis, degrees from north.
        public var strike: Double
        public var centreLatitude: Double
        public var centreLongitude: Double
        public var cells: Int
    }
    public var points: [Point]

    public enum Failure: Error, CustomStringConvertible {
        case grid(String)
        case outside(String)
        case onLand(String)
        public var description: String {
            switch self {
            case .grid(let s), .outside(let s), .onLand(let s): s
            }
        }
    }

    /// Rupture length and width from the magnitude (Blaser et al. 2010, subduction thrusts:
    /// log₁₀ L = −2.37 + 0.57·Mw, log₁₀ W = −1.86 + 0.46·Mw, km).
    public static func ruptureSize(magnitude: Double?) -> (lengthKm: Double, widthKm: Double) {
        guard let m = magnitude else { return (0, 0) }
        return (pow(10, -2.37 + 0.57 * m), pow(10, -1.86 + 0.46 * m))
    }

    /// Computes travel times from `event` over the elevation grid in `gridPath` (a CF NetCDF
    /// latitude–longitude grid, metres, positive up unless `positive = "down"`).
    public static func compute(event: Earthquake, gridPath: String, variable: String? = nil, stations: [Station],
                               observed: [String: Double] = [:], sourceRadiusKm radius: Double? = nil) throws -> TsunamiForecast {
        let file = try NetCDFFile.open(gridPath)
        let grids = try CFGrid.grids(in: file)
        let names = variable.map { [$0] } ?? ["elevation", "z", "topo", "bathymetry", "depth", "Band1"]
        guard let grid = names.lazy.compactMap({ name in grids.first { $0.name == name } }).first ?? (variable == nil ? grids.first : nil) else {
            throw Failure.grid("\(gridPath): no bathymetry variable (looked for \(names.joined(separator: ", ")))")
        }
        let attributes = textAttributes(try grid.variable.variable.attributes())
        let positiveDown = attributes["positive"]?.lowercased() == "down" || grid.name == "depth"
        let values = try grid.slice()
        let ny = grid.ny, nx = grid.nx, lats = grid.latitudes, lons = grid.longitudes
        let depth: [Float] = values.map { v in
            guard !v.isNaN else { return .nan }
            let d = positiveDown ? v : -v
            return d > 0 ? d : .nan
        }
        guard depth.contains(where: { !$0.isNaN }) else { throw Failure.grid("\(gridPath): the grid holds no ocean (no cell below sea level)") }
        var lon = event.longitude
        if grid.usesLongitude0To360 && lon < 0 { lon += 360 }
        if !grid.usesLongitude0To360 && lon > 180 { lon -= 360 }
        let dLat = (lats.last! - lats.first!) / Double(max(1, ny - 1)), dLon = (lons.last! - lons.first!) / Double(max(1, nx - 1))
        guard event.latitude >= min(lats.first!, lats.last!) - abs(dLat) / 2, event.latitude <= max(lats.first!, lats.last!) + abs(dLat) / 2,
              lon >= lons.first! - dLon / 2, lon <= lons.last! + dLon / 2 else {
            throw Failure.outside(String(format: "the epicentre (%.3f, %.3f) is outside the bathymetry grid %@ (%.2f–%.2f N, %.2f–%.2f E); give --grid covering it",
                                         event.latitude, event.longitude, URL(fileURLWithPath: gridPath).lastPathComponent,
                                         min(lats.first!, lats.last!), max(lats.first!, lats.last!), lons.first!, lons.last!))
        }
        let geodesic = Geodesic.wgs84
        let dx = lats.map { geodesic.distance(latitude1: $0, longitude1: 0, latitude2: $0, longitude2: abs(dLon)) }
        let dy = lats.map { geodesic.distance(latitude1: $0 - abs(dLat) / 2, longitude1: 0, latitude2: $0 + abs(dLat) / 2, longitude2: 0) }
        let j0 = lats.indices.min { abs(lats[$0] - event.latitude) < abs(lats[$1] - event.latitude) }!
        let i0 = lons.indices.min { abs(lons[$0] - lon) < abs(lons[$1] - lon) }!
        // An epicentre more than 20 km inland (a grid cell or two of coastline uncertainty) has
        // no tsunami source, whatever the rupture size.
        if depth[j0 * nx + i0].isNaN {
            let span = Int((20_000 / min(dx[j0], dy[j0])).rounded(.up))
            var nearest = Double.infinity
            for j in max(0, j0 - span)...min(ny - 1, j0 + span) {
                for i in max(0, i0 - span)...min(nx - 1, i0 + span) where !depth[j * nx + i].isNaN {
                    nearest = min(nearest, geodesic.distance(latitude1: event.latitude, longitude1: lon, latitude2: lats[j], longitude2: lons[i]))
                }
            }
            guard nearest <= 20_000 else {
                throw Failure.onLand(String(format: "the epicentre (%.3f, %.3f) is on land, more than 20 km from the sea in %@: no tsunami source",
                                            event.latitude, event.longitude, URL(fileURLWithPath: gridPath).lastPathComponent))
            }
        }
        var (length, width) = ruptureSize(magnitude: event.magnitude)
        if let radius { (length, width) = (2 * radius, 2 * radius) }
        // Local frame in km around the epicentre (east, north).
        let kmPerDegreeLat = dy[j0] / 1000 / abs(dLat), kmPerDegreeLon = dx[j0] / 1000 / abs(dLon)
        func local(_ j: Int, _ i: Int) -> (Double, Double) { ((lons[i] - lon) * kmPerDegreeLon, (lats[j] - event.latitude) * kmPerDegreeLat) }
        // Strike: perpendicular to the least-squares depth gradient within 300 km.
        var sxx = 0.0, syy = 0.0, sxy = 0.0, sxz = 0.0, syz = 0.0, sx = 0.0, sy = 0.0, sz = 0.0, n = 0.0
        let neighbourhood = Int((300 / min(kmPerDegreeLat * abs(dLat), kmPerDegreeLon * abs(dLon))).rounded(.up))
        for j in max(0, j0 - neighbourhood)...min(ny - 1, j0 + neighbourhood) {
            for i in max(0, i0 - neighbourhood)...min(nx - 1, i0 + neighbourhood) {
                let (x, y) = local(j, i)
                guard x * x + y * y <= 300 * 300, !values[j * nx + i].isNaN else { continue }
                let z = Double(positiveDown ? values[j * nx + i] : -values[j * nx + i])
                sxx += x * x; syy += y * y; sxy += x * y; sxz += x * z; syz += y * z; sx += x; sy += y; sz += z; n += 1
            }
        }
        var gx = 0.0, gy = 0.0
        if n > 3 {
            let cxx = sxx - sx * sx / n, cyy = syy - sy * sy / n, cxy = sxy - sx * sy / n
            let cxz = sxz - sx * sz / n, cyz = syz - sy * sz / n
            let det = cxx * cyy - cxy * cxy
            if abs(det) > 1e-9 { gx = (cxz * cyy - cyz * cxy) / det; gy = (cyz * cxx - cxz * cxy) / det }
        }
        let gradientNorm = (gx * gx + gy * gy).squareRoot()
        let seaward = gradientNorm > 0 ? (gx / gradientNorm, gy / gradientNorm) : (0.0, 0.0)   // towards deeper water
        let along = (-seaward.1, seaward.0)
        let centre = (seaward.0 * width / 4, seaward.1 * width / 4)
        var strike = atan2(along.0, along.1) * 180 / .pi
        if strike < 0 { strike += 360 }
        var source: [Int] = []
        let reach = Int((max(length, width) / 2 + width / 4) / min(kmPerDegreeLat * abs(dLat), kmPerDegreeLon * abs(dLon))) + 1
        for j in max(0, j0 - reach)...min(ny - 1, j0 + reach) {
            for i in max(0, i0 - reach)...min(nx - 1, i0 + reach) where !depth[j * nx + i].isNaN {
                let (x, y) = local(j, i)
                let u = (x - centre.0) * along.0 + (y - centre.1) * along.1, v = (x - centre.0) * seaward.0 + (y - centre.1) * seaward.1
                let a = max(length / 2, 1e-9), b = max(width / 2, 1e-9)
                if (j == j0 && i == i0) || (u * u) / (a * a) + (v * v) / (b * b) <= 1 { source.append(j * nx + i) }
            }
        }
        guard !source.isEmpty else {
            throw Failure.onLand(String(format: "the epicentre (%.3f, %.3f) is on land in this grid and no sea lies in the rupture area: no tsunami source", event.latitude, event.longitude))
        }
        let region = SourceRegion(lengthKm: length, widthKm: width, strike: strike,
                                  centreLatitude: event.latitude + centre.1 / kmPerDegreeLat, centreLongitude: lon + centre.0 / kmPerDegreeLon, cells: source.count)
        let speed = depth.map { $0.isNaN ? 0 : (9.81 * Double($0)).squareRoot() }
        let field = try TravelTimeField(ny: ny, nx: nx, speed: speed, dx: dx, dy: dy, source: source)
        var forecast = TsunamiForecast(event: event, gridPath: gridPath, latitudes: lats, longitudes: lons, travel: field.times,
                                       depth: depth, source: region, points: [])
        forecast.points = stations.compactMap { forecast.point($0, observed: observed[$0.id]) }
        return forecast
    }

    /// The forecast at one station, or nil when it lies outside the grid.
    func point(_ s: Station, observed: Double?) -> Point? {
        guard s.latitude.isFinite, s.longitude.isFinite, s.kind == .tideGauge || s.kind == .dartBuoy else { return nil }
        var lon = s.longitude
        let usesEast = longitudes.contains { $0 > 180 }
        if usesEast && lon < 0 { lon += 360 }
        let nx = longitudes.count, ny = latitudes.count
        guard s.latitude >= latitudes.min()!, s.latitude <= latitudes.max()!, lon >= longitudes.min()!, lon <= longitudes.max()! else { return nil }
        let j0 = latitudes.indices.min { abs(latitudes[$0] - s.latitude) < abs(latitudes[$1] - s.latitude) }!
        let i0 = longitudes.indices.min { abs(longitudes[$0] - lon) < abs(longitudes[$1] - lon) }!
        // Gauges sit on the coast, often in a land cell: the nearest reached sea cell within 5.
        var best: (Double, Double)? = nil
        for j in max(0, j0 - 5)...min(ny - 1, j0 + 5) {
            for i in max(0, i0 - 5)...min(nx - 1, i0 + 5) {
                let t = travel[j * nx + i]
                guard !t.isNaN else { continue }
                let d = Double((j - j0) * (j - j0) + (i - i0) * (i - i0))
                if best == nil || d < best!.0 || (d == best!.0 && t < best!.1) { best = (d, t) }
            }
        }
        let distance = event.sphericalDistance(latitude: s.latitude, longitude: s.longitude) / 1000
        let t = best?.1
        var amplitude: Double? = nil, band: String? = nil, basis: String
        if let observed {
            amplitude = observed; band = ThreatBand(amplitude: observed).rawValue; basis = "observed"
        } else if s.kind == .dartBuoy {
            basis = "deep-ocean sensor: arrival only (coastal bands do not apply)"
        } else if let m = event.magnitude, let estimate = ThreatBand.abeEstimate(magnitude: m, depthKm: event.depthKm, distanceKm: distance) {
            amplitude = estimate; band = ThreatBand(amplitude: estimate).rawValue; basis = "estimate (Abe 1981)"
        } else {
            band = ThreatBand.below03.rawValue
            basis = "estimate: a \(event.magnitude.map { String(format: "M%.1f", $0) } ?? "magnitude-unknown") earthquake at \(event.depthKm.map { String(format: "%.0f km", $0) } ?? "unknown depth") rarely makes a tsunami"
        }
        return Point(id: s.id, name: s.name, kind: s.kind.rawValue, latitude: s.latitude, longitude: s.longitude, distanceKm: distance,
                     travelSeconds: t, eta: t.map { UTCTime.iso((event.time + $0).rounded()) }, amplitude: amplitude, band: band,
                     basis: t == nil ? "not reached in this grid (" + basis + ")" : basis)
    }
}
