import BlueWatchCore
import BlueWatchTesting
import Foundation
import NetCDF
import Testing

/// Fast marching travel times against scikit-fmm on the real NW Pacific 4′ grid with the same
/// speeds and spacings (Tests/Golden/travel_times.json, scripts/reference/travel_time_reference.py).
struct TravelTimeTests {
    struct Order: Decodable { var seconds: Double; var sample: [[Double?]]; var darts: [String: Double] }
    struct Golden: Decodable { var dx: Double; var dy: Double; var source: [Int]; var step: Int; var ny: Int; var nx: Int; var order1: Order }

    static func speeds() throws -> (ny: Int, nx: Int, speed: [Double]) {
        let file = try NetCDFFile.open(TestPaths.data("bathymetry/nw_pacific_4arcmin_dem.nc"))
        let grid = try #require(try CFGrid.grids(in: file).first { $0.name == "elevation" })
        let z = try grid.slice()
        return (grid.ny, grid.nx, z.map { $0 < 0 ? (9.81 * Double(-$0)).squareRoot() : 0 })
    }

    @Test("Travel times equal scikit-fmm's (first order)")
    func scikitFMM() throws {
        let golden: Golden = try TestPaths.loadGolden("travel_times.json")
        let (ny, nx, speed) = try Self.speeds()
        #expect(ny == golden.ny && nx == golden.nx)
        let field = try TravelTimeField(ny: ny, nx: nx, speed: speed, dx: [Double](repeating: golden.dx, count: ny),
                                        dy: [Double](repeating: golden.dy, count: ny), source: [golden.source[0] * nx + golden.source[1]])
        let want = golden.order1
        var compared = 0, worst = 0.0, worstSeconds = 0.0, reachedMismatch = 0, differing = 0
        for (r, row) in want.sample.enumerated() {
            for (c, value) in row.enumerated() {
                let got = field[r * golden.step, c * golden.step]
                guard let value else { if !got.isNaN { reachedMismatch += 1 }; continue }
                guard !got.isNaN else { reachedMismatch += 1; continue }
                let rel = abs(got - value) / max(value, 60)
                if rel > 1e-6 { differing += 1 }
                worst = max(worst, rel)
                worstSeconds = max(worstSeconds, abs(got - value))
                compared += 1
            }
        }
        #expect(compared > 4000)
        #expect(reachedMismatch == 0)
        #expect(worst < 1e-9, "worst relative difference \(worst)")
        print("travel times: \(compared) cells, worst relative difference \(worst), \(differing) differ by > 1e-6, worst \(worstSeconds) s")
    }
}
