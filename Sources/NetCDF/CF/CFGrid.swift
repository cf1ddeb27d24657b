/// A gridded variable on latitude/longitude (and optionally time) coordinates, such as an
/// altimetry sea-level anomaly or a bathymetry grid. Values are read lazily, one time step at
/// a time, so a grid larger than memory can be streamed.
public struct CFGrid: Sendable {
    public let variable: CFVariable
    /// Cell-centre latitudes, in file order (ascending or descending).
    public let latitudes: [Double]
    /// Cell-centre longitudes, in file order and in the file's convention (0–360 or −180–180).
    public let longitudes: [Double]
    /// UTC seconds since 1970 for each time step; empty when the variable has no time axis.
    public let times: [Double]
    let latitudePosition: Int
    let longitudePosition: Int
    let timePosition: Int?

    public var name: String { variable.name }
    public var nx: Int { longitudes.count }
    public var ny: Int { latitudes.count }
    /// Number of time steps (1 for a grid without time).
    public var nt: Int { max(times.count, 1) }

    /// True when any longitude is above 180°, i.e. the file uses the 0–360 convention
    /// (`Grid.withSignedLongitudes()` converts a loaded grid).
    public var usesLongitude0To360: Bool { longitudes.contains { $0 > 180 } }

    /// Every variable of the root group laid out on latitude and longitude coordinate
    /// variables (plus optional time and dimensions of length 1).
    public static func grids(in file: NetCDFFile) throws(NetCDFError) -> [CFGrid] {
        let variables = try file.root.variables()
        var latitude: Variable?, longitude: Variable?
        var times: [String: Variable] = [:]
        for v in variables where v.dimensions.count == 1 && v.dimensions[0].name == v.name {
            let standardName = try v.text("standard_name")
            let units = try v.text("units")?.lowercased() ?? ""
            let lower = v.name.lowercased()
            if standardName == "latitude" || units.hasPrefix("degrees_n") || units == "degree_north" || lower == "lat" || lower == "latitude" {
                latitude = v
            } else if standardName == "longitude" || units.hasPrefix("degrees_e") || units == "degree_east" || lower == "lon" || lower == "longitude" {
                longitude = v
            } else if CFTimeAxis.isTimeCoordinate(v) {
                times[v.dimensions[0].name] = v
            }
        }
        guard let latitude, let longitude else { return [] }
        let lats = try CFVariable(latitude).decode()
        let lons = try CFVariable(longitude).decode()
        var result: [CFGrid] = []
        for v in variables where v.type.isNumeric && v.dimensions.count >= 2 {
            guard let y = v.dimensions.firstIndex(where: { $0.name == latitude.dimensions[0].name }),
                  let x = v.dimensions.firstIndex(where: { $0.name == longitude.dimensions[0].name }) else { continue }
            let t = v.dimensions.firstIndex { times[$0.name] != nil }
            let others = v.dimensions.indices.filter { $0 != x && $0 != y && $0 != t }
            guard others.allSatisfy({ v.dimensions[$0].length == 1 }), v.dimensions[x].length * v.dimensions[y].length > 1 else { continue }
            guard y < x, t.map({ $0 < y }) ?? true else {
                throw NetCDFError(path: file.path, variable: v.name, reason: "grid dimensions \(v.dimensionNames) are not ordered (time, latitude, longitude)")
            }
            let axis = try t.map { (index) throws(NetCDFError) in try CFTimeAxis(times[v.dimensions[index].name]!).seconds } ?? []
            result.append(CFGrid(variable: try CFVariable(v), latitudes: lats, longitudes: lons, times: axis,
                                 latitudePosition: y, longitudePosition: x, timePosition: t))
        }
        return result
    }

    /// Start and count of the hyperslab of `rows` × `columns` at time step `time` (one step).
    func hyperslab(rows: Range<Int>, columns: Range<Int>, time: Int = 0) -> (start: [Int], count: [Int]) {
        var start = [Int](repeating: 0, count: variable.variable.dimensions.count)
        var count = [Int](repeating: 1, count: start.count)
        start[latitudePosition] = rows.lowerBound
        count[latitudePosition] = rows.count
        start[longitudePosition] = columns.lowerBound
        count[longitudePosition] = columns.count
        if let timePosition { start[timePosition] = time }
        return (start, count)
    }

    /// Decoded values of one time step, latitude-major (`y * nx + x`), in file order, NaN for
    /// missing. The corresponding C function is `nc_get_vara_double`.
    public func slice(time index: Int = 0) throws(NetCDFError) -> [Float] {
        try block(time: index, rows: 0..<ny, columns: 0..<nx)
    }

    /// Decoded values of every time step for a block of rows and columns, time-major
    /// (`t * rows * columns + y * columns + x`): the unit in which a grid larger than memory is
    /// streamed. Read in slabs of as many time steps as one chunk holds, so each compressed chunk
    /// is inflated once, and decoded straight into `Float` without a full-size intermediate.
    /// The corresponding C function is `nc_get_vara_double`.
    public func band(rows: Range<Int>, columns: Range<Int>? = nil) throws(NetCDFError) -> [Float] {
        let columns = columns ?? 0..<nx
        let plane = rows.count * columns.count
        try NetCDFLibrary.checkBudget(NetCDFLibrary.product([rows.count, columns.count, nt]) ?? -1, of: MemoryLayout<Float>.stride,
                                      path: variable.variable.path, variable: variable.variable.name)
        var out = [Float](repeating: .nan, count: plane * nt)
        let chunkSteps: Int
        if let timePosition, let chunks = try variable.variable.storage().chunks { chunkSteps = max(1, chunks[timePosition]) } else { chunkSteps = nt }
        var (start, count) = hyperslab(rows: rows, columns: columns)
        var t = 0
        while t < nt {
            let steps = min(chunkSteps - (t % chunkSteps), nt - t)
            if let timePosition { start[timePosition] = t; count[timePosition] = steps }
            let values = try variable.decode(start: start, count: count)
            out.withUnsafeMutableBufferPointer { dst in
                values.withUnsafeBufferPointer { src in
                    for i in 0..<src.count { dst[t * plane + i] = Float(src[i]) }
                }
            }
            t += steps
        }
        return out
    }

    /// Decoded values of a block of time steps `range`, time-major (`t * ny * nx + y * nx + x`).
    public func block(times range: Range<Int>) throws(NetCDFError) -> [Float] {
        var (start, count) = hyperslab(rows: 0..<ny, columns: 0..<nx, time: range.lowerBound)
        if let timePosition { count[timePosition] = range.count }
        return try variable.decode(start: start, count: count).map(Float.init)
    }

    /// Decoded values of one time step over a block of rows and columns, row-major
    /// (`y * columns + x`), NaN for missing: what a subset request reads, one step at a time.
    /// The corresponding C function is `nc_get_vara_double`.
    public func block(time index: Int, rows: Range<Int>, columns: Range<Int>) throws(NetCDFError) -> [Float] {
        precondition(index >= 0 && index < nt && rows.lowerBound >= 0 && rows.upperBound <= ny && columns.lowerBound >= 0 && columns.upperBound <= nx,
                     "block outside the grid (time \(index), rows \(rows), columns \(columns))")
        let (start, count) = hyperslab(rows: rows, columns: columns, time: index)
        return try variable.decode(start: start, count: count).map(Float.init)
    }
}
