import BlueWatchTesting
import Foundation
import NetCDF
import Testing

/// BlueWatch's CF decoding of every NetCDF file in ../shared/data against netCDF4-python's
/// (golden file made by scripts/reference/netcdf_reference.py).
struct NetCDFDecodingTests {
    struct Golden: Decodable {
        var format: String
        var variables: [String: VariableGolden]
    }

    struct VariableGolden: Decodable {
        var shape: [Int]
        var missing: Int
        var sum: Double?
        var min: Double?
        var max: Double?
        var samples: [String: Double?]
        var time_iso: [String: String]?
    }

    static let golden: [String: Golden] = (try? TestPaths.loadGolden("netcdf_decoding.json")) ?? [:]

    @Test("golden file covers every NetCDF file in the shared data")
    func coversEveryFile() {
        let files = TestPaths.sharedFiles(extensions: ["nc"])
        #expect(!files.isEmpty, "no NetCDF files under \(TestPaths.sharedData)")
        #expect(Set(files) == Set(Self.golden.keys))
    }

    @Test("decoded values match netCDF4-python", arguments: golden.keys.sorted())
    func decodedValues(relative: String) throws {
        let file = try NetCDFFile.open(TestPaths.data(relative))
        let golden = try #require(Self.golden[relative])
        for (name, expected) in golden.variables.sorted(by: { $0.key < $1.key }) {
            let variable = try #require(try file.root.variable(named: name), "\(relative): \(name) missing")
            #expect(variable.shape == expected.shape, "\(relative) \(name) shape")
            let values = try CFVariable(variable).decode()
            let valid = values.filter { !$0.isNaN }
            #expect(values.count - valid.count == expected.missing, "\(relative) \(name): missing \(values.count - valid.count) vs \(expected.missing)")
            if let sum = expected.sum {
                #expect(Approximately.equal(valid.reduce(0, +), sum, absolute: 1e-9, relative: 1e-10), "\(relative) \(name) sum")
            }
            if let lo = expected.min { #expect(valid.min() == lo, "\(relative) \(name) min") }
            if let hi = expected.max { #expect(valid.max() == hi, "\(relative) \(name) max") }
            for (index, value) in expected.samples {
                let got = values[Int(index)!]
                if let value { #expect(got == value, "\(relative) \(name)[\(index)] \(got) vs \(value)") } else { #expect(got.isNaN, "\(relative) \(name)[\(index)] should be missing") }
            }
            if let times = expected.time_iso {
                let axis = try CFTimeAxis(variable)
                for (index, iso) in times {
                    let reference = try #require(UTCSeconds.parse(iso))
                    let got = axis.seconds[Int(index)!]
                    #expect(abs(got - reference) < 0.0015, "\(relative) \(name)[\(index)] \(got) vs \(iso)")
                }
            }
        }
    }
}

/// A tiny ISO parser for golden strings (the core's lives in another module).
enum UTCSeconds {
    static func parse(_ s: String) -> Double? {
        let parts = s.split(separator: "T")
        guard parts.count == 2 else { return nil }
        let d = parts[0].split(separator: "-").compactMap { Int($0) }
        let t = parts[1].split(separator: ":")
        guard d.count == 3, t.count == 3, let h = Int(t[0]), let m = Int(t[1]), let sec = Double(t[2]) else { return nil }
        let jdn = CFCalendar.prolepticGregorian.dayNumber(year: d[0], month: d[1], day: d[2])
        return Double(jdn - CFCalendar.unixEpochJDN) * 86_400 + Double(h * 3600 + m * 60) + sec
    }
}
