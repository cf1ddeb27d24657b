import Foundation

/// The six astronomical arguments of tidal theory at one instant, in cycles, and their rates
/// in cycles per day: τ (mean lunar time), s (Moon's mean longitude), h (Sun's mean longitude),
/// p (lunar perigee), N′ (negative of the Moon's ascending node), p′ (solar perigee).
/// Polynomials of the Explanatory Supplement (1961) as T_TIDE's `t_astron` and UTide's
/// `ut_astron` use them, so that phases agree with those tools.
public struct AstronomicalArguments: Sendable {
    /// τ, s, h, p, N′, p′ in cycles (fractional).
    public let values: [Double]
    /// Their time derivatives, cycles per day.
    public let rates: [Double]

    static let coefficients: [[Double]] = [
        [270.434164, 13.1763965268, -0.0000850, 0.000000039],
        [279.696678, 0.9856473354, 0.00002267, 0.000000000],
        [334.329556, 0.1114040803, -0.0007739, -0.00000026],
        [-259.183275, 0.0529539222, -0.0001557, -0.000000050],
        [281.220844, 0.0000470684, 0.0000339, 0.000000070],
    ]

    /// The arguments at `time` (UTC seconds since 1970).
    public init(time: Double) {
        // Days since 1899-12-31 12:00 UTC, the Supplement's epoch (UTide's `daten`).
        let ordinal = time / 86_400 + 719_163   // proleptic Gregorian day number (1 = 0001-01-01)
        let d = ordinal - 693_595.5
        let big = d / 10_000
        var v = [Double](repeating: 0, count: 6)
        var r = [Double](repeating: 0, count: 6)
        for k in 0..<5 {
            let c = AstronomicalArguments.coefficients[k]
            let degrees = c[0] + c[1] * d + c[2] * big * big + c[3] * big * big * big
            v[k + 1] = fmod(degrees / 360, 1)
            r[k + 1] = (c[1] + c[2] * 2e-4 * big + c[3] * 3e-4 * big * big) / 360
        }
        var dayFraction = fmod(ordinal, 1)
        if dayFraction < 0 { dayFraction += 1 }
        v[0] = dayFraction + v[2] - v[1]
        r[0] = 1 + r[2] - r[1]
        values = v
        rates = r
    }
}
