import CNetCDF
import Foundation

/// An open NetCDF file. Owns its `ncid` and closes it in `deinit`.
///
/// Opens every format libnetcdf reads: classic, 64-bit offset, CDF5 and NetCDF-4/HDF5
/// (compressed, chunked, with groups).
public final class NetCDFFile: @unchecked Sendable {
    /// The path the file was opened or created with; every error names it.
    public let path: String
    let ncid: Int32
    private var isOpen = true
    /// True while the file is in define mode (created, `endDefinitions` not yet called).
    var inDefineMode: Bool

    private init(path: String, ncid: Int32, defining: Bool) {
        self.path = path
        self.ncid = ncid
        self.inDefineMode = defining
    }

    /// Opens a file read-only; a classic-format file shorter than its header says is refused
    /// (``ClassicExtent``). The corresponding C functions are `nc_open` and `nc_inq_format`.
    public static func open(_ path: String) throws(NetCDFError) -> NetCDFFile {
        guard FileManager.default.fileExists(atPath: path) else {
            throw NetCDFError(path: path, reason: "no such file")
        }
        var ncid: Int32 = 0
        try NetCDFLibrary.call("nc_open", path: path) { nc_open(path, NC_NOWRITE, &ncid) }
        let file = NetCDFFile(path: path, ncid: ncid, defining: false)
        var format: Int32 = 0
        if NetCDFLibrary.lockedStatus({ nc_inq_format(ncid, &format) }) == NC_NOERR, [NC_FORMAT_CLASSIC, NC_FORMAT_64BIT_OFFSET, NC_FORMAT_CDF5].contains(format) {
            try file.checkClassicExtent()
        }
        return file
    }

    /// The on-disk formats BlueWatch can write.
    public enum WriteFormat: Sendable {
        /// NetCDF-4/HDF5 (compression, strings, groups).
        case netcdf4
        /// NetCDF-4 classic model: HDF5 storage, classic data model.
        case netcdf4Classic
        /// Classic CDF-1, for old readers.
        case classic
        /// CDF-2, 64-bit offsets.
        case offset64
        /// CDF-5, 64-bit data (large variables, unsigned and 64-bit integer types).
        case cdf5
    }

    /// Creates (or overwrites) a file, in define mode. The corresponding C function is `nc_create`.
    public static func create(_ path: String, format: WriteFormat = .netcdf4) throws(NetCDFError) -> NetCDFFile {
        var mode = NC_CLOBBER
        switch format {
        case .netcdf4: mode |= NC_NETCDF4
        case .netcdf4Classic: mode |= NC_NETCDF4 | NC_CLASSIC_MODEL
        case .classic: break
        case .offset64: mode |= NC_64BIT_OFFSET
        case .cdf5: mode |= NC_64BIT_DATA
        }
        var ncid: Int32 = 0
        try NetCDFLibrary.call("nc_create", path: path) { nc_create(path, mode, &ncid) }
        return NetCDFFile(path: path, ncid: ncid, defining: true)
    }

    /// The root group.
    public var root: Group { Group(file: self, id: ncid, name: "/") }

    /// The on-disk format, e.g. "netCDF-4", "classic", "64-bit offset", "CDF5".
    /// The corresponding C functions are `nc_inq_format_extended` and `nc_inq_format`.
    public func format() throws(NetCDFError) -> String {
        var format: Int32 = 0
        var mode: Int32 = 0
        try NetCDFLibrary.call("nc_inq_format_extended", path: path) { nc_inq_format_extended(ncid, &format, &mode) }
        switch format {
        case NC_FORMATX_NC_HDF5:
            var plain: Int32 = 0
            try NetCDFLibrary.call("nc_inq_format", path: path) { nc_inq_format(ncid, &plain) }
            return plain == NC_FORMAT_NETCDF4_CLASSIC ? "netCDF-4 classic model" : "netCDF-4"
        case NC_FORMATX_NC3:
            if (mode & NC_64BIT_DATA) != 0 { return "CDF5 (64-bit data)" }
            if (mode & NC_64BIT_OFFSET) != 0 { return "64-bit offset" }
            return "classic"
        case NC_FORMATX_NC_HDF4: return "HDF4"
        case NC_FORMATX_DAP2, NC_FORMATX_DAP4: return "OPeNDAP"
        default: return "format \(format)"
        }
    }

    /// Leaves define mode so data can be written. The corresponding C function is `nc_enddef`.
    public func endDefinitions() throws(NetCDFError) {
        guard inDefineMode else { return }
        try NetCDFLibrary.call("nc_enddef", path: path) { nc_enddef(ncid) }
        inDefineMode = false
    }

    /// Flushes and closes the file; errors on flush are reported here rather than lost in
    /// `deinit`. The corresponding C function is `nc_close`.
    public func close() throws(NetCDFError) {
        try NetCDFLibrary.locked { () throws(NetCDFError) in
            guard isOpen else { return }
            isOpen = false
            try NetCDFLibrary.call("nc_close", path: path) { nc_close(ncid) }
        }
    }

    deinit {
        if isOpen { try? NetCDFLibrary.call("nc_close", path: path) { nc_close(ncid) } }
    }

    /// The version of the libnetcdf BlueWatch is linked with (`nc_inq_libvers`).
    public static var libraryVersion: String { NetCDFLibrary.version }
}
