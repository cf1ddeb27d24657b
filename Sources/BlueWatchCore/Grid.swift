/// A gridded field on latitude/longitude cells, possibly over time. Flat `Float` storage,
/// time-major: `values[t * ny * nx + y * nx + x]`, NaN for missing.
public struct Grid: Sendable, Equatable {
    public var values: [Float]
    public let nx: Int
    public let ny: Int
    public let nt: Int
    /// Cell-centre latitudes (ny) and longitudes (nx), degrees.
    public let latitudes: [Double]
    public let longitudes: [Double]
    /// UTC seconds since 1970 (nt), empty for a grid without time.
    public let times: [Double]

    public init(values: [Float], latitudes: [Double], longitudes: [Double], times: [Double] = []) {
        let nt = max(times.count, 1)
        precondition(values.count == latitudes.count * longitudes.count * nt, "grid shape does not match its values")
        self.values = values
        self.nx = longitudes.count
        self.ny = latitudes.count
        self.nt = nt
        self.latitudes = latitudes
        self.longitudes = longitudes
        self.times = times
    }

    /// The value at a cell and time step.
    public subscript(x x: Int, y y: Int, t t: Int = 0) -> Float {
        values[t * ny * nx + y * nx + x]
    }
}

/// A gridded variable found in a file: its shape and coverage, not its values (grids stay in
/// their files and are streamed when analysed).
public struct GridDescriptor: Sendable, Equatable, Codable {
    public var variable: String
    public var standardName: String?
    public var longName: String?
    public var units: String?
    public var nx: Int
    public var ny: Int
    public var nt: Int
    public var south: Double
    public var north: Double
    public var west: Double
    public var east: Double
    /// First and last time step (UTC seconds), nil without a time axis.
    public var timeStart: Double?
    public var timeEnd: Double?
    /// Number of cells that are missing in the first time step (land, no data).
    public var missingCells: Int

    public init(variable: String, standardName: String?, longName: String?, units: String?, nx: Int, ny: Int, nt: Int,
                south: Double, north: Double, west: Double, east: Double, timeStart: Double?, timeEnd: Double?, missingCells: Int) {
        self.variable = variable
        self.standardName = standardName
        self.longName = longName
        self.units = units
        self.nx = nx
        self.ny = ny
        self.nt = nt
        self.south = south
        self.north = north
        self.west = west
        self.east = east
        self.timeStart = timeStart
        self.timeEnd = timeEnd
        self.missingCells = missingCells
    }
}
