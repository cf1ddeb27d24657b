import BlueWatchCore
import Dispatch
import Foundation
import NetCDF

/// Trends for every cell of a gridded sea-level file: read in latitude bands (the whole grid at
/// once when it fits ``bandBytes``, so compressed chunks are inflated once), each band's cells
/// fitted in parallel (``GridTrend``).
public struct GridTrendRunner: Sendable {
    public enum ModelChoice: String, Sendable, CaseIterable {
        /// Annual and semi-annual cycles when the record spans two years at monthly or finer steps.
        case auto
        case linear
        case seasonal
    }

    /// A latitude/longitude box, degrees; longitudes in the file's convention or −180…180.
    public struct Box: Sendable, Equatable {
        public var south, north, west, east: Double
        public init(south: Double, north: Double, west: Double, east: Double) {
            self.south = south; self.north = north; self.west = west; self.east = east
        }
    }

    public var variable: String
    public var box: Box?
    public var model: ModelChoice = .auto
    /// Minimum valid time steps per cell; default two thirds of the steps.
    public var minimumCount: Int?
    /// Also Sen's slope and the Mann-Kendall test per cell.
    public var robust = false
    /// Bytes of input per band (all time steps of some rows, as Float): a grid within this budget
    /// is read once, a larger one streamed band by band.
    public var bandBytes = 1 << 30

    public init(variable: String, box: Box? = nil, model: ModelChoice = .auto, minimumCount: Int? = nil) {
        self.variable = variable
        self.box = box
        self.model = model
        self.minimumCount = minimumCount
    }

    /// Runs over `path`; `progress(done, total)` is called as bands finish.
    public func run(path: String, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> GridTrendResult {
        let file = try NetCDFFile.open(path)
        guard let grid = try CFGrid.grids(in: file).first(where: { $0.name == variable }) else {
            let names = (try? CFGrid.grids(in: file).map { $0.name }) ?? []
            throw NetCDFError(path: path, variable: variable, reason: "is not a latitude/longitude grid in this file (grids: \(names.joined(separator: ", ")))")
        }
        guard grid.times.count >= 3 else {
            throw NetCDFError(path: path, variable: variable, reason: "has \(grid.times.count) time step(s); a trend needs at least 3")
        }
        if let bad = zip(grid.times, grid.times.dropFirst()).first(where: { $0.1 <= $0.0 }) {
            throw NetCDFError(path: path, variable: "time", reason: "times are not increasing (\(UTCTime.iso(bad.0)) then \(UTCTime.iso(bad.1)))")
        }
        let rows = indices(grid.latitudes) { lat in box.map { lat >= $0.south && lat <= $0.north } ?? true }
        let columns = indices(grid.longitudes) { lon in
            guard let b = box else { return true }
            let l = lon > 180 && b.west < 0 ? lon - 360 : lon
            return b.west <= b.east ? (l >= b.west && l <= b.east) : (l >= b.west || l <= b.east)
        }
        guard let rowRange = rows, let columnRange = columns else {
            throw NetCDFError(path: path, variable: variable, reason: "the box holds no grid cells")
        }
        let span = (grid.times.last! - grid.times.first!) / TrendModel.secondsPerYear
        let step = Sampling.medianInterval(grid.times) ?? 0
        let seasonal: Bool
        switch model {
        case .linear: seasonal = false
        case .seasonal: seasonal = true
        case .auto: seasonal = span >= 2 && step <= 40 * 86_400
        }
        let trend = GridTrend(times: grid.times, model: TrendModel(seasonal: seasonal),
                              minimumCount: minimumCount ?? Int((Double(grid.times.count) * 2 / 3).rounded(.up)), robust: robust)
        let nx = columnRange.count, ny = rowRange.count, nt = grid.times.count
        let rowsPerBand = max(1, min(ny, bandBytes / max(1, nt * nx * 4)))
        let bands = stride(from: 0, to: ny, by: rowsPerBand).map { $0..<min($0 + rowsPerBand, ny) }
        let output = CellBuffer(count: nx * ny)
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        for (b, band) in bands.enumerated() {
            let values = try grid.band(rows: (rowRange.lowerBound + band.lowerBound)..<(rowRange.lowerBound + band.upperBound), columns: columnRange)
            let cells = band.count * nx
            let per = (cells + workers * 4 - 1) / (workers * 4)
            let pieces = stride(from: 0, to: cells, by: per).map { $0..<min($0 + per, cells) }
            values.withUnsafeBufferPointer { buffer in
                let v = ReadOnlyBlock(buffer: buffer)
                DispatchQueue.concurrentPerform(iterations: pieces.count) { k in
                    let range = pieces[k]
                    let offset = band.lowerBound * nx
                    let slice = UnsafeMutableBufferPointer(rebasing: output.pointer[(offset + range.lowerBound)..<(offset + range.upperBound)])
                    trend.fit(block: v.buffer, cells: cells, range: range, into: slice)
                }
            }
            progress?(b + 1, bands.count)
        }
        let attributes = try grid.variable.variable.attributes()
        return GridTrendResult(
            sourcePath: path, variable: variable, variableAttributes: textAttributes(attributes),
            globalAttributes: textAttributes(try file.root.attributes()),
            latitudes: Array(grid.latitudes[rowRange]), longitudes: Array(grid.longitudes[columnRange]),
            times: grid.times, model: trend.model, minimumCount: trend.minimumCount, cells: Array(output.pointer))
    }

    func indices(_ values: [Double], _ keep: (Double) -> Bool) -> Range<Int>? {
        guard let first = values.firstIndex(where: keep), let last = values.lastIndex(where: keep) else { return nil }
        return first..<(last + 1)
    }
}

/// Shared output storage written by disjoint bands from several threads.
final class CellBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<GridTrend.Cell>
    init(count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: GridTrend.Cell())
    }
    deinit { pointer.deallocate() }
}

/// A block read once and then only read, shared by the workers fitting its cells.
struct ReadOnlyBlock: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Float>
}
