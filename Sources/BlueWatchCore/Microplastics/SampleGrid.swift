import Foundation

/// Point values binned on a ``CellGrid``: for every cell holding at least one value, the
/// count, mean, median, minimum, maximum and its ellipsoidal area. Values are kept grouped by
/// cell (compressed rows), so per-cell work (medians, trends) reads one contiguous run.
public struct SampleGrid: Sendable {
    public let grid: CellGrid
    /// Ids of the occupied cells, ascending.
    public let cells: [Int]
    /// `members[offsets[k]..<offsets[k+1]]` are the input indices of the values in `cells[k]`.
    public let offsets: [Int]
    public let members: [Int]
    public let count: [Int]
    public let mean: [Double]
    public let median: [Double]
    public let minimum: [Double]
    public let maximum: [Double]
    /// Cell area, m².
    public let area: [Double]
    /// Input values that fell outside the grid or had no position.
    public let unplaced: Int

    /// Bins `values` at (`latitudes`, `longitudes`); NaN or infinite values and positions are
    /// left out (counted in `unplaced`). One pass to place, one counting sort, one pass per cell.
    public init(grid: CellGrid, latitudes: [Double], longitudes: [Double], values: [Double], metric: any SurfaceMetric) {
        precondition(latitudes.count == values.count && longitudes.count == values.count, "one position per value")
        self.grid = grid
        let n = values.count
        var place = [Int](repeating: -1, count: n)
        var perCell = [Int32](repeating: 0, count: grid.cellCount + 1)
        var unplaced = 0
        for i in 0..<n {
            if values[i].isFinite, let c = grid.cell(latitude: latitudes[i], longitude: longitudes[i]) {
                place[i] = c
                perCell[c] += 1
            } else {
                unplaced += 1
            }
        }
        self.unplaced = unplaced
        var cells: [Int] = []
        var start = [Int](repeating: 0, count: grid.cellCount)
        var offsets: [Int] = [0]
        for c in 0..<grid.cellCount where perCell[c] > 0 {
            cells.append(c)
            start[c] = offsets.last!
            offsets.append(offsets.last! + Int(perCell[c]))
        }
        var members = [Int](repeating: 0, count: offsets.last!)
        var cursor = start
        for i in 0..<n where place[i] >= 0 {
            members[cursor[place[i]]] = i
            cursor[place[i]] += 1
        }
        let rowArea = grid.rowAreas(metric)
        var count = [Int](), mean = [Double](), median = [Double](), minimum = [Double](), maximum = [Double](), area = [Double]()
        for k in cells.indices {
            var v = members[offsets[k]..<offsets[k + 1]].map { values[$0] }
            v.sort()
            count.append(v.count)
            mean.append(v.reduce(0, +) / Double(v.count))
            median.append(v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2)
            minimum.append(v.first!)
            maximum.append(v.last!)
            area.append(rowArea[grid.row(of: cells[k])])
        }
        self.cells = cells
        self.offsets = offsets
        self.members = members
        self.count = count
        self.mean = mean
        self.median = median
        self.minimum = minimum
        self.maximum = maximum
        self.area = area
    }

    /// The statistic of each occupied cell that hot-spot analysis and maps use.
    public enum Statistic: String, Sendable, Codable, CaseIterable {
        case median, mean, maximum, count
    }

    public func values(_ statistic: Statistic) -> [Double] {
        switch statistic {
        case .median: median
        case .mean: mean
        case .maximum: maximum
        case .count: count.map(Double.init)
        }
    }

    /// Samples per 10,000 km² of each occupied cell (sampling effort, not concentration).
    public var samplingDensity: [Double] { cells.indices.map { Double(count[$0]) / (area[$0] / 1e10) } }
}
