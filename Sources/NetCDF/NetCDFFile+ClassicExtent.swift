import Foundation

extension NetCDFFile {
    /// For classic-format files: refuses one shorter than its header says its data need
    /// (``ClassicExtent``). NetCDF-4/HDF5 files check their own structure.
    func checkClassicExtent() throws(NetCDFError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let size: Int
        do { size = Int(try handle.seekToEnd()); try handle.seek(toOffset: 0) } catch { return }
        var chunk = min(size, 1 << 20)
        while true {
            let head = Array((try? handle.read(upToCount: chunk)) ?? Data())
            try? handle.seek(toOffset: 0)
            do {
                let extent = try ClassicExtent(header: head)
                if let required = extent.requiredBytes, required > size {
                    throw NetCDFError(path: path, reason: "the file is \(size) bytes but its header places data up to byte \(required): it is truncated (\(required - size) bytes missing)")
                }
                return
            } catch let error as ClassicExtent.Truncated {
                // A header longer than the first read: read more, up to the limit.
                if error.reason == "the header is cut off", chunk < min(size, ClassicExtent.headerLimit) {
                    chunk = min(size, ClassicExtent.headerLimit, chunk * 4)
                    continue
                }
                throw NetCDFError(path: path, reason: "classic NetCDF header: \(error.reason)")
            } catch let error as NetCDFError {
                throw error
            } catch {
                return
            }
        }
    }
}
