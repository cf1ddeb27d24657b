import BlueWatchTesting
import Foundation
import NetCDF
import Testing

/// HDF5's automatic error printing ("HDF5-DIAG: Error detected in HDF5 …", a dozen lines per
/// probe libnetcdf makes for an attribute a file lacks) is off on every thread that calls
/// into libnetcdf (issue 22). Set BLUEWATCH_HDF5_DIAG=1 to see this test fail.
@Suite(.serialized)
struct HDF5DiagnosticsTests {
    @Test("writing and reading NetCDF-4 on fresh threads prints no HDF5-DIAG stack on stderr")
    func quiet() throws {
        let dir = TemporaryDirectory()
        let log = dir.file("stderr.txt")
        FileManager.default.createFile(atPath: log, contents: nil)
        let saved = dup(2)
        let target = open(log, O_WRONLY)
        dup2(target, 2)
        close(target)
        defer { dup2(saved, 2); close(saved) }
        final class Failures: @unchecked Sendable {
            let lock = NSLock()
            var messages: [String] = []
            func add(_ m: String) { lock.lock(); messages.append(m); lock.unlock() }
        }
        let failures = Failures()
        let threads = (0..<3).map { k in
            Thread { [dir] in
                do {
                    let path = dir.file("t\(k).nc")
                    let file = try NetCDFFile.create(path)
                    let d = try file.root.defineDimension("x", length: 4)
                    let v = try file.root.defineVariable("v", type: .float, dimensions: [d], deflateLevel: 4)
                    try v.setAttribute("units", .text("m"))
                    try file.endDefinitions()
                    try v.write([Float](repeating: 1, count: 4))
                    try file.close()
                    let back = try NetCDFFile.open(path)
                    _ = try back.root.variable(named: "v")?.read(Float.self)
                    _ = try back.root.variable(named: "v")?.attributes()
                    try back.close()
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        for t in threads { t.start() }
        while threads.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.01) }
        dup2(saved, 2)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(failures.messages.isEmpty, "\(failures.messages)")
        #expect(!text.contains("HDF5-DIAG"), "stderr got \(text.split(separator: "\n").count) lines: \(text.prefix(300))")
    }
}
