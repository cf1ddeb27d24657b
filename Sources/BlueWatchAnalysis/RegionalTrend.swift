import BlueWatchCore
import Foundation
import Geodesy
import NetCDF

/// The trend of a region's area-weighted mean sea level: each time step's mean over the grid
/// cells whose centres lie in the region polygon, weighted by their geodesic areas on WGS84
/// (cells missing at a step drop out of that step's mean), then the station trend model on the
/// resulting series — so the interval carries the region's own serial correlation.
public struct RegionalTrend: Sendable, Codable {
    public var region: String
    public var regionName: String
    public var cells: Int
    public var areaSquareKilometres: Double
    public var series: [Double]
    public var times: [String]
    public var trend: StationTrend?
    public var failure: String?

    /// Computes the regional mean series of `variable` in `path` and its trend.
    public static func compute(path: String, variable: String, region: RegionPolygon, options: TrendOptions = TrendOptions()) throws -> RegionalTrend {
        let file = try NetCDFFile.open(path)
        guard let grid = try CFGrid.grids(in: file).first(where: { $0.name == variable }) else {
            throw NetCDFError(path: path, variable: variable, reason: "is not a latitude/longitude grid in this file")
        }
        let dy = Sampling.medianInterval(grid.latitudes.sorted()) ?? 0
        let dx = Sampling.medianInterval(grid.longitudes.sorted()) ?? 0
        var weights = [Double](repeating: 0, count: grid.nx * grid.ny)
        var cells = 0, area = 0.0
        for (y, lat) in grid.latitudes.enumerated() {
            let a = Geodesic.wgs84.cellArea(south: max(-90, lat - dy / 2), north: min(90, lat + dy / 2), west: 0, east: dx)
            for (x, lon) in grid.longitudes.enumerated() where region.contains(latitude: lat, longitude: lon) {
                weights[y * grid.nx + x] = a
            }
        }
        var means: [Double] = []
        for t in 0..<grid.nt {
            let slice = try grid.slice(time: t)
            var sum = 0.0, w = 0.0
            for i in slice.indices where weights[i] > 0 && !slice[i].isNaN {
                sum += weights[i] * Double(slice[i])
                w += weights[i]
            }
            means.append(w > 0 ? sum / w : .nan)
            if t == 0 {
                cells = slice.indices.filter { weights[$0] > 0 && !slice[$0].isNaN }.count
                area = slice.indices.reduce(0.0) { weights[$1] > 0 && !slice[$1].isNaN ? $0 + weights[$1] : $0 }
            }
        }
        var result = RegionalTrend(region: region.id, regionName: region.name, cells: cells, areaSquareKilometres: area / 1e6,
                                   series: means, times: grid.times.map(UTCTime.iso), trend: nil, failure: nil)
        guard cells > 0 else {
            result.failure = "no grid cell of '\(variable)' lies in \(region.name)"
            return result
        }
        do {
            result.trend = try StationTrend.analyse(TimeSeries(times: grid.times, values: means),
                                                    samplingSeconds: Sampling.medianInterval(grid.times), options: options)
        } catch {
            result.failure = "\(error)"
        }
        return result
    }
}
