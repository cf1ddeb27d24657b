import CNetCDF
import Foundation

/// Serialises every call into libnetcdf, which is not thread-safe (HDF5 underneath is built
/// without its thread-safe option on Debian). All C calls in this module go through
/// ``NetCDFLibrary/call(_:path:variable:_:)`` or ``NetCDFLibrary/locked(_:)``.
enum NetCDFLibrary {
    private static let lock = NSRecursiveLock()

    /// Runs `body` while holding the library lock. Recursive, so a locked helper may call another.
    static func locked<T>(_ body: () throws(NetCDFError) -> T) throws(NetCDFError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs one C call under the lock and turns a non-zero status into a ``NetCDFError``.
    static func call(_ name: String, path: String, variable: String? = nil, _ body: () -> Int32) throws(NetCDFError) {
        lock.lock()
        let status = body()
        lock.unlock()
        if status != NC_NOERR {
            throw NetCDFError.library(status, path: path, variable: variable, call: name)
        }
    }

    /// The libnetcdf version string. The corresponding C function is `nc_inq_libvers`.
    static var version: String {
        lock.lock()
        defer { lock.unlock() }
        return String(cString: nc_inq_libvers())
    }
}

/// Reads a C name buffer of `NC_MAX_NAME + 1` characters into a Swift string.
func withNameBuffer(_ body: (UnsafeMutablePointer<CChar>) -> Int32) -> (Int32, String) {
    var buffer = [CChar](repeating: 0, count: Int(NC_MAX_NAME) + 1)
    let status = buffer.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return (status, String(decoding: bytes, as: UTF8.self))
}
