import Foundation

extension TideFit {
    /// High and low waters of the predicted tide (mean included, trend held at the record's
    /// ends, constituents with SNR ≥ `minimumSNR`) between `start` and `end`.
    public func highLowWaters(from start: Double, to end: Double, minimumSNR: Double = 2) -> HighLowWaters {
        HighLowWaters(curve: { predict(at: $0, minimumSNR: minimumSNR, trendBeyondRecord: false) }, from: start, to: end)
    }

    /// Tidal datums from the prediction over `epoch` (default the National Tidal Datum Epoch
    /// 1983–2001): high and low waters from a 6-minute curve, MSL from its hourly heights.
    /// The curve's mean is the fitted record's (held, not trended), so the datums describe the
    /// tide about the record's mean sea level.
    public func datums(epoch: ClosedRange<Double> = TidalDatums.nationalTidalDatumEpoch, minimumSNR: Double = 2) -> TidalDatums? {
        let waters = highLowWaters(from: epoch.lowerBound, to: epoch.upperBound, minimumSNR: minimumSNR)
        var sum = 0.0, count = 0
        var t = epoch.lowerBound
        while t < epoch.upperBound {
            let times = stride(from: t, to: min(t + 65_536 * 3600, epoch.upperBound), by: 3600).map { $0 }
            for h in predict(at: times, minimumSNR: minimumSNR, trendBeyondRecord: false) { sum += h; count += 1 }
            t = times[times.count - 1] + 3600
        }
        return count == 0 ? nil : TidalDatums(waters: waters, msl: sum / Double(count))
    }
}
