#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the finished file `temporary` in the place of `path` with `rename(2)`: a reader sees the
/// old file or the new one, never a missing or half-written one. Both must be on one file
/// system (write the temporary beside `path`). On failure the temporary is removed and `path`
/// is left as it was.
public func replaceAtomically(_ path: String, with temporary: String) throws(NetCDFError) {
    guard rename(temporary, path) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw NetCDFError(path: path, reason: "cannot move the finished file into place: \(reason)")
    }
}
