import Foundation

extension FFT {
    /// |DFT|² of a real sequence of any length, X_k = Σ x_j e^(−2πi jk/n) for k = 0…n/2,
    /// by Bluestein's chirp-z algorithm over the radix-2 ``transform(_:_:inverse:)``
    /// (O(n log n) for every n, not only powers of two).
    public static func powerSpectrum(_ x: [Double]) -> [Double] {
        let n = x.count
        guard n > 1 else { return x.map { $0 * $0 } }
        if n.nonzeroBitCount == 1 {
            var re = x, im = [Double](repeating: 0, count: n)
            transform(&re, &im, inverse: false)
            return (0...(n / 2)).map { re[$0] * re[$0] + im[$0] * im[$0] }
        }
        var size = 1
        while size < 2 * n - 1 { size <<= 1 }
        // Chirp w_j = e^(−πi j²/n); j² mod 2n keeps the angle exact for large j.
        var chirpRe = [Double](repeating: 0, count: n), chirpIm = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let q = (j * j) % (2 * n)
            let angle = Double.pi * Double(q) / Double(n)
            chirpRe[j] = cos(angle); chirpIm[j] = -sin(angle)
        }
        var aRe = [Double](repeating: 0, count: size), aIm = [Double](repeating: 0, count: size)
        for j in 0..<n { aRe[j] = x[j] * chirpRe[j]; aIm[j] = x[j] * chirpIm[j] }
        var bRe = [Double](repeating: 0, count: size), bIm = [Double](repeating: 0, count: size)
        bRe[0] = chirpRe[0]; bIm[0] = -chirpIm[0]
        for j in 1..<n {
            bRe[j] = chirpRe[j]; bIm[j] = -chirpIm[j]
            bRe[size - j] = chirpRe[j]; bIm[size - j] = -chirpIm[j]
        }
        transform(&aRe, &aIm, inverse: false)
        transform(&bRe, &bIm, inverse: false)
        for k in 0..<size {
            let r = aRe[k] * bRe[k] - aIm[k] * bIm[k]
            aIm[k] = aRe[k] * bIm[k] + aIm[k] * bRe[k]
            aRe[k] = r
        }
        transform(&aRe, &aIm, inverse: true)
        return (0...(n / 2)).map { k in
            let re = aRe[k] * chirpRe[k] - aIm[k] * chirpIm[k]
            let im = aRe[k] * chirpIm[k] + aIm[k] * chirpRe[k]
            return re * re + im * im
        }
    }
}
