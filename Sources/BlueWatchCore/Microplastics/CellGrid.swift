import Foundation

/// A regular latitude–longitude grid of square cells (`resolution` degrees), aligned to
/// multiples of the resolution. Longitudes run east from `west`, which may exceed 180 when the
/// data straddle the antimeridian (a grid from 135° to 225° covers 135°E–135°W); points are
/// placed by their longitude modulo 360. Cell ids are row-major from the south-west corner.
public struct CellGrid: Sendable, Equatable, Codable {
    public let resolution: Double
    /// South edge of the first row, degrees north.
    public let south: Double
    /// West edge of the first column, degrees east (−180 ≤ west < 360).
    public let west: Double
    public let rows: Int
    public let columns: Int

    public init(resolution: Double, south: Double, west: Double, rows: Int, columns: Int) {
        precondition(resolution > 0 && rows > 0 && columns > 0, "a grid needs a positive resolution and size")
        self.resolution = resolution
        self.south = south
        self.west = west
        self.rows = rows
        self.columns = columns
    }

    public var cellCount: Int { rows * columns }
    public var north: Double { south + Double(rows) * resolution }
    public var east: Double { west + Double(columns) * resolution }

    /// The smallest aligned grid holding every point: longitudes are taken in −180…180 or in
    /// 0…360, whichever spans less (a Pacific data set straddling 180° gets one grid, not two).
    public static func covering(latitudes: [Double], longitudes: [Double], resolution: Double) -> CellGrid? {
        guard resolution > 0, let latMin = latitudes.min(), let latMax = latitudes.max() else { return nil }
        let east = longitudes.map { $0 > 180 ? $0 - 360 : $0 }
        let positive = east.map { $0 < 0 ? $0 + 360 : $0 }
        let (lonMin, lonMax) = (positive.max()! - positive.min()!) < (east.max()! - east.min()!)
            ? (positive.min()!, positive.max()!) : (east.min()!, east.max()!)
        let s = max(-90, (latMin / resolution).rounded(.down) * resolution)
        let n = min(90, ((latMax / resolution).rounded(.down) + 1) * resolution)
        let w = (lonMin / resolution).rounded(.down) * resolution
        let e = ((lonMax / resolution).rounded(.down) + 1) * resolution
        let rows = max(1, Int(((n - s) / resolution).rounded()))
        let columns = max(1, min(Int((360 / resolution).rounded()), Int(((e - w) / resolution).rounded())))
        return CellGrid(resolution: resolution, south: s, west: w, rows: rows, columns: columns)
    }

    /// The cell holding a point, or nil outside the grid.
    @inline(__always)
    public func cell(latitude: Double, longitude: Double) -> Int? {
        guard latitude.isFinite, longitude.isFinite else { return nil }
        let r = Int(((latitude - south) / resolution).rounded(.down))
        var offset = (longitude - west).truncatingRemainder(dividingBy: 360)
        if offset < 0 { offset += 360 }
        let c = Int((offset / resolution).rounded(.down))
        guard r >= 0, r < rows || (r == rows && latitude == north && latitude == 90), c < columns else { return nil }
        return min(r, rows - 1) * columns + c
    }

    public func row(of cell: Int) -> Int { cell / columns }
    public func column(of cell: Int) -> Int { cell % columns }

    /// Centre latitude of row `r`.
    public func latitude(row r: Int) -> Double { south + (Double(r) + 0.5) * resolution }
    /// Centre longitude of column `c` in the grid's own convention (may exceed 180).
    public func longitude(column c: Int) -> Double { west + (Double(c) + 0.5) * resolution }

    /// Centre of a cell, longitude in −180…180.
    public func centre(_ cell: Int) -> (latitude: Double, longitude: Double) {
        let lon = longitude(column: column(of: cell))
        return (latitude(row: row(of: cell)), lon > 180 ? lon - 360 : lon)
    }

    /// Edges of a cell: south, north, west, east (west/east in the grid's convention).
    public func bounds(_ cell: Int) -> (south: Double, north: Double, west: Double, east: Double) {
        let r = Double(row(of: cell)), c = Double(column(of: cell))
        return (south + r * resolution, south + (r + 1) * resolution, west + c * resolution, west + (c + 1) * resolution)
    }

    /// Cell area per row (m²): every cell of a row has the same area.
    public func rowAreas(_ metric: any SurfaceMetric) -> [Double] {
        (0..<rows).map { r in
            let s = south + Double(r) * resolution
            return metric.cellArea(south: s, north: s + resolution, west: west, east: west + resolution)
        }
    }
}
