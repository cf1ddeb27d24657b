import Foundation
import NetCDF

/// Creates a NetCDF file at `path` atomically: `body` defines and fills a file created beside
/// it under a temporary name, which replaces `path` (``replaceAtomically(_:with:)``, rename(2))
/// only once `body` has finished; on any
/// error the partial file is removed and `path` is left as it was.
func writeNetCDFAtomically(to path: String, _ body: (NetCDFFile) throws -> Void) throws {
    let temporary = path + ".partial-\(UUID().uuidString.prefix(8))"
    do {
        let file = try NetCDFFile.create(temporary)
        try body(file)
        try file.close()
    } catch {
        try? FileManager.default.removeItem(atPath: temporary)
        throw error
    }
    try replaceAtomically(path, with: temporary)
}
