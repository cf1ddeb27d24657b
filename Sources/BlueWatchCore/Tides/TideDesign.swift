import Foundation

/// The columns of the harmonic model, built a block of samples at a time so that no n×p
/// design matrix ever exists: for each constituent F·cos(2π(V+U)) and F·sin(2π(V+U)), then the
/// mean and, optionally, a linear trend in (t − t_ref)/L (UTide's parametrisation).
///
/// F and U are evaluated at the middle of each block (they change by less than 1e-4 over the
/// ≤ 2.7 days a block spans), V is advanced from there at its exact rate; on a regular block the
/// cosines and sines are advanced by rotation instead of being recomputed.
struct TideDesign: Sendable {
    static let blockSize = 64

    let arguments: TideArguments
    /// Reference time t_ref (UTC seconds).
    let referenceTime: Double
    /// Record length L in days (the trend column is (t − t_ref)/L).
    let lengthDays: Double
    let includesTrend: Bool

    var constituentCount: Int { arguments.constituents.count }
    var parameterCount: Int { 2 * constituentCount + 1 + (includesTrend ? 1 : 0) }

    /// Writes the design rows of the samples `rows` (indices into `times`, at most
    /// ``blockSize``) into `columns`, column-major with leading dimension ``blockSize``; rows
    /// past `rows.count` are zero.
    func fill(times: UnsafeBufferPointer<Double>, rows: UnsafeBufferPointer<Int>, columns: UnsafeMutablePointer<Double>) {
        let ld = TideDesign.blockSize, r = rows.count, m = constituentCount
        precondition(r > 0 && r <= ld)
        let t0 = times[rows[0]], middle = times[rows[r / 2]]
        let (f, u, v, rate) = arguments.evaluate(at: middle)
        var step = times[rows[min(1, r - 1)]] - t0
        var regular = r > 1
        if r > 1 { for k in 1..<r where times[rows[k]] - times[rows[k - 1]] != step { regular = false; break } }
        if !regular { step = 0 }
        for j in 0..<m {
            let cosColumn = columns + j * ld, sinColumn = columns + (m + j) * ld
            let cycles = u[j] + v[j] + rate[j] * (t0 - middle) / 86_400
            let theta0 = 2 * Double.pi * (cycles - cycles.rounded(.down))
            let omega = 2 * Double.pi * rate[j] / 86_400   // radians per second
            if regular {
                var c = cos(theta0), s = sin(theta0)
                let dc = cos(omega * step), ds = sin(omega * step)
                for k in 0..<r {
                    cosColumn[k] = f[j] * c
                    sinColumn[k] = f[j] * s
                    let next = c * dc - s * ds
                    s = s * dc + c * ds
                    c = next
                }
            } else {
                for k in 0..<r {
                    let theta = theta0 + omega * (times[rows[k]] - t0)
                    cosColumn[k] = f[j] * cos(theta)
                    sinColumn[k] = f[j] * sin(theta)
                }
            }
            for k in r..<ld { cosColumn[k] = 0; sinColumn[k] = 0 }
        }
        let meanColumn = columns + 2 * m * ld
        for k in 0..<ld { meanColumn[k] = k < r ? 1 : 0 }
        if includesTrend {
            let trendColumn = columns + (2 * m + 1) * ld
            for k in 0..<ld { trendColumn[k] = k < r ? (times[rows[k]] - referenceTime) / 86_400 / lengthDays : 0 }
        }
    }
}
