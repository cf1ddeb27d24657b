/// Lines of equal value through a regular grid by marching squares: the level is crossed on
/// a cell edge where one end lies above it and the other not, at the linearly interpolated
/// point; saddle cells are split by the mean of their four corners. A cell with a NaN corner
/// (land, unreached) is left out, so lines end at coasts. Segments are joined into polylines
/// through the edges they share.
public enum ContourLines {
    /// A point in grid coordinates: `x` the fractional column, `y` the fractional row.
    public typealias Point = (x: Double, y: Double)

    /// The polylines of `values` (row-major, `ny` rows of `nx`) at `level`; closed lines repeat
    /// their first point at the end.
    public static func trace(_ values: [Double], ny: Int, nx: Int, level: Double) -> [[Point]] {
        precondition(values.count == ny * nx, "values must hold ny·nx entries")
        guard ny >= 2, nx >= 2 else { return [] }
        // Edge ids: horizontal edge from (j, i) to (j, i+1) is 2(j·nx+i), vertical edge from
        // (j, i) to (j+1, i) is 2(j·nx+i)+1. Each segment joins two edges.
        var segments: [(Int, Int)] = []
        var points: [Int: Point] = [:]
        values.withUnsafeBufferPointer { v in
            func crossing(_ a: Int, _ b: Int, _ edge: Int, _ pa: Point, _ pb: Point) -> Int? {
                guard (v[a] > level) != (v[b] > level) else { return nil }
                if points[edge] == nil {
                    let f = (level - v[a]) / (v[b] - v[a])
                    points[edge] = (pa.x + f * (pb.x - pa.x), pa.y + f * (pb.y - pa.y))
                }
                return edge
            }
            for j in 0..<(ny - 1) {
                for i in 0..<(nx - 1) {
                    let k00 = j * nx + i, k01 = k00 + 1, k10 = k00 + nx, k11 = k10 + 1
                    let a = v[k00], b = v[k01], c = v[k11], d = v[k10]
                    guard !a.isNaN, !b.isNaN, !c.isNaN, !d.isNaN else { continue }
                    let above = (a > level, b > level, c > level, d > level)
                    if above.0 == above.1 && above.1 == above.2 && above.2 == above.3 { continue }
                    let x = Double(i), y = Double(j)
                    let bottom = crossing(k00, k01, 2 * k00, (x, y), (x + 1, y))
                    let right = crossing(k01, k11, 2 * k01 + 1, (x + 1, y), (x + 1, y + 1))
                    let top = crossing(k10, k11, 2 * k10, (x, y + 1), (x + 1, y + 1))
                    let left = crossing(k00, k10, 2 * k00 + 1, (x, y), (x, y + 1))
                    let crossed = [bottom, right, top, left].compactMap { $0 }
                    if crossed.count == 2 {
                        segments.append((crossed[0], crossed[1]))
                    } else if crossed.count == 4, let bottom, let right, let top, let left {
                        let centreAbove = (a + b + c + d) / 4 > level
                        if centreAbove == above.0 {
                            segments.append((bottom, right)); segments.append((top, left))      // cut off corners 01 and 10
                        } else {
                            segments.append((left, bottom)); segments.append((right, top))      // cut off corners 00 and 11
                        }
                    }
                }
            }
        }
        // Join: every edge belongs to at most two segments.
        var byEdge: [Int: [Int]] = [:]
        for (s, (e0, e1)) in segments.enumerated() { byEdge[e0, default: []].append(s); byEdge[e1, default: []].append(s) }
        var used = [Bool](repeating: false, count: segments.count)
        func walk(from edge: Int, avoiding first: Int) -> [Int] {
            var chain: [Int] = [], edge = edge, current = first
            while let next = byEdge[edge]?.first(where: { $0 != current && !used[$0] }) {
                used[next] = true
                let (e0, e1) = segments[next]
                edge = e0 == edge ? e1 : e0
                chain.append(edge)
                current = next
            }
            return chain
        }
        var lines: [[Point]] = []
        // Open lines first (start at an edge with one segment), then the closed rings left.
        let starts = segments.indices.sorted { (byEdge[segments[$0].0]!.count == 1 || byEdge[segments[$0].1]!.count == 1 ? 0 : 1) < (byEdge[segments[$1].0]!.count == 1 || byEdge[segments[$1].1]!.count == 1 ? 0 : 1) }
        for s in starts where !used[s] {
            used[s] = true
            var (e0, e1) = segments[s]
            if byEdge[e1]!.count == 1 { swap(&e0, &e1) }   // start from the loose end
            let forward = walk(from: e1, avoiding: s)
            let backward = forward.last == e0 ? [] : walk(from: e0, avoiding: s)
            let edges = backward.reversed() + [e0, e1] + forward
            lines.append(edges.map { points[$0]! })
        }
        return lines
    }
}
