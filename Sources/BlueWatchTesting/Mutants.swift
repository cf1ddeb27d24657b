import Foundation

/// Crash regressions kept as byte changes to real files (`Tests/Malformed/mutants.json`): the
/// shared data may not be copied into the repository, so each mutant is rebuilt from its
/// source file in `../shared/data` when a test needs it.
public struct Mutant: Decodable, Sendable {
    public var name: String
    /// The source file, relative to the shared data folder.
    public var source: String
    public var source_size: Int
    /// (offset, new byte) pairs.
    public var bytes: [[Int]]
    /// Fragments the refusal must contain.
    public var expect: [String]

    /// Every mutant listed in `Tests/Malformed/mutants.json`.
    public static func all() throws -> [Mutant] {
        struct File: Decodable { var mutants: [Mutant] }
        let data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.malformed("mutants.json")))
        return try JSONDecoder().decode(File.self, from: data).mutants
    }

    /// Writes the mutant into `folder` and returns its path. Throws when the source file is
    /// not the one the mutant was found in.
    public func write(into folder: String) throws -> String {
        var data = try Data(contentsOf: URL(fileURLWithPath: TestPaths.data(source)))
        guard data.count == source_size else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(source) is \(data.count) bytes, the mutant was made from \(source_size)"])
        }
        for pair in bytes { data[pair[0]] = UInt8(pair[1]) }
        let path = folder + "/" + name
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }
}
