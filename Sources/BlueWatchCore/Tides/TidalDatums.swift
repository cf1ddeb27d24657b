import Foundation

/// Tidal datums as NOAA CO-OPS defines them (*Tidal Datums and Their Applications*, NOAA
/// Special Publication NOS CO-OPS 1, 2000; *Computational Techniques for Tidal Datums
/// Handbook*, 2003), from the high and low waters and hourly heights of a tide curve over an
/// epoch. All heights in metres on the curve's own datum.
public struct TidalDatums: Sendable, Codable, Equatable {
    /// Mean higher high water: mean of the higher high water of each tidal day.
    public let mhhw: Double
    /// Mean high water: mean of all high waters.
    public let mhw: Double
    /// Mean tide level: (MHW + MLW) / 2.
    public let mtl: Double
    /// Mean sea level: mean of the hourly heights.
    public let msl: Double
    /// Diurnal tide level: (MHHW + MLLW) / 2.
    public let dtl: Double
    /// Mean low water: mean of all low waters.
    public let mlw: Double
    /// Mean lower low water: mean of the lower low water of each tidal day.
    public let mllw: Double
    /// Great diurnal range: MHHW − MLLW.
    public let gt: Double
    /// Mean range of tide: MHW − MLW.
    public let mn: Double
    /// Diurnal high water inequality: MHHW − MHW.
    public let dhq: Double
    /// Diurnal low water inequality: MLW − MLLW.
    public let dlq: Double
    /// Highest and lowest astronomical tide: the extremes of the curve over the epoch.
    public let hat: Double
    public let lat: Double
    /// High and low waters counted.
    public let highs: Int
    public let lows: Int

    /// The datums of `waters` (over the epoch) and the mean `msl` of the curve's hourly heights.
    public init?(waters: HighLowWaters, msl: Double) {
        let e = waters.events
        let highs = e.filter { $0.kind.isHigh }.map(\.height), lows = e.filter { !$0.kind.isHigh }.map(\.height)
        let hh = e.filter { $0.kind == .higherHigh }.map(\.height), ll = e.filter { $0.kind == .lowerLow }.map(\.height)
        guard !hh.isEmpty, !ll.isEmpty, let top = highs.max(), let bottom = lows.min() else { return nil }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        mhhw = mean(hh); mhw = mean(highs); mlw = mean(lows); mllw = mean(ll)
        self.msl = msl
        mtl = (mhw + mlw) / 2; dtl = (mhhw + mllw) / 2
        gt = mhhw - mllw; mn = mhw - mlw; dhq = mhhw - mhw; dlq = mlw - mllw
        hat = top; lat = bottom
        self.highs = highs.count; self.lows = lows.count
    }

    /// The datums by their CO-OPS names, in the order of CO-OPS's datum pages.
    public var named: [(name: String, value: Double)] {
        [("HAT", hat), ("MHHW", mhhw), ("MHW", mhw), ("DTL", dtl), ("MTL", mtl), ("MSL", msl), ("MLW", mlw), ("MLLW", mllw), ("LAT", lat),
         ("GT", gt), ("MN", mn), ("DHQ", dhq), ("DLQ", dlq)]
    }

    /// The datums that are levels (not ranges), which heights can be given above.
    public static let levelNames = ["HAT", "MHHW", "MHW", "DTL", "MTL", "MSL", "MLW", "MLLW", "LAT"]

    /// A datum's height by name (MHHW, MLLW, …; case-insensitive); nil for an unknown name.
    public func height(of name: String) -> Double? {
        named.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The National Tidal Datum Epoch 1983–2001 (UTC seconds).
    public static let nationalTidalDatumEpoch: ClosedRange<Double> = UTCTime.seconds(year: 1983, month: 1, day: 1)...UTCTime.seconds(year: 2002, month: 1, day: 1)
}
