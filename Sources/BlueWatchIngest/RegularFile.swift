import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What BlueWatch opens as input: a regular file, and for text read whole, one of bounded size.
/// FIFOs, character and block devices and sockets are refused before they are opened (opening
/// a FIFO blocks until a writer comes; `/dev/zero` never ends), so `ingest` and `alerts run`
/// cannot hang on a drop folder.
enum RegularFile {
    /// The largest text file read whole (CSV, PSMSL, DART and ASCII grids): 512 MiB. The
    /// largest text file providers publish here is a few MB.
    static let textLimit = 512 << 20

    /// The size of the regular file at `path` (symbolic links followed, with `stat(2)`), or an
    /// error naming the file and what it is instead.
    static func size(of path: String) throws(IngestError) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "no such file" : "cannot be read: \(String(cString: strerror(errno)))"
            throw IngestError(path: path, reason: reason)
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            let what: String
            switch type {
            case S_IFDIR: what = "a folder"
            case S_IFIFO: what = "a FIFO (named pipe)"
            case S_IFCHR: what = "a character device"
            case S_IFBLK: what = "a block device"
            case S_IFSOCK: what = "a socket"
            default: what = "not a regular file"
            }
            throw IngestError(path: path, reason: "is \(what); only regular files are read")
        }
        return Int(info.st_size)
    }

    /// Like ``size(of:)``, and refuses a file above ``textLimit``.
    static func textSize(of path: String) throws(IngestError) -> Int {
        let size = try size(of: path)
        guard size <= textLimit else {
            throw IngestError(path: path, reason: "is \(size >> 20) MiB; text files above \(textLimit >> 20) MiB are not read (is it really a provider's text file?)")
        }
        return size
    }
}
