import Crypto
import Foundation

/// A file on disk as BlueWatch identifies it: path, size and SHA-256 of its content. Two
/// files with the same hash are the same dataset, whatever their names.
public struct SourceFile: Sendable, Equatable {
    public let path: String
    public let size: Int
    /// Lower-case hex SHA-256 of the content.
    public let sha256: String

    /// Hashes the file in 1 MiB blocks (constant memory). Anything but a regular file is refused
    /// before it is opened (``RegularFile``).
    public init(path: String) throws(IngestError) {
        _ = try RegularFile.size(of: path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError(path: path, reason: FileManager.default.fileExists(atPath: path) ? "cannot be read (permissions?)" : "no such file")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        do {
            while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
                hasher.update(data: block)
                size += block.count
            }
        } catch {
            throw IngestError(path: path, reason: "read failed: \(error.localizedDescription)")
        }
        self.path = path
        self.size = size
        self.sha256 = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
