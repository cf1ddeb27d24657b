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

    /// Part `index` (from 1) of `count`: the grid's rows (inside the box) cut into `count`
    /// bands of nearly equal height. Parts written by ``GridTrendResult/write(to:command:)``
    /// join with ``GridTrendResult/merge(parts:)`` into the untiled result, bit for bit.
    public struct Tile: Sendable, Equatable, CustomStringConvertible {
        public var index: Int
        public var count: Int
        public init(index: Int, count: Int) throws(GridTrendError) {
            guard count >= 1, count <= 10_000, (1...count).contains(index) else {
                throw GridTrendError(reason: "tile \(index)/\(count): the index runs from 1 to the count (at most 10000)")
            }
            self.index = index
            self.count = count
        }
        /// "I/N".
        public init(parsing text: String) throws(GridTrendError) {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
                throw GridTrendError(reason: "tile '\(text)' is not I/N (e.g. 2/4)")
            }
            try self.init(index: i, count: n)
        }
        public var description: String { "\(index)/\(count)" }
        /// The rows of this part among `rows`.
        func rows(of rows: Range<Int>) -> Range<Int> {
            let n = rows.count
            return (rows.lowerBound + n * (index - 1) / count)..<(rows.lowerBound + n * index / count)
        }
    }

    public var variable: String
    public var box: Box?
    /// Only this part of the rows.
    public var tile: Tile?
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
        guard let boxRows = rows, let columnRange = columns else {
            throw NetCDFError(path: path, variable: variable, reason: "the box holds no grid cells")
        }
        let rowRange = tile?.rows(of: boxRows) ?? boxRows
        guard !rowRange.isEmpty else {
            throw NetCDFError(path: path, variable: variable, reason: "tile \(tile!) holds no rows: the box has \(boxRows.count) rows; use at most \(boxRows.count) tiles")
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
            times: grid.times, model: trend.model, minimumCount: trend.minimumCount, robust: robust, cells: Array(output.pointer),
            tile: tile.map { GridTrendResult.TilePlacement(tile: $0, firstRow: rowRange.lowerBound - boxRows.lowerBound, rowsInAll: boxRows.count) })
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

/// A tiling or merging request that cannot be met.
public struct GridTrendError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
