/// A latitude/longitude field the service can subset, whatever file holds it (a CF NetCDF
/// variable, an ESRI ASCII grid). Axes ascend; `block` gives one time step's values for a
/// block of rows (latitudes) and columns (longitudes), row-major, NaN missing.
public protocol GriddedField: Sendable {
    var name: String { get }
    var latitudes: [Double] { get }
    var longitudes: [Double] { get }
    /// Seconds since 1970 of each step; empty for a field without a time axis.
    var times: [Double] { get }
    func values(time: Int, rows: Range<Int>, columns: Range<Int>) throws -> [Float]
}

extension GriddedField {
    public var nx: Int { longitudes.count }
    public var ny: Int { latitudes.count }
    public var nt: Int { max(times.count, 1) }
    public var usesLongitude0To360: Bool { longitudes.contains { $0 > 180 } }
}

/// A field held in memory (small grids read whole, such as ESRI ASCII grids).
public struct InMemoryField: GriddedField {
    public let name: String
    public let latitudes: [Double]
    public let longitudes: [Double]
    public let times: [Double] = []
    /// Row-major values, rows in the order of `latitudes`.
    public let grid: [Float]

    public init(name: String, latitudes: [Double], longitudes: [Double], grid: [Float]) {
        precondition(grid.count == latitudes.count * longitudes.count, "grid size does not match its axes")
        self.name = name
        self.latitudes = latitudes
        self.longitudes = longitudes
        self.grid = grid
    }

    public func values(time: Int, rows: Range<Int>, columns: Range<Int>) throws -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(rows.count * columns.count)
        for j in rows { out.append(contentsOf: grid[(j * nx + columns.lowerBound)..<(j * nx + columns.upperBound)]) }
        return out
    }
}
