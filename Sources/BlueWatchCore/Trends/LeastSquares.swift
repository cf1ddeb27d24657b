/// Ordinary least squares for a few parameters and many observations: one pass accumulating
/// the normal equations (XᵀX, Xᵀy), a Cholesky solve, then a pass for the residuals. Memory is
/// the p×p system, not an n×p design matrix.
public struct LeastSquares: Sendable {
    /// Fitted coefficients, one per design column.
    public let coefficients: [Double]
    /// Covariance of the coefficients, σ²(XᵀX)⁻¹, row-major p×p.
    public let covariance: [Double]
    /// Residual variance σ² = RSS / (n − p).
    public let residualVariance: Double
    /// Number of observations used.
    public let count: Int
    public var parameterCount: Int { coefficients.count }

    /// Standard error of coefficient `k`.
    public func standardError(_ k: Int) -> Double { covariance[k * parameterCount + k].squareRoot() }

    /// Covariance of coefficients `i` and `j`.
    public func covariance(_ i: Int, _ j: Int) -> Double { covariance[i * parameterCount + j] }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case tooFewObservations(count: Int, parameters: Int)
        case singular

        public var description: String {
            switch self {
            case .tooFewObservations(let n, let p): "\(n) observations cannot determine \(p) parameters"
            case .singular: "the model is degenerate for these times (columns are collinear)"
            }
        }
    }

    /// Fits y ≈ X·β. `row(i, &buffer)` writes the i-th design row into `buffer` (length p).
    /// Residuals are returned through `residuals` (length n) when given.
    public init(count n: Int, parameters p: Int, y: (Int) -> Double, row: (Int, inout [Double]) -> Void,
                residuals: UnsafeMutableBufferPointer<Double>? = nil) throws(Failure) {
        guard n > p else { throw .tooFewObservations(count: n, parameters: p) }
        var xtx = [Double](repeating: 0, count: p * p)
        var xty = [Double](repeating: 0, count: p)
        var x = [Double](repeating: 0, count: p)
        for i in 0..<n {
            row(i, &x)
            let yi = y(i)
            for a in 0..<p {
                let xa = x[a]
                xty[a] += xa * yi
                for b in a..<p { xtx[a * p + b] += xa * x[b] }
            }
        }
        for a in 0..<p { for b in 0..<a { xtx[a * p + b] = xtx[b * p + a] } }
        guard let inverse = LeastSquares.invertSPD(xtx, p) else { throw .singular }
        var beta = [Double](repeating: 0, count: p)
        for a in 0..<p { for b in 0..<p { beta[a] += inverse[a * p + b] * xty[b] } }
        var rss = 0.0
        for i in 0..<n {
            row(i, &x)
            var fit = 0.0
            for a in 0..<p { fit += x[a] * beta[a] }
            let e = y(i) - fit
            residuals?[i] = e
            rss += e * e
        }
        let sigma2 = rss / Double(n - p)
        coefficients = beta
        covariance = inverse.map { $0 * sigma2 }
        residualVariance = sigma2
        count = n
    }

    /// Inverse of a symmetric positive-definite matrix through its Cholesky factor; nil when
    /// it is not (numerically) positive definite.
    static func invertSPD(_ m: [Double], _ p: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = m[i * p + j]
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                if i == j {
                    guard s > 1e-12 * abs(m[i * p + i]), s > 0 else { return nil }
                    l[i * p + i] = s.squareRoot()
                } else {
                    l[i * p + j] = s / l[j * p + j]
                }
            }
        }
        // Invert L, then inverse = L⁻ᵀ L⁻¹.
        var li = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            li[i * p + i] = 1 / l[i * p + i]
            for j in 0..<i {
                var s = 0.0
                for k in j..<i { s -= l[i * p + k] * li[k * p + j] }
                li[i * p + j] = s / l[i * p + i]
            }
        }
        var inverse = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = 0.0
                for k in i..<p { s += li[k * p + i] * li[k * p + j] }
                inverse[i * p + j] = s
                inverse[j * p + i] = s
            }
        }
        return inverse
    }
}
