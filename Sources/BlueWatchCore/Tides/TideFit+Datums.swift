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

extension TideFit {
    /// True when `series` can give datums from observation over `epoch`: it spans the epoch
    /// (within 31 days at each end) and holds values for at least 80 % of its hours.
    public static func coversEpoch(_ series: TimeSeries, epoch: ClosedRange<Double> = TidalDatums.nationalTidalDatumEpoch) -> Bool {
        guard let span = series.span, span.lowerBound <= epoch.lowerBound + 31 * 86_400, span.upperBound >= epoch.upperBound - 31 * 86_400 else { return false }
        var hours = Set<Int>()
        for i in 0..<series.count where !series.values[i].isNaN && series.times[i] >= epoch.lowerBound && series.times[i] < epoch.upperBound {
            hours.insert(Int((series.times[i] / 3600).rounded(.down)))
        }
        return Double(hours.count) >= 0.8 * (epoch.upperBound - epoch.lowerBound) / 3600
    }

    /// Tidal datums from the *observed* high and low waters of `series` over `epoch`
    /// (``observedHighLowWaters(_:from:to:minimumSNR:)``), as CO-OPS takes them when a station
    /// has the whole epoch; MSL is the mean of the observed values.
    public func observedDatums(_ series: TimeSeries, epoch: ClosedRange<Double> = TidalDatums.nationalTidalDatumEpoch, minimumSNR: Double = 2) -> TidalDatums? {
        let window = series.slice(from: epoch.lowerBound, to: epoch.upperBound)
        let valid = window.values.indices.filter { !window.values[$0].isNaN && window.flags[$0] != .fail }.map { window.values[$0] }
        guard !valid.isEmpty, let waters = observedHighLowWaters(window, from: epoch.lowerBound, to: epoch.upperBound, minimumSNR: minimumSNR) else { return nil }
        return TidalDatums(waters: waters, msl: valid.reduce(0, +) / Double(valid.count))
    }

    /// The *observed* high and low waters of `series` between `start` and `end`: the turning
    /// points of this fit's prediction plus the observed residual smoothed over 3 hours (so
    /// sampling noise makes no turning points of its own while surges and sea-level change
    /// stay in), sampled every 6 minutes where observations lie within 3 hours (none across
    /// longer gaps); a high and the next low closer than 0.03 m (0.1 ft) or 2 hours are a
    /// wiggle, not a tide (CO-OPS's rule). Nil when the span holds no observation.
    public func observedHighLowWaters(_ series: TimeSeries, from start: Double, to end: Double, minimumSNR: Double = 2) -> HighLowWaters? {
        let window = series.slice(from: start - 3 * 3600, to: end + 3 * 3600)
        var times: [Double] = [], residual: [Double] = []
        let predicted = predict(at: window.times, minimumSNR: minimumSNR, trendBeyondRecord: false)
        for i in 0..<window.count where !window.values[i].isNaN && window.flags[i] != .fail {
            times.append(window.times[i]); residual.append(window.values[i] - predicted[i])
        }
        guard let first = times.first, let last = times.last, first <= end, last >= start else { return nil }
        // Centred 3-hour running mean of the residual (by time, not by count).
        var smooth = [Double](repeating: 0, count: times.count)
        var lo = 0, hi = 0, acc = 0.0
        for i in times.indices {
            while hi < times.count && times[hi] <= times[i] + 5400 { acc += residual[hi]; hi += 1 }
            while times[lo] < times[i] - 5400 { acc -= residual[lo]; lo += 1 }
            smooth[i] = acc / Double(hi - lo)
        }
        var cursor = 0
        let curve: ([Double]) -> [Double] = { at in
            let tide = self.predict(at: at, minimumSNR: minimumSNR, trendBeyondRecord: false)
            return at.indices.map { k in
                let t = at[k]
                if cursor > 0 && times[cursor - 1] > t { cursor = 0 }   // the heights pass comes after the scan
                while cursor < times.count && times[cursor] < t { cursor += 1 }
                guard cursor < times.count, cursor > 0 else { return cursor < times.count && times[cursor] == t ? tide[k] + smooth[cursor] : .nan }
                let (t0, t1) = (times[cursor - 1], times[cursor])
                guard t1 - t0 <= 3 * 3600 else { return .nan }
                let w = (t - t0) / (t1 - t0)
                return tide[k] + smooth[cursor - 1] + w * (smooth[cursor] - smooth[cursor - 1])
            }
        }
        return HighLowWaters(curve: curve, from: max(start, first), to: min(end, last), minimumRange: 0.03, minimumSeparation: 2 * 3600)
    }
}

extension TideFit {
    /// The datums of a station's `series` (the record this fit was made from): from its observed
    /// high and low waters when it spans `epoch` (``coversEpoch(_:epoch:)``), else from this
    /// fit's prediction over the epoch; `observed` says which.
    public func datums(for series: TimeSeries, epoch: ClosedRange<Double> = TidalDatums.nationalTidalDatumEpoch, minimumSNR: Double = 2) -> (datums: TidalDatums, observed: Bool)? {
        if Self.coversEpoch(series, epoch: epoch), let d = observedDatums(series, epoch: epoch, minimumSNR: minimumSNR) { return (d, true) }
        return datums(epoch: epoch, minimumSNR: minimumSNR).map { ($0, false) }
    }
}
