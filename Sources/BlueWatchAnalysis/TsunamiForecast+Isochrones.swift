import BlueWatchCore
import BlueWatchStore
import Foundation

extension TsunamiForecast {
    /// Lines of equal travel time, in degrees.
    public struct Isochrone: Sendable, Codable {
        public var hours: Double
        /// Polylines as (longitudes, latitudes), longitudes in the grid's convention.
        public var lines: [Line]

        public struct Line: Sendable, Codable {
            public var longitudes: [Double]
            public var latitudes: [Double]
        }
    }

    /// Isochrones every `everyHours` hours, traced by ``ContourLines`` over the travel-time
    /// field thinned to at most `maxColumns` columns (a map needs no more).
    public func isochrones(everyHours: Double = 1, maxColumns: Int = 300) -> [Isochrone] {
        let nx = longitudes.count, ny = latitudes.count
        let step = max(1, (nx + maxColumns - 1) / maxColumns)
        let rows = Array(stride(from: 0, to: ny, by: step)), columns = Array(stride(from: 0, to: nx, by: step))
        var hours = [Double](repeating: .nan, count: rows.count * columns.count)
        for (r, j) in rows.enumerated() {
            for (c, i) in columns.enumerated() { hours[r * columns.count + c] = travel[j * nx + i] / 3600 }
        }
        let longest = hours.lazy.filter { !$0.isNaN }.max() ?? 0
        func interpolate(_ axis: [Double], _ indices: [Int], _ f: Double) -> Double {
            let k = min(Int(f), indices.count - 2), w = f - Double(k)
            return axis[indices[k]] * (1 - w) + axis[indices[k + 1]] * w
        }
        var out: [Isochrone] = []
        var level = everyHours
        while level < longest {
            let lines = ContourLines.trace(hours, ny: rows.count, nx: columns.count, level: level).filter { $0.count >= 2 }.map { line in
                Isochrone.Line(longitudes: line.map { interpolate(longitudes, columns, $0.x) }, latitudes: line.map { interpolate(latitudes, rows, $0.y) })
            }
            if !lines.isEmpty { out.append(Isochrone(hours: level, lines: lines)) }
            level += everyHours
        }
        return out
    }

    /// The path of a stored bathymetry grid (a NetCDF file whose variable is elevation, z,
    /// topo, bathymetry, depth or Band1) whose box holds the epicentre, or nil.
    public static func storedGrid(covering event: Earthquake, in store: any DataStore) throws -> String? {
        let names: Set<String> = ["elevation", "z", "topo", "bathymetry", "depth", "Band1"]
        let datasets = Dictionary(uniqueKeysWithValues: try store.datasets().map { ($0.id!, $0) })
        for g in try store.grids() where names.contains(g.variable) {
            var lon = event.longitude
            if g.east > 180 && lon < 0 { lon += 360 }
            if event.latitude >= g.south && event.latitude <= g.north && lon >= g.west && lon <= g.east, let d = datasets[g.datasetId], d.path.hasSuffix(".nc") {
                return d.path
            }
        }
        return nil
    }
}
