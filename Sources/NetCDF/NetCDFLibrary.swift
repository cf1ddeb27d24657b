import CNetCDF
import Foundation

/// Serialises every call into libnetcdf, which is not thread-safe (HDF5 underneath is built
/// without its thread-safe option on Debian). All C calls in this module go through
/// ``NetCDFLibrary/call(_:path:variable:_:)`` or ``NetCDFLibrary/locked(_:)``.
enum NetCDFLibrary {
    private static let lock = NSRecursiveLock()

    /// HDF5 prints its whole error stack ("HDF5-DIAG: Error detected in HDF5 …", dozens of
    /// lines) to stderr whenever libnetcdf probes for something a file lacks, e.g. the
    /// attribute `_QuantizeBitRoundNumberOfSignificantBits`; libnetcdf reports every real
    /// failure through its own status, which BlueWatch turns into a ``NetCDFError``. So the
    /// automatic printing is switched off with HDF5's `H5Eset_auto2(H5E_DEFAULT, NULL, NULL)`,
    /// found in the already loaded libhdf5 (libnetcdf links it; BlueWatch does not link it
    /// itself). Debian's HDF5 is built thread-safe, where that setting belongs to the calling
    /// thread, so it is made once per thread (a pthread key remembers which).
    /// `BLUEWATCH_HDF5_DIAG=1` keeps the stack.
    private static let setAuto: (@convention(c) (Int64, UnsafeRawPointer?, UnsafeMutableRawPointer?) -> Int32)? = {
        guard ProcessInfo.processInfo.environment["BLUEWATCH_HDF5_DIAG"] != "1",
              let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "H5Eset_auto2") else { return nil }   // RTLD_DEFAULT
        return unsafeBitCast(symbol, to: (@convention(c) (Int64, UnsafeRawPointer?, UnsafeMutableRawPointer?) -> Int32).self)
    }()
    private static let quietThreadKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Switches HDF5's error printing off for the calling thread, once.
    static func quietHDF5() {
        guard let setAuto, pthread_getspecific(quietThreadKey) == nil else { return }
        _ = setAuto(0, nil, nil)   // H5E_DEFAULT is (hid_t)0
        pthread_setspecific(quietThreadKey, UnsafeRawPointer(bitPattern: 1))
    }

    /// Runs `body` while holding the library lock. Recursive, so a locked helper may call another.
    static func locked<T>(_ body: () throws(NetCDFError) -> T) throws(NetCDFError) -> T {
        lock.lock()
        quietHDF5()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs one C call under the lock and turns a non-zero status into a ``NetCDFError``.
    static func call(_ name: String, path: String, variable: String? = nil, _ body: () -> Int32) throws(NetCDFError) {
        lock.lock()
        quietHDF5()
        let status = body()
        lock.unlock()
        if status != NC_NOERR {
            throw NetCDFError.library(status, path: path, variable: variable, call: name)
        }
    }

    /// The most one read may allocate: 2 GiB. A file's dimensions are its own claim (a NetCDF-4
    /// file of a few kilobytes may declare a time axis of 2·10⁹ steps, never written), so every
    /// buffer sized from them is checked against this budget before it is allocated.
    public static let readBudgetBytes = 2 << 30

    /// Throws unless `count` elements of `size` bytes fit in ``readBudgetBytes`` (and in `Int`).
    static func checkBudget(_ count: Int, of size: Int, path: String, variable: String?) throws(NetCDFError) {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: size)
        guard count >= 0, !overflow, bytes <= readBudgetBytes else {
            throw NetCDFError(path: path, variable: variable,
                              reason: "reading it would need \(count) values (\(overflow ? "more than 2^63" : String(bytes >> 20)) MiB), above BlueWatch's \(readBudgetBytes >> 20) MiB budget for one read; read it in parts (a subset, a bbox or a time range)")
        }
    }

    /// The product of `counts`, or nil when it overflows `Int`.
    static func product(_ counts: [Int]) -> Int? {
        var total = 1
        for c in counts {
            let (p, overflow) = total.multipliedReportingOverflow(by: c)
            if overflow { return nil }
            total = p
        }
        return total
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
