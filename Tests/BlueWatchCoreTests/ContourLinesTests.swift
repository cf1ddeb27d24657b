import BlueWatchCore
import Testing

@Suite("Contour lines (marching squares)")
struct ContourLinesTests {
    @Test("A cone gives one closed ring at the level's radius")
    func ring() {
        let n = 41, c = 20.0
        var v = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0..<n { v[j * n + i] = ((Double(i) - c) * (Double(i) - c) + (Double(j) - c) * (Double(j) - c)).squareRoot() } }
        let lines = ContourLines.trace(v, ny: n, nx: n, level: 10.3)
        #expect(lines.count == 1)
        let ring = lines[0]
        #expect(ring.first! == ring.last!, "closed")
        #expect(ring.count > 40)
        for p in ring {
            // Linear interpolation of a cone is within a fraction of a cell of the true circle.
            let r = ((p.x - c) * (p.x - c) + (p.y - c) * (p.y - c)).squareRoot()
            #expect(abs(r - 10.3) < 0.1)
        }
    }

    @Test("A ramp gives one open line at the interpolated column; NaN cells break it")
    func rampAndGaps() {
        let ny = 10, nx = 6
        var v = (0..<(ny * nx)).map { Double($0 % nx) }
        var lines = ContourLines.trace(v, ny: ny, nx: nx, level: 2.25)
        #expect(lines.count == 1)
        #expect(lines[0].count == ny)
        #expect(lines[0].allSatisfy { abs($0.x - 2.25) < 1e-12 })
        #expect(Set(lines[0].map(\.y)) == Set((0..<ny).map(Double.init)))
        // Land across the middle rows: two pieces, none through the NaN cells.
        for i in 0..<nx { v[5 * nx + i] = .nan }
        lines = ContourLines.trace(v, ny: ny, nx: nx, level: 2.25)
        #expect(lines.count == 2)
        #expect(lines.map(\.count).sorted() == [4, 5])
        // A level outside the values: nothing.
        #expect(ContourLines.trace(v, ny: ny, nx: nx, level: 99).isEmpty)
    }

    @Test("A saddle is split by its centre value")
    func saddle() {
        // Corners 00 and 11 high, 01 and 10 low; centre mean 0.5.
        let v: [Double] = [1, 0, 0, 1]
        let below = ContourLines.trace(v, ny: 2, nx: 2, level: 0.4)   // centre above → the low corners are cut off
        #expect(below.count == 2)
        for line in below { #expect(line.count == 2) }
        let cutsLowCorners = below.allSatisfy { l in l.contains { $0.x == 1 || $0.y == 1 } && l.contains { $0.x == 0 || $0.y == 0 } }
        #expect(cutsLowCorners)
        let above = ContourLines.trace(v, ny: 2, nx: 2, level: 0.6)   // centre below → the high corners are cut off
        #expect(above.count == 2)
    }
}
