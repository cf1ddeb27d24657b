import BlueWatchCore
import Foundation
import Geodesy

/// One harmonised group of microplastic samples on a grid: per-cell counts and statistics with
/// WGS84 cell areas, optionally an inverse-distance surface on the sphere and Getis-Ord Gi*
/// hot and cold spots. Never mixes groups: every value here is in `group.unit`.
public struct PlasticGridAnalysis: Sendable {
    public struct Options: Sendable, Codable {
        /// Cell size, degrees.
        public var resolution: Double = 1
        /// The cell value hot spots and maps use.
        public var statistic: SampleGrid.Statistic = .median
        /// Gi* neighbours: cells whose centres are within this distance (km, geodesic).
        public var bandKm: Double? = nil
        public var permutations = 999
        public var alpha = 0.05
        public var seed: UInt64 = 1
        /// Compute Gi* (hot spots).
        public var hotSpots = false
        /// Interpolate to every cell centre by inverse distance (power 2, 12 neighbours, radius in km).
        public var idwRadiusKm: Double? = nil
        public init() {}

        /// The default band: three cells at the equator (≈ 334 km for 1° cells), so a cell's
        /// neighbourhood spans about a 7 × 7 block at low latitudes.
        public var band: Double { bandKm ?? 3 * resolution * 111.32 }
    }

    public let group: HarmonisedGroup
    public let options: Options
    /// Values of the group, in their harmonised unit (index into by `SampleGrid.members`).
    public let values: [HarmonisedValue]
    public let cells: SampleGrid
    public let giStar: GetisOrdGiStar?
    /// IDW estimate at every cell centre of the grid (row-major), NaN beyond reach.
    public let interpolated: [Double]?
    /// Values without a position (not gridded).
    public let unplaced: Int

    public init(group: HarmonisedGroup, values all: [HarmonisedValue], options: Options, metric: any SurfaceMetric = Geodesic.wgs84) throws {
        let placed = all.filter { $0.latitude != nil && $0.longitude != nil }
        guard !placed.isEmpty else { throw PlasticAnalysisError.noPositions(group) }
        guard options.resolution > 0, options.resolution <= 30 else { throw PlasticAnalysisError.analysis("--resolution must be between 0 and 30 degrees") }
        let lat = placed.map { $0.latitude! }, lon = placed.map { $0.longitude! }, v = placed.map(\.value)
        let grid = CellGrid.covering(latitudes: lat, longitudes: lon, resolution: options.resolution)!
        guard grid.cellCount <= 20_000_000 else {
            throw PlasticAnalysisError.analysis("a \(options.resolution)° grid over these samples has \(grid.cellCount.formatted) cells; use a coarser --resolution or a --region")
        }
        self.group = group
        self.options = options
        self.values = placed
        self.unplaced = all.count - placed.count
        cells = SampleGrid(grid: grid, latitudes: lat, longitudes: lon, values: v, metric: metric)
        if options.hotSpots {
            let weights = SpatialWeights.distanceBand(cells: cells.cells, grid: grid, bandMetres: options.band * 1000, metric: metric)
            do {
                giStar = try GetisOrdGiStar(values: cells.values(options.statistic), weights: weights, permutations: options.permutations,
                                            alpha: options.alpha, seed: options.seed)
            } catch {
                throw PlasticAnalysisError.analysis("hot spots for \(group): \(error)")
            }
        } else {
            giStar = nil
        }
        if let radius = options.idwRadiusKm {
            let targets = (0..<grid.cellCount).map { grid.centre($0) }
            interpolated = InverseDistanceWeighting(radiusMetres: radius * 1000)
                .interpolate(latitudes: lat, longitudes: lon, values: v, to: targets, metric: metric)
        } else {
            interpolated = nil
        }
    }

    /// One occupied cell, for tables and JSON.
    public struct Cell: Sendable, Codable {
        public var cell: Int
        public var latitude: Double
        public var longitude: Double
        public var areaKm2: Double
        public var samples: Int
        public var mean: Double
        public var median: Double
        public var minimum: Double
        public var maximum: Double
        /// NCEI class of the median (water samples only).
        public var concentrationClass: String?
        public var giZ: Double?
        public var giP: Double?
        /// "hot", "cold" or nil.
        public var spot: String?
    }

    public var cellRows: [Cell] {
        cells.cells.indices.map { k in
            let c = cells.grid.centre(cells.cells[k])
            let site = giStar?.sites[k]
            return Cell(cell: cells.cells[k], latitude: c.latitude, longitude: c.longitude, areaKm2: cells.area[k] / 1e6, samples: cells.count[k],
                        mean: cells.mean[k], median: cells.median[k], minimum: cells.minimum[k], maximum: cells.maximum[k],
                        concentrationClass: ConcentrationClass(cells.median[k], unit: group.unit)?.rawValue,
                        giZ: site?.z, giP: site.map { giStar!.permutations > 0 ? $0.pPermutation : $0.pNormal },
                        spot: site.flatMap { $0.spot > 0 ? "hot" : $0.spot < 0 ? "cold" : nil })
        }
    }
}
