import Foundation

/// Where tests find the real data (`../shared/data` beside the checkout), the golden files
/// (`Tests/Golden`) and the checkout itself.
public enum TestPaths {
    /// The package root, from this file's location.
    public static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/data`, or `$BLUEWATCH_SHARED_DATA`.
    public static let sharedData: String = {
        if let env = ProcessInfo.processInfo.environment["BLUEWATCH_SHARED_DATA"], !env.isEmpty { return env }
        return URL(fileURLWithPath: packageRoot).deletingLastPathComponent().appendingPathComponent("shared/data").path
    }()

    /// A file under the shared data folder.
    public static func data(_ relative: String) -> String { sharedData + "/" + relative }

    /// A golden file under Tests/Golden.
    public static func golden(_ name: String) -> String { packageRoot + "/Tests/Golden/" + name }

    /// The malformed inputs under Tests/Malformed.
    public static func malformed(_ name: String) -> String { packageRoot + "/Tests/Malformed/" + name }

    /// Every file under the shared data folder with one of the given extensions, relative paths, sorted.
    public static func sharedFiles(extensions: Set<String>) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: sharedData) else { return [] }
        var result: [String] = []
        while let relative = e.nextObject() as? String {
            if extensions.contains(URL(fileURLWithPath: relative).pathExtension.lowercased()) { result.append(relative) }
        }
        return result.sorted()
    }

    /// Loads and decodes a JSON golden file.
    public static func loadGolden<T: Decodable>(_ name: String, as: T.Type = T.self) throws -> T {
        let data = try Data(contentsOf: URL(fileURLWithPath: golden(name)))
        return try JSONDecoder().decode(T.self, from: data)
    }
}
