import BlueWatchTesting
import Foundation
import NetCDF
import Testing

/// The thin layer: formats, attributes of every type, groups, hyperslabs and errors.
struct NetCDFFileTests {
    @Test("every on-disk format writes and reads back", arguments: [
        (NetCDFFile.WriteFormat.classic, "classic"), (.offset64, "64-bit offset"), (.cdf5, "CDF5 (64-bit data)"),
        (.netcdf4, "netCDF-4"), (.netcdf4Classic, "netCDF-4 classic model"),
    ])
    func formats(format: NetCDFFile.WriteFormat, name: String) throws {
        let dir = TemporaryDirectory()
        let path = dir.file("f.nc")
        let f = try NetCDFFile.create(path, format: format)
        let x = try f.root.defineDimension("x", length: 4)
        let v = try f.root.defineVariable("v", type: .short, dimensions: [x], deflateLevel: format == .netcdf4 ? 5 : nil)
        try v.setAttribute("scale_factor", .doubles([0.5]))
        try v.setAttribute("_FillValue", .int16s([-1]))
        try v.write([Int16(2), -1, 4, 6])
        try f.close()
        let g = try NetCDFFile.open(path)
        #expect(try g.format() == name)
        let decoded = try CFVariable(try #require(try g.root.variable(named: "v"))).decode()
        #expect(decoded[0] == 1 && decoded[1].isNaN && decoded[2] == 2 && decoded[3] == 3)
    }

    @Test("attributes of every type round-trip; groups; hyperslabs")
    func attributesGroupsSlabs() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("a.nc")
        let f = try NetCDFFile.create(path)
        let values: [(String, AttributeValue)] = [
            ("t", .text("héllo")), ("s", .strings(["a", "bc"])), ("i8", .int8s([-1, 2])), ("u8", .uint8s([255])),
            ("i16", .int16s([-300])), ("u16", .uint16s([65000])), ("i32", .int32s([-70000])), ("u32", .uint32s([4_000_000_000])),
            ("i64", .int64s([-5_000_000_000])), ("u64", .uint64s([10_000_000_000])), ("f", .floats([1.5])), ("d", .doubles([2.25, -1])),
        ]
        for (k, v) in values { try f.root.setAttribute(k, v) }
        let sub = try f.root.defineGroup("inner")
        let y = try sub.defineDimension("y", length: 3)
        let x = try sub.defineDimension("x", length: 4)
        let grid = try sub.defineVariable("g", type: .double, dimensions: [y, x])
        try grid.write((0..<12).map(Double.init))
        try f.close()
        let g = try NetCDFFile.open(path)
        for (k, v) in values { #expect(try g.root.attribute(k) == v, "\(k)") }
        #expect(try g.root.attribute("absent") == nil)
        let inner = try #require(try g.root.group(named: "inner"))
        let variable = try #require(try inner.variable(named: "g"))
        #expect(try variable.read(Double.self, start: [1, 1], count: [2, 2]) == [5, 6, 9, 10])
        #expect(throws: NetCDFError.self) { try variable.read(Double.self, start: [2, 0], count: [2, 4]) }
    }

    @Test("missing, truncated and non-NetCDF files give errors naming the file and the C status")
    func badFiles() throws {
        let dir = TemporaryDirectory()
        #expect(throws: NetCDFError(path: dir.file("none.nc"), reason: "no such file")) { try NetCDFFile.open(dir.file("none.nc")) }
        let text = try dir.write("text.nc", "this is not a NetCDF file\n")
        do {
            _ = try NetCDFFile.open(text)
            Issue.record("opened a text file")
        } catch {
            #expect(error.status != 0)
            #expect(error.path == text)
            #expect(error.description.contains("text.nc"))
        }
        let full = try Data(contentsOf: URL(fileURLWithPath: TestPaths.data("sealevel/netcdf/honolulu_057_hourly_2010_uhslc-layout.nc")))
        let truncated = dir.file("truncated.nc")
        try full.prefix(full.count / 3).write(to: URL(fileURLWithPath: truncated))
        #expect(throws: NetCDFError.self) {
            let f = try NetCDFFile.open(truncated)
            _ = try CFVariable(try #require(try f.root.variable(named: "sea_level"))).decode()
        }
    }

    @Test("calls from many threads at once are serialised")
    func concurrentReads() async throws {
        let path = TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")
        let sums = try await withThrowingTaskGroup(of: Double.self) { group in
            for t in 0..<8 {
                group.addTask {
                    let f = try NetCDFFile.open(path)
                    let grid = try #require(try CFGrid.grids(in: f).first)
                    return try grid.slice(time: t * 10).reduce(0.0) { $1.isNaN ? $0 : $0 + Double($1) }
                }
            }
            var all: [Double] = []
            for try await s in group { all.append(s) }
            return all
        }
        #expect(sums.count == 8 && sums.allSatisfy { $0.isFinite })
    }
}
