import Foundation

/// Runs the IOOS compliance-checker (installed into .venv by `scripts/bootstrap.sh --test`)
/// for CF-1.8 and ACDD-1.3 on a NetCDF file.
public enum ComplianceChecker {
    public struct Report {
        /// Per suite ("cf:1.8", "acdd:1.3"): the failed high-priority checks as "name: messages".
        public var highPriorityFailures: [String: [String]]
        /// Per suite: (scored, possible) points.
        public var points: [String: (scored: Int, possible: Int)]
    }

    public static var path: String { TestPaths.packageRoot + "/.venv/bin/compliance-checker" }
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// Checks `file`; nil when the checker is not installed. `withoutStandardName`: variables
    /// CF has no standard name for (a p-value, a travel time); ACDD-1.3's finding that such a
    /// variable lacks `standard_name` — and only that finding — is not counted as a failure.
    public static func check(_ file: String, withoutStandardName: Set<String> = []) throws -> Report? {
        guard isInstalled else { return nil }
        let report = NSTemporaryDirectory() + "/compliance-\(UUID().uuidString.prefix(8)).json"
        defer { try? FileManager.default.removeItem(atPath: report) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--test=cf:1.8", "--test=acdd:1.3", "--format=json", "--output=\(report)", file]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: [String: Any]] ?? [:]
        var failures: [String: [String]] = [:], points: [String: (Int, Int)] = [:]
        for suite in ["cf:1.8", "acdd:1.3"] {
            let results = json[suite] ?? [:]
            let high = results["high_priorities"] as? [[String: Any]] ?? [["name": "suite missing from the report"]]
            let failed = high.filter { ($0["value"] as? [Int]).map { $0[0] < $0[1] } ?? true }
            failures[suite] = failed.filter { result in
                let name = result["name"] as? String ?? "", messages = result["msgs"] as? [String] ?? []
                return !(suite == "acdd:1.3" && messages == ["standard_name"]
                         && withoutStandardName.contains { name == "variable \"\($0)\" missing the following attributes:" })
            }.map { "\($0["name"] ?? "?"): \($0["msgs"] ?? "")" }
            points[suite] = (results["scored_points"] as? Int ?? -1, results["possible_points"] as? Int ?? -2)
        }
        return Report(highPriorityFailures: failures, points: points)
    }
}
