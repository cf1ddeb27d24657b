import Foundation

/// The trend of annual medians of one harmonised group of samples (one region or cell):
/// medians of the calendar years with at least `minimumPerYear` samples, Sen's slope (per
/// year) with its 95% interval, and the Mann-Kendall test on the medians in year order.
/// Medians, not means: concentrations are skewed and single hauls can be extreme.
public struct AnnualMedianTrend: Sendable, Equatable, Codable {
    public struct Year: Sendable, Equatable, Codable {
        public var year: Int
        public var median: Double
        public var samples: Int
    }

    public let years: [Year]
    /// Sen's slope in value units per year; nil with fewer than 3 qualifying years.
    public let sen: SenSlope?
    public let mannKendall: MannKendall?
    /// Years with samples but fewer than the minimum.
    public let sparseYears: Int

    public init(times: [Double], values: [Double], minimumPerYear: Int = 3) {
        var byYear: [Int: [Double]] = [:]
        for (t, v) in zip(times, values) where t.isFinite && v.isFinite {
            byYear[UTCTime.components(t).year, default: []].append(v)
        }
        var years: [Year] = []
        var sparse = 0
        for (year, list) in byYear.sorted(by: { $0.key < $1.key }) {
            guard list.count >= minimumPerYear else { sparse += 1; continue }
            let v = list.sorted()
            years.append(Year(year: year, median: v.count % 2 == 1 ? v[v.count / 2] : (v[v.count / 2 - 1] + v[v.count / 2]) / 2, samples: v.count))
        }
        self.years = years
        self.sparseYears = sparse
        let t = years.map { Double($0.year) }, y = years.map(\.median)
        sen = SenSlope.estimate(times: t, values: y)
        mannKendall = MannKendall.original(y)
    }

    /// "increasing" / "decreasing" at p < 0.05, else "no trend"; "too few years" below 3.
    public var verdict: String {
        guard let mk = mannKendall, years.count >= 3 else { return "too few years" }
        return mk.p < 0.05 ? (mk.s > 0 ? "increasing" : "decreasing") : "no trend"
    }
}
