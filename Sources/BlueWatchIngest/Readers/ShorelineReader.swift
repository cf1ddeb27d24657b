import Foundation
import NetCDF

/// Coastlines from GMT's binned GSHHG files (Debian package `gmt-gshhg-low`, installed by
/// `scripts/bootstrap.sh --test`: `/usr/share/gmt-gshhg/binned_GSHHS_{c,l,i}.nc`), read through
/// BlueWatch's NetCDF layer. The globe is cut into square bins (10° in the crude and low
/// files), numbered row by row from the north-west; each bin holds shoreline segments whose
/// points are 16-bit offsets (0…65535 across the bin) from the bin's south-west corner. Each
/// segment packs its point count in the upper bits of `Embedded_npts_levels_exit_entry…`
/// (n = value >> 9), as GMT's `gmt_shore.c` reads it. Segments are returned as polylines
/// (longitude, latitude), for drawing.
public struct ShorelineReader: Sendable {
    public let path: String

    /// The Debian location of the low-resolution file.
    public static let defaultPath = "/usr/share/gmt-gshhg/binned_GSHHS_l.nc"

    public init(path: String = ShorelineReader.defaultPath) { self.path = path }

    public static var isInstalled: Bool { FileManager.default.fileExists(atPath: defaultPath) }

    /// Shoreline polylines of the bins overlapping the box (longitudes −180…360).
    public func segments(south: Double, north: Double, west: Double, east: Double) throws -> [[(longitude: Double, latitude: Double)]] {
        let file = try NetCDFFile.open(path)
        func ints(_ name: String) throws -> [Int32] {
            guard let v = try file.root.variable(named: name) else { throw IngestError(path: path, location: "variable '\(name)'", reason: "missing: not a GMT binned GSHHG file") }
            return try v.read(Int32.self)
        }
        func shorts(_ name: String) throws -> [Int16] {
            guard let v = try file.root.variable(named: name) else { throw IngestError(path: path, location: "variable '\(name)'", reason: "missing: not a GMT binned GSHHG file") }
            return try v.read(Int16.self)
        }
        let binMinutes = Double(try ints("Bin_size_in_minutes")[0])
        let nx = Int(try ints("N_bins_in_360_longitude_range")[0])
        let binDegrees = binMinutes / 60
        let firstSegment = try ints("Id_of_first_segment_in_a_bin")
        let segmentCount = try shorts("N_segments_in_a_bin")
        let info = try ints("Embedded_npts_levels_exit_entry_for_a_segment")
        let firstPoint = try ints("Id_of_first_point_in_a_segment")
        let dx = try shorts("Relative_longitude_from_SW_corner_of_bin")
        let dy = try shorts("Relative_latitude_from_SW_corner_of_bin")
        var out: [[(longitude: Double, latitude: Double)]] = []
        for bin in firstSegment.indices {
            let west0 = Double(bin % nx) * binDegrees
            let south0 = 90 - Double(bin / nx + 1) * binDegrees
            guard south0 + binDegrees >= south, south0 <= north else { continue }
            // The bin's longitude in the caller's convention (the box may run past 180 or below 0).
            let candidates = [west0, west0 - 360, west0 + 360].filter { $0 + binDegrees >= west && $0 <= east }
            guard let binWest = candidates.first else { continue }
            let first = Int(firstSegment[bin])
            for s in first..<(first + Int(segmentCount[bin])) {
                let n = Int(UInt32(bitPattern: info[s]) >> 9)
                let p0 = Int(firstPoint[s])
                guard n >= 2, p0 + n <= dx.count else { continue }
                out.append((p0..<(p0 + n)).map { p in
                    (binWest + Double(UInt16(bitPattern: dx[p])) / 65535 * binDegrees, south0 + Double(UInt16(bitPattern: dy[p])) / 65535 * binDegrees)
                })
            }
        }
        return out
    }
}
