import Foundation

/// The residual power near each tidal band, which sets the confidence intervals of the
/// constituents in that band (UTide's `ut_pdgm` / `band_psd`, after T_TIDE's
/// `residual_spectrum`): a Hann-windowed periodogram of the residuals (FFT for a regular time
/// axis, gaps filled by linear interpolation; Lomb–Scargle otherwise), averaged in nine
/// frequency bands leaving out the bins nearest the fitted constituents.
struct ResidualSpectrum: Sendable {
    /// Band edges, cycles per hour.
    static let bands: [(Double, Double)] = [
        (0.00010, 0.00417), (0.03192, 0.04859), (0.07218, 0.08884), (0.11243, 0.12910), (0.15269, 0.16936),
        (0.19295, 0.20961), (0.23320, 0.25100), (0.26000, 0.29000), (0.30000, 0.50000),
    ]

    let times: [Double]
    let residuals: [Double]
    let regular: Bool
    let effectiveLengthDays: Double

    /// Residual variance attributed to each frequency (cph): the band-averaged spectral density
    /// times the frequency resolution 1/L, or 0 outside every band (as UTide).
    func power(at frequencies: [Double]) -> [Double] {
        let (spectrum, binFrequencies) = regular ? fftPeriodogram() : lombScarglePeriodogram()
        guard !binFrequencies.isEmpty else { return frequencies.map { _ in .nan } }
        var masked = [Bool](repeating: false, count: spectrum.count)
        for f in frequencies {
            masked[min(max(0, nearestIndex(binFrequencies, f)), spectrum.count - 1)] = true
        }
        let df = 1 / (effectiveLengthDays * 24)
        let averages = ResidualSpectrum.bands.map { band -> Double in
            let i0 = lowerBound(binFrequencies, band.0)
            let i1 = min(binFrequencies.count, lowerBound(binFrequencies, band.1) + 1)
            var sum = 0.0, n = 0
            if i0 < i1 { for i in i0..<i1 where !masked[i] { sum += spectrum[i]; n += 1 } }
            return n > 0 ? sum / Double(n) * df : .nan
        }
        return frequencies.map { f in
            var p = 0.0
            for (k, band) in ResidualSpectrum.bands.enumerated() where f >= band.0 && f <= band.1 { p = averages[k] }
            return p
        }
    }

    /// One-sided PSD (units²/cph) at the Fourier frequencies of a regular axis.
    func fftPeriodogram() -> ([Double], [Double]) {
        var e = filledResiduals()
        var t = times
        if e.count % 2 == 1 { e.removeLast(); t.removeLast() }
        let n = e.count
        guard n >= 4 else { return ([], []) }
        let dt = (t[1] - t[0]) / 3600
        let mean = e.reduce(0, +) / Double(n)
        var windowSquares = 0.0
        for j in 0..<n {
            let w = 0.5 - 0.5 * cos(2 * Double.pi * Double(j) / Double(n))
            e[j] = (e[j] - mean) * w
            windowSquares += w * w
        }
        var power = FFT.powerSpectrum(e)
        for k in 1..<(power.count - 1) { power[k] *= 2 }
        let norm = dt / windowSquares
        for k in power.indices { power[k] *= norm }
        return (power, power.indices.map { Double($0) / (Double(n) * dt) })
    }

    /// Residuals on the whole axis, gaps filled by linear interpolation (ends held).
    func filledResiduals() -> [Double] {
        var e = residuals
        let valid = e.indices.filter { !e[$0].isNaN }
        guard let firstValid = valid.first, let lastValid = valid.last else { return e }
        for i in 0..<firstValid { e[i] = e[firstValid] }
        for i in (lastValid + 1)..<e.count { e[i] = e[lastValid] }
        var previous = firstValid
        for i in valid.dropFirst() {
            if i > previous + 1 {
                let t0 = times[previous], t1 = times[i]
                for j in (previous + 1)..<i { e[j] = e[previous] + (e[i] - e[previous]) * (times[j] - t0) / (t1 - t0) }
            }
            previous = i
        }
        return e
    }

    /// Lomb–Scargle PSD at up to 500 frequencies per band, for irregular sampling.
    func lombScarglePeriodogram() -> ([Double], [Double]) {
        var t: [Double] = [], x: [Double] = []
        for i in residuals.indices where !residuals[i].isNaN { t.append(times[i] / 3600); x.append(residuals[i]) }
        if t.count % 2 == 1 { t.removeLast(); x.removeLast() }
        let n = t.count
        guard n >= 4 else { return ([], []) }
        let deltaT = (t[n - 1] - t[0]) / Double(n - 1)
        let recordLength = Double(n) * deltaT
        let fourier = (1..<(n / 2)).map { Double($0) / recordLength }
        var frequencies: [Double] = []
        for band in ResidualSpectrum.bands {
            let i0 = lowerBound(fourier, band.0), i1 = min(fourier.count, lowerBound(fourier, band.1) + 1)
            guard i0 < i1 else { continue }
            if i1 - i0 > 500 {
                for k in 0..<500 { frequencies.append(fourier[i0] + (fourier[i1 - 1] - fourier[i0]) * Double(k) / 499) }
            } else {
                frequencies.append(contentsOf: fourier[i0..<i1])
            }
        }
        // Hann window on the uniform grid, interpolated to the sample times.
        let mean = x.reduce(0, +) / Double(n)
        var windowSquares = 0.0
        for j in 0..<n {
            let position = (t[j] - t[0]) / (t[n - 1] - t[0]) * Double(n - 1)
            let w = 0.5 - 0.5 * cos(2 * Double.pi * position / Double(n))
            x[j] = (x[j] - mean) * w
            windowSquares += w * w
        }
        let norm = 2 * deltaT * Double(n) / windowSquares
        let power = frequencies.map { f -> Double in
            let omega = 2 * Double.pi * f
            var s2 = 0.0, c2 = 0.0
            for j in 0..<n { s2 += sin(2 * omega * t[j]); c2 += cos(2 * omega * t[j]) }
            let tau = atan2(s2, c2) / (2 * omega)
            var yc = 0.0, ys = 0.0, cc = 0.0, ss = 0.0
            for j in 0..<n {
                let a = omega * (t[j] - tau)
                let c = cos(a), s = sin(a)
                yc += x[j] * c; ys += x[j] * s; cc += c * c; ss += s * s
            }
            return norm * 0.5 * (yc * yc / cc + ys * ys / ss)
        }
        return (power, frequencies)
    }

    func lowerBound(_ a: [Double], _ x: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) / 2; if a[mid] < x { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// Index of the bin nearest `f` by linear interpolation of the index (numpy `interp`, rounded).
    func nearestIndex(_ a: [Double], _ f: Double) -> Int {
        if f <= a[0] { return 0 }
        if f >= a[a.count - 1] { return a.count - 1 }
        let i = lowerBound(a, f)
        let fraction = (f - a[i - 1]) / (a[i] - a[i - 1])
        return Int((Double(i - 1) + fraction).rounded(.toNearestOrEven))
    }
}
