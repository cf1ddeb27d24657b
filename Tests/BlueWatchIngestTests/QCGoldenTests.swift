import BlueWatchCore
import BlueWatchIngest
import BlueWatchTesting
import Foundation
import Testing

/// QARTOD flags against IOOS ioos_qc 3.0 with the thresholds of stations/qc.toml, flag for
/// flag, on real series (Tests/Golden/qc_flags.json, made by scripts/reference/qc_reference.py).
struct QCGoldenTests {
    struct Case: Decodable, CustomTestStringConvertible {
        var file: String; var station: String?; var kind: String; var n: Int
        var configuration: QCConfiguration; var custom: Bool
        var tests: [String: [String: [Int]]]; var aggregate: [String: [Int]]
        var testDescription: String { file + (custom ? " (tight climatology)" : "") }
    }

    static let cases: [Case] = (try? TestPaths.loadGolden("qc_flags.json")) ?? []

    /// Non-pass positions by flag, as the golden file lists them.
    static func positions(_ flags: [QCFlag]) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for (i, f) in flags.enumerated() where f != .pass { out[String(f.rawValue), default: []].append(i) }
        return out
    }

    @Test("Every test's flags equal ioos_qc's", arguments: cases)
    func flags(_ c: Case) throws {
        let catalog = try Checkout.qc(), registry = try Checkout.registry()
        let dataset = try Checkout.reader().read(TestPaths.data(c.file))
        let parsed = try #require(dataset.series.first { QCCatalog.kind(of: $0.descriptor) != nil })
        #expect(QCCatalog.kind(of: parsed.descriptor) == c.kind)
        let station = try registry.resolve(parsed.station).id
        if let expected = c.station { #expect(station == expected) }
        #expect(parsed.series.count == c.n)
        var (result, summary) = try #require(catalog.check(parsed.series, descriptor: parsed.descriptor, station: station))
        if c.custom {
            result = QualityControl.run(parsed.series, configuration: c.configuration)
        } else {
            #expect(result.configuration == c.configuration, "stations/qc.toml and the golden file disagree: rerun scripts/reference/qc_reference.py")
        }
        #expect(Set(result.tests.map { $0.test.rawValue }) == Set(c.tests.keys))
        let series = parsed.series
        for (test, flags) in result.tests {
            if test == .flatLine, let f = result.configuration.flatLine {
                // ioos_qc's rule exactly; BlueWatch's differs only by passing incomplete windows.
                let ioos = QARTOD.flatLine(series.times, series.values, f, partialWindows: true)
                #expect(Self.positions(ioos) == c.tests[test.rawValue] ?? [:], "\(c.file) flat_line (ioos_qc rule)")
                for i in flags.indices where flags[i] != ioos[i] { #expect(flags[i] == .pass && !series.values[i].isNaN) }
            } else {
                #expect(Self.positions(flags) == c.tests[test.rawValue] ?? [:], "\(c.file) \(test.rawValue)")
            }
        }
        // The aggregate: ioos_qc's aggregate where the flat-line rules agree; elsewhere (and for
        // missing values, which BlueWatch keeps missing where ioos_qc lets a time-gap "pass"
        // outrank the other tests' "missing") it is checked against the tests' own flags.
        var flatDiffers = Set<Int>()
        if let t = result.tests.first(where: { $0.test == .flatLine }) {
            let ioos = QARTOD.flatLine(series.times, series.values, result.configuration.flatLine!, partialWindows: true)
            flatDiffers = Set(t.flags.indices.filter { t.flags[$0] != ioos[$0] })
        }
        var want = Self.positions(result.aggregate)
        let missing = Set(want["9"] ?? [])
        want["9"] = nil
        var golden = c.aggregate
        for (flag, list) in golden { golden[flag] = list.filter { !missing.contains($0) && !flatDiffers.contains($0) } }
        for (flag, list) in want { want[flag] = list.filter { !flatDiffers.contains($0) } }
        #expect(want.filter { !$0.value.isEmpty } == golden.filter { !$0.value.isEmpty }, "\(c.file) aggregate")
        #expect(result.aggregate == QARTOD.aggregate(result.tests.map { $0.flags }, count: series.count).enumerated().map { series.values[$0.offset].isNaN ? .missing : $0.element })
        #expect(missing.count == parsed.series.values.filter { $0.isNaN }.count)
        #expect(summary.kind == c.kind)
        #expect(summary.aggregate.values.reduce(0, +) == c.n)
    }

    @Test("Provider flags join the aggregate; a bad qc.toml is refused with the reason")
    func providerFlagsAndConfiguration() throws {
        var series = TimeSeries(times: (0..<10).map { Double($0) * 3600 }, values: (0..<10).map { 1 + 0.01 * Double($0) })
        series.flags[4] = .suspect
        series.values[7] = .nan
        let c = QCConfiguration(grossRange: .init(fail: [0, 3]))
        let result = QualityControl.run(series, configuration: c)
        #expect(result.aggregate[4] == .suspect && result.aggregate[7] == .missing && result.aggregate[0] == .pass)

        let dir = TemporaryDirectory()
        let path = dir.path + "/qc.toml"
        try "[kinds.x]\ndescription = \"x\"\ngross_range = { fail = [3.0, 1.0] }\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RegistryError.self) { try QCCatalog(contentsOf: path) }
        do { _ = try QCCatalog(contentsOf: path) } catch { #expect(error.description.contains("gross_range.fail must be [low, high]")) }
    }
}
