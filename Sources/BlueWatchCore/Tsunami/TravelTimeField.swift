import Foundation
import HeapModule

/// First-arrival travel times of a long wave over a grid, by the first-order fast marching
/// method (Sethian 1996) exactly as scikit-fmm's `travel_time(order=1)` computes it: the
/// eikonal equation |∇T| = 1/c solved outward from a source region, cells with speed 0
/// (land) impassable. Spacing may differ from row to row (`dx[j]`, `dy[j]` in metres), so a
/// latitude–longitude grid is marched with its true ellipsoidal cell sizes.
public struct TravelTimeField: Sendable {
    public let ny: Int
    public let nx: Int
    /// Seconds from the source, row-major (row j, column i at j·nx + i); NaN where not reached.
    public let times: [Double]

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case emptySource
        case sourceOnLand
        case shape(String)
        public var description: String {
            switch self {
            case .emptySource: "the source region holds no grid cell"
            case .sourceOnLand: "every cell of the source region is land (speed 0): a tsunami source must be at sea"
            case .shape(let s): s
            }
        }
    }

    /// - Parameters:
    ///   - speed: wave speed per cell, m/s (0 = impassable), row-major ny × nx.
    ///   - dx: east–west spacing of row j, metres (ny values); `dy`: north–south spacing at row j.
    ///   - source: cells inside the source region (row-major indices). As scikit-fmm seeds it,
    ///     the source boundary is the zero contour of φ = −1 inside, +1 outside; cells on either
    ///     side start at the distance to that contour (half a cell along each crossing axis)
    ///     divided by their speed.
    public init(ny: Int, nx: Int, speed: [Double], dx: [Double], dy: [Double], source: [Int]) throws(Failure) {
        guard speed.count == ny * nx, dx.count == ny, dy.count == ny else {
            throw .shape("speed must have ny·nx values and dx, dy one per row")
        }
        guard !source.isEmpty else { throw .emptySource }
        guard source.contains(where: { speed[$0] > 0 }) else { throw .sourceOnLand }
        self.ny = ny
        self.nx = nx
        var t = [Double](repeating: .infinity, count: ny * nx)
        var state = [UInt8](repeating: 0, count: ny * nx)   // 0 far, 1 trial, 2 frozen
        var inside = [Bool](repeating: false, count: ny * nx)
        for k in source { inside[k] = true }
        // Seed both sides of the contour.
        for k in 0..<(ny * nx) where speed[k] > 0 {
            let j = k / nx, i = k % nx
            var sum = 0.0
            var crosses = false
            var best = [Double.infinity, Double.infinity]   // nearest crossing along x, y
            for (dj, di, axis) in [(0, -1, 0), (0, 1, 0), (-1, 0, 1), (1, 0, 1)] {
                let jj = j + dj, ii = i + di
                guard jj >= 0, jj < ny, ii >= 0, ii < nx else { continue }
                let n = jj * nx + ii
                guard speed[n] > 0, inside[n] != inside[k] else { continue }
                crosses = true
                let h = axis == 0 ? dx[j] : dy[j]
                best[axis] = min(best[axis], h / 2)
            }
            guard crosses else { continue }
            for d in best where d.isFinite { sum += 1 / (d * d) }
            t[k] = 1 / sum.squareRoot() / speed[k]
            state[k] = 2
        }
        var heap = Heap<Entry>()
        func neighbours(_ k: Int) -> [Int] {
            let j = k / nx, i = k % nx
            var out: [Int] = []
            if i > 0 { out.append(k - 1) }
            if i < nx - 1 { out.append(k + 1) }
            if j > 0 { out.append(k - nx) }
            if j < ny - 1 { out.append(k + nx) }
            return out
        }
        for k in 0..<(ny * nx) where state[k] == 2 {
            for n in neighbours(k) where state[n] == 0 && speed[n] > 0 {
                let v = TravelTimeField.solve(n, t: t, state: state, speed: speed, dx: dx, dy: dy, nx: nx, ny: ny)
                t[n] = v; state[n] = 1
                heap.insert(Entry(time: v, index: n))
            }
        }
        func update(_ n: Int) {
            let v = TravelTimeField.solve(n, t: t, state: state, speed: speed, dx: dx, dy: dy, nx: nx, ny: ny)
            guard v.isFinite, v != t[n] else { return }
            t[n] = v; state[n] = 1
            heap.insert(Entry(time: v, index: n))
        }
        while let e = heap.popMin() {
            let k = e.index
            guard state[k] == 1, e.time == t[k] else { continue }
            state[k] = 2
            let j = k / nx, i = k % nx
            for (dj, di) in [(0, -1), (0, 1), (-1, 0), (1, 0)] {
                let jj = j + dj, ii = i + di
                guard jj >= 0, jj < ny, ii >= 0, ii < nx else { continue }
                let n = jj * nx + ii
                if state[n] != 2 && speed[n] > 0 { update(n) }
            }
        }
        times = t.map { $0.isFinite ? $0 : .nan }
    }

    struct Entry: Comparable {
        var time: Double
        var index: Int
        static func < (a: Entry, b: Entry) -> Bool { a.time < b.time || (a.time == b.time && a.index < b.index) }
    }

    /// The upwind solution of Σ_axes (T − a)²/h² = 1/c² at cell k from its frozen neighbours:
    /// per axis the earlier frozen neighbour, axes taken in increasing order of their time
    /// while the solution exceeds it.
    static func solve(_ k: Int, t: [Double], state: [UInt8], speed: [Double], dx: [Double], dy: [Double], nx: Int, ny: Int) -> Double {
        let j = k / nx, i = k % nx
        var ax = Double.infinity, ay = Double.infinity
        if i > 0, state[k - 1] == 2 { ax = t[k - 1] }
        if i < nx - 1, state[k + 1] == 2 { ax = min(ax, t[k + 1]) }
        if j > 0, state[k - nx] == 2 { ay = t[k - nx] }
        if j < ny - 1, state[k + nx] == 2 { ay = min(ay, t[k + nx]) }
        let wx = 1 / (dx[j] * dx[j]), wy = 1 / (dy[j] * dy[j]), rhs = 1 / (speed[k] * speed[k])
        // One axis: T = a + h/c. Both: the larger root of the quadratic, if it is later than both.
        let (first, wFirst, second, wSecond) = ax <= ay ? (ax, wx, ay, wy) : (ay, wy, ax, wx)
        guard first.isFinite else { return .infinity }
        let single = first + (rhs / wFirst).squareRoot()
        guard second.isFinite, single > second else { return single }
        let a = wFirst + wSecond, b = -2 * (wFirst * first + wSecond * second)
        let c = wFirst * first * first + wSecond * second * second - rhs
        let disc = b * b - 4 * a * c
        return disc >= 0 ? (-b + disc.squareRoot()) / (2 * a) : single
    }

    /// Travel time at row j, column i (NaN on land or unreached).
    public subscript(j: Int, i: Int) -> Double { times[j * nx + i] }
}
