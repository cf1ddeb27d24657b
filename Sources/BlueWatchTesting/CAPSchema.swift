import Foundation

/// Validates CAP messages against the OASIS CAP 1.2 schema with xmllint (both installed by
/// `scripts/bootstrap.sh --test`).
public enum CAPSchema {
    /// nil when every file validates; otherwise xmllint's complaint, or why it could not run.
    public static func problems(in files: [String]) throws -> String? {
        let schema = TestPaths.packageRoot + "/.venv/share/cap/CAP-v1.2.xsd"
        guard FileManager.default.fileExists(atPath: schema), FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
            return "CAP schema or xmllint missing: run scripts/bootstrap.sh --test"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--schema", schema] + files
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : message
    }
}
