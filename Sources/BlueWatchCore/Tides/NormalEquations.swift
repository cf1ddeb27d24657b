/// The normal equations XᵀWX β = XᵀWy of a weighted least-squares fit, accumulated from
/// column-major blocks of design rows (``TideDesign/blockSize`` rows each). Only the upper
/// triangle is summed; ``symmetrised()`` fills the rest. Dot products over a block run on SIMD
/// vectors, which is what makes a 19-year hourly analysis take a fraction of a second.
struct NormalEquations {
    let parameterCount: Int
    var gram: [Double]
    var rhs: [Double]
    var weightedSquares = 0.0
    var count = 0

    init(parameterCount p: Int) {
        parameterCount = p
        gram = [Double](repeating: 0, count: p * p)
        rhs = [Double](repeating: 0, count: p)
    }

    /// Adds one block. `columns` holds p columns of ``TideDesign/blockSize`` rows; `y` and
    /// `w` the block's observations and weights (zero past its last row).
    mutating func add(columns: UnsafePointer<Double>, y: UnsafePointer<Double>, w: UnsafePointer<Double>,
                      rows: Int, scratch: UnsafeMutablePointer<Double>) {
        let ld = TideDesign.blockSize, p = parameterCount
        // scratch = W·X (column-major), so that each Gram entry is one dot product.
        for a in 0..<p {
            let x = columns + a * ld, wx = scratch + a * ld
            for k in 0..<ld { wx[k] = w[k] * x[k] }
        }
        var yy = 0.0
        for k in 0..<ld { yy += w[k] * y[k] * y[k] }
        weightedSquares += yy
        count += rows
        gram.withUnsafeMutableBufferPointer { g in
            rhs.withUnsafeMutableBufferPointer { b in
                for a in 0..<p {
                    let wx = scratch + a * ld
                    b[a] += NormalEquations.dot(wx, y, ld)
                    var column = columns + a * ld
                    let row = g.baseAddress! + a * p
                    for c in a..<p {
                        row[c] += NormalEquations.dot(wx, column, ld)
                        column += ld
                    }
                }
            }
        }
    }

    /// Σ a[k]·b[k] for k < n (n a multiple of 8).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ n: Int) -> Double {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var s0 = SIMD4<Double>(), s1 = SIMD4<Double>()
        var k = 0
        while k < n {
            let offset = k * 8
            s0 += ra.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self) * rb.loadUnaligned(fromByteOffset: offset, as: SIMD4<Double>.self)
            s1 += ra.loadUnaligned(fromByteOffset: offset + 32, as: SIMD4<Double>.self) * rb.loadUnaligned(fromByteOffset: offset + 32, as: SIMD4<Double>.self)
            k += 8
        }
        return (s0 + s1).sum()
    }

    mutating func merge(_ other: NormalEquations) {
        for i in gram.indices { gram[i] += other.gram[i] }
        for i in rhs.indices { rhs[i] += other.rhs[i] }
        weightedSquares += other.weightedSquares
        count += other.count
    }

    /// The full symmetric matrix.
    func symmetrised() -> [Double] {
        let p = parameterCount
        var m = gram
        for a in 0..<p { for b in 0..<a { m[a * p + b] = m[b * p + a] } }
        return m
    }
}
