import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// TOML 1.0 arrays may mix integers and floats (`[3.4, 5]`); every configuration file accepts
/// them (issue 22), nested in inline tables and arrays of tables too.
struct TOMLNumberTests {
    @Test("qc.toml with mixed arrays ([0, 3.0], [0.5, 2], inside an array of tables) reads as the all-float file does")
    func mixedArrays() throws {
        let dir = TemporaryDirectory()
        let original = try String(contentsOfFile: TestPaths.packageRoot + "/stations/qc.toml", encoding: .utf8)
        let edited = original
            .replacingOccurrences(of: "gross_range = { fail = [0.0, 3.0], suspect = [0.5, 2.5] }", with: "gross_range = { fail = [0, 3.0], suspect = [0.5, 2.5] }")
            .replacingOccurrences(of: "{ month = 1, suspect = [0.70, 2.00], fail = [0.25, 2.45] }", with: "{ month = 1, suspect = [0.70, 2], fail = [0.25, 2.45] }")
        #expect(edited != original && edited.contains("[0, 3.0]") && edited.contains("[0.70, 2]"), "the edits found their lines")
        let path = try dir.write("qc.toml", edited)
        let mixed = try QCCatalog(contentsOf: path)
        let plain = try QCCatalog(contentsOf: TestPaths.packageRoot + "/stations/qc.toml")
        #expect(String(describing: mixed.overrides.map(\.configuration)) == String(describing: plain.overrides.map(\.configuration)))
        #expect(mixed.kinds.keys.sorted() == plain.kinds.keys.sorted())
    }
}
