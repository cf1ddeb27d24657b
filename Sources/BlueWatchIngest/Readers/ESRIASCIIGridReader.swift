import BlueWatchCore
import Foundation

/// ESRI / ETOPO ASCII grid: six header lines (`ncols`, `nrows`, `xllcorner|xllcenter|xll|xlower`,
/// `yll…`, `cellsize`, `nodata_value`) written key-first (ESRI) or value-first (GeoClaw
/// "topotype 3"), then `nrows` rows north to south. The whole file is read to check it holds
/// exactly ncols × nrows numbers; the grid itself stays in the file.
public enum ESRIASCIIGridReader {
    struct Header {
        var ncols = 0, nrows = 0
        var x = 0.0, y = 0.0, cellsize = 0.0
        var nodata: Double?
        /// True when x/y are the lower-left corner of the lower-left cell; false for its centre
        /// (`xllcenter`) or grid point (GeoClaw `xlower`/`xll`).
        var corner = true
    }

    static func header(_ lines: [Substring], path: String) throws(IngestError) -> Header {
        var h = Header()
        var seen = Set<String>()
        for (n, line) in lines.prefix(6).enumerated() {
            let f = line.split(whereSeparator: { $0.isWhitespace })
            guard f.count == 2 else { throw IngestError(path: path, location: "line \(n + 1)", reason: "expected a header 'key value' or 'value key', found '\(line)'") }
            let (key, value) = Double(f[0]) != nil ? (f[1].lowercased(), Double(f[0])!) : (f[0].lowercased(), Double(f[1]) ?? .nan)
            guard value.isFinite else { throw IngestError(path: path, location: "line \(n + 1)", reason: "header value is not a finite number") }
            seen.insert(key)
            func count() throws(IngestError) -> Int {
                // A grid side beyond 10⁷ cells is not an ASCII grid anyone wrote.
                guard value == value.rounded(), (1...10_000_000).contains(value) else {
                    throw IngestError(path: path, location: "line \(n + 1)", reason: "\(key) \(formatNumber(value)) is not a whole number between 1 and 10000000")
                }
                return Int(value)
            }
            switch key {
            case "ncols": h.ncols = try count()
            case "nrows": h.nrows = try count()
            case "xllcorner": h.x = value
            case "xllcenter", "xll", "xlower": h.x = value; h.corner = false
            case "yllcorner": h.y = value
            case "yllcenter", "yll", "ylower": h.y = value; h.corner = false
            case "cellsize": h.cellsize = value
            case "nodata_value": h.nodata = value
            default: throw IngestError(path: path, location: "line \(n + 1)", reason: "unknown header key '\(key)'")
            }
        }
        guard h.ncols > 0, h.nrows > 0, h.cellsize > 0, seen.count >= 5 else {
            throw IngestError(path: path, location: "header", reason: "needs positive ncols, nrows and cellsize")
        }
        return h
    }

    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let text = try readText(path)
        let lines = text.split(whereSeparator: { $0.isNewline })
        let h = try header(lines, path: path)
        var count = 0, missing = 0
        var lo = Double.infinity, hi = -Double.infinity
        for (n, line) in lines.dropFirst(6).enumerated() {
            for token in line.split(whereSeparator: { $0.isWhitespace }) {
                guard let v = Double(token), !v.isInfinite else {
                    throw IngestError(path: path, location: "line \(n + 7)", reason: "'\(token)' is not a finite number")
                }
                count += 1
                if v == h.nodata { missing += 1 } else { lo = min(lo, v); hi = max(hi, v) }
            }
        }
        guard count == h.ncols * h.nrows else {
            throw IngestError(path: path, reason: "holds \(count) values, but the header announces \(h.ncols) × \(h.nrows) = \(h.ncols * h.nrows) (truncated?)")
        }
        // Cell-centre coverage.
        let half = h.corner ? h.cellsize / 2 : 0
        let west = h.x + half, south = h.y + half
        let descriptor = GridDescriptor(
            variable: "elevation", standardName: "height_above_mean_sea_level", longName: "elevation (positive up)", units: "m",
            nx: h.ncols, ny: h.nrows, nt: 1, south: south, north: south + Double(h.nrows - 1) * h.cellsize,
            west: west, east: west + Double(h.ncols - 1) * h.cellsize, timeStart: nil, timeEnd: nil, missingCells: missing)
        var dataset = context.dataset(format: .esriASCIIGrid, title: "ASCII elevation grid \(h.ncols) × \(h.nrows), \(formatNumber(h.cellsize * 60))′")
        dataset.grids = [descriptor]
        dataset.notes.append("elevation \(formatNumber(lo)) to \(formatNumber(hi)) m; \(missing) cells missing")
        return dataset
    }

    /// The whole grid as a field with ascending axes (the file's rows run north to south;
    /// `nodata_value` becomes NaN), for serving subsets. Cell centres.
    public static func field(_ path: String) throws(IngestError) -> InMemoryField {
        let text = try readText(path)
        let lines = text.split(whereSeparator: { $0.isNewline })
        let h = try header(lines, path: path)
        var values: [Float] = []
        values.reserveCapacity(h.ncols * h.nrows)
        for (n, line) in lines.dropFirst(6).enumerated() {
            for token in line.split(whereSeparator: { $0.isWhitespace }) {
                guard let v = Double(token), !v.isInfinite else {
                    throw IngestError(path: path, location: "line \(n + 7)", reason: "'\(token)' is not a finite number")
                }
                values.append(v == h.nodata ? .nan : Float(v))
            }
        }
        guard values.count == h.ncols * h.nrows else {
            throw IngestError(path: path, reason: "holds \(values.count) values, but the header announces \(h.ncols) × \(h.nrows)")
        }
        let half = h.corner ? h.cellsize / 2 : 0
        let latitudes = (0..<h.nrows).map { h.y + half + Double($0) * h.cellsize }
        let longitudes = (0..<h.ncols).map { h.x + half + Double($0) * h.cellsize }
        var flipped: [Float] = []
        flipped.reserveCapacity(values.count)
        for row in (0..<h.nrows).reversed() { flipped.append(contentsOf: values[(row * h.ncols)..<((row + 1) * h.ncols)]) }
        return InMemoryField(name: "elevation", latitudes: latitudes, longitudes: longitudes, grid: flipped)
    }
}
