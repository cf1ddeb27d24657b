import Foundation

/// Binary spatial weights between sites in compressed rows: site i's neighbours are
/// `neighbours[offsets[i]..<offsets[i+1]]`, each with weight 1. For Getis-Ord Gi* every site
/// is its own neighbour (w_ii = 1), as PySAL's `fill_diagonal(w, 1)` makes it.
public struct SpatialWeights: Sendable, Equatable {
    public let offsets: [Int]
    public let neighbours: [Int]
    /// True when each site lists itself.
    public let includesSelf: Bool

    public init(offsets: [Int], neighbours: [Int], includesSelf: Bool) {
        self.offsets = offsets
        self.neighbours = neighbours
        self.includesSelf = includesSelf
    }

    public var siteCount: Int { offsets.count - 1 }
    /// Σ_j w_ij of site i (self included when listed).
    public func cardinality(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }

    /// Distance-band weights between occupied cells of a grid: cells whose centres lie within
    /// `bandMetres` of each other on `metric` (geodesic on the ellipsoid in BlueWatch) are
    /// neighbours; each cell is its own. On a regular grid the distance depends only on the two
    /// rows and the column offset, so each distinct (row, row, Δcolumn) is measured once.
    public static func distanceBand(cells: [Int], grid: CellGrid, bandMetres: Double, metric: any SurfaceMetric) -> SpatialWeights {
        var index: [Int: Int] = [:]
        for (k, c) in cells.enumerated() { index[c] = k }
        // Rows reachable within the band: a degree of latitude is at least 110.5 km.
        let rowReach = Int((bandMetres / 110_500 / grid.resolution).rounded(.up))
        var cache: [Int: Double] = [:]
        func distance(_ r1: Int, _ r2: Int, _ dc: Int) -> Double {
            let key = (r1 * grid.rows + r2) * (grid.columns + 1) + dc
            if let d = cache[key] { return d }
            let d = metric.distance(latitude1: grid.latitude(row: r1), longitude1: 0,
                                    latitude2: grid.latitude(row: r2), longitude2: Double(dc) * grid.resolution)
            cache[key] = d
            return d
        }
        // Columns reachable at a row: found by walking out until the distance exceeds the band
        // (distance grows with |Δcolumn| up to 180°).
        var offsets = [0], neighbours: [Int] = []
        let wraps = Double(grid.columns) * grid.resolution >= 360 - 1e-9
        for c in cells {
            let r = grid.row(of: c), col = grid.column(of: c)
            var list: [Int] = []
            for r2 in max(0, r - rowReach)...min(grid.rows - 1, r + rowReach) {
                var dc = 0
                while dc <= grid.columns / (wraps ? 2 : 1), distance(r, r2, dc) <= bandMetres {
                    for col2 in Set([col - dc, col + dc]) {
                        var c2 = col2
                        if wraps { c2 = (c2 % grid.columns + grid.columns) % grid.columns }
                        guard c2 >= 0, c2 < grid.columns, let k = index[r2 * grid.columns + c2] else { continue }
                        list.append(k)
                    }
                    dc += 1
                }
            }
            list = Array(Set(list)).sorted()
            neighbours += list
            offsets.append(neighbours.count)
        }
        return SpatialWeights(offsets: offsets, neighbours: neighbours, includesSelf: true)
    }
}
