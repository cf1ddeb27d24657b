import Foundation

/// Nodal corrections and astronomical arguments for a chosen set of constituents at a given
/// latitude, as T_TIDE's `t_vuf` and UTide's `ut_FUV` compute them: the amplitude factor F and
/// phase correction U from the satellite terms, the equilibrium argument V, and V's rate.
///
/// Near the equator the latitude-dependent satellite terms of the diurnal and semidiurnal
/// constituents are evaluated at ±5° (T_TIDE's rule). UTide applies that rule as
/// `sign(lat)·5`, which is 0 at latitude 0 and divides by zero (UTide issues 60 and 62);
/// here latitude 0 takes +5°, so a gauge on the equator gets finite, continuous corrections.
public struct TideArguments: Sendable {
    /// The constituents, in the caller's order.
    public let constituents: [TideConstituent]
    /// The latitude the satellite terms were evaluated at (±5° at least).
    public let effectiveLatitude: Double
    let satelliteRatios: [Double]

    public init(constituents: [TideConstituent], latitude: Double) {
        self.constituents = constituents
        var lat = latitude
        if abs(lat) < 5 { lat = lat < 0 ? -5 : 5 }
        effectiveLatitude = lat
        let slat = sin(lat * .pi / 180)
        satelliteRatios = TideConstituentTable.satellites.map { s in
            switch s.latitudeFactor {
            case 1: s.ratio * 0.36309 * (1 - 5 * slat * slat) / slat
            case 2: s.ratio * 2.59808 * slat
            default: s.ratio
            }
        }
    }

    /// Amplitude factor F, phase correction U (cycles), equilibrium argument V (cycles) and its
    /// rate (cycles per day) of every constituent at `time` (UTC seconds since 1970).
    public func evaluate(at time: Double) -> (f: [Double], u: [Double], v: [Double], rate: [Double]) {
        let rows = TideConstituentTable.rows
        let astro = AstronomicalArguments(time: time)
        let n = rows.count
        var fr = [Double](repeating: 1, count: n), fi = [Double](repeating: 0, count: n)
        for (k, s) in TideConstituentTable.satellites.enumerated() {
            let phase = fmod(s.delta[0] * astro.values[3] + s.delta[1] * astro.values[4] + s.delta[2] * astro.values[5] + s.phase, 1)
            let angle = 2 * Double.pi * phase
            fr[s.constituent] += satelliteRatios[k] * cos(angle)
            fi[s.constituent] += satelliteRatios[k] * sin(angle)
        }
        var f = [Double](repeating: 1, count: n), u = [Double](repeating: 0, count: n)
        var v = [Double](repeating: 0, count: n), rate = [Double](repeating: 0, count: n)
        for i in 0..<n where rows[i].shallowStart < 0 {
            f[i] = (fr[i] * fr[i] + fi[i] * fi[i]).squareRoot()
            u[i] = atan2(fi[i], fr[i]) / (2 * .pi)
            var arg = rows[i].semi, dot = 0.0
            for k in 0..<6 {
                arg += rows[i].doodson[k] * astro.values[k]
                dot += rows[i].doodson[k] * astro.rates[k]
            }
            v[i] = fmod(arg, 1)
            rate[i] = dot
        }
        for i in 0..<n where rows[i].shallowStart >= 0 {
            var fk = 1.0, uk = 0.0, vk = 0.0, rk = 0.0
            for term in TideConstituentTable.shallowTerms[rows[i].shallowStart..<(rows[i].shallowStart + rows[i].shallowCount)] {
                let j = term.constituent, c = term.coefficient
                fk *= pow(f[j], abs(c))
                uk += u[j] * c
                vk += v[j] * c
                rk += rate[j] * c
            }
            f[i] = fk; u[i] = uk; v[i] = vk; rate[i] = rk
        }
        let pick = constituents.map { $0.index }
        return (pick.map { f[$0] }, pick.map { u[$0] }, pick.map { v[$0] }, pick.map { rate[$0] })
    }

    /// Frequencies (cph) of the constituents at `time`, from the rates of the arguments
    /// (UTide's `linearized_freqs`).
    public func frequencies(at time: Double) -> [Double] {
        evaluate(at: time).rate.map { $0 / 24 }
    }
}
