import Foundation

extension TideFit {
    /// The tide at `times` (UTC seconds, increasing): Σ F·A·cos(V + U − g) over the fitted
    /// constituents, with nodal corrections at each time, plus the mean and trend when
    /// `includeMean` (the full model), or the tide alone about zero otherwise.
    /// `minimumSNR` leaves out constituents below that signal-to-noise ratio (UTide's
    /// `reconstruct` uses 2); 0 keeps them all. With `trendBeyondRecord` false the fitted trend
    /// is held at its value at the record's first or last time outside the record (a trend
    /// fitted to one year says nothing about fifteen years later).
    /// The span of the fitted record (UTC seconds): the reference time is its middle.
    public var recordSpan: ClosedRange<Double> { (referenceTime - lengthDays * 43_200)...(referenceTime + lengthDays * 43_200) }

    public func predict(at times: [Double], includeMean: Bool = true, minimumSNR: Double = 0, trendBeyondRecord: Bool = true) -> [Double] {
        guard !times.isEmpty else { return [] }
        let kept = constituents.filter { $0.snr >= minimumSNR }
        let list = kept.compactMap { TideConstituentTable.named($0.name) }
        let arguments = TideArguments(constituents: list, latitude: latitude)
        let design = TideDesign(arguments: arguments, referenceTime: referenceTime, lengthDays: lengthDays, includesTrend: false)
        let m = list.count, ld = TideDesign.blockSize
        var beta = kept.map { $0.cosine } + kept.map { $0.sine }
        beta.append(includeMean ? mean : 0)
        let slopePerSecond = includeMean ? (trendPerYear ?? 0) / (365.25 * 86_400) : 0
        let (recordStart, recordEnd) = (recordSpan.lowerBound, recordSpan.upperBound)
        var output = [Double](repeating: 0, count: times.count)
        let columns = UnsafeMutablePointer<Double>.allocate(capacity: (2 * m + 1) * ld)
        defer { columns.deallocate() }
        let indices = Array(times.indices)
        times.withUnsafeBufferPointer { t in
            indices.withUnsafeBufferPointer { rows in
                var start = 0
                while start < times.count {
                    let end = min(start + ld, times.count)
                    design.fill(times: t, rows: UnsafeBufferPointer(rebasing: rows[start..<end]), columns: columns)
                    for k in 0..<(end - start) {
                        let tt = trendBeyondRecord ? t[start + k] : min(max(t[start + k], recordStart), recordEnd)
                        var h = slopePerSecond * (tt - referenceTime)
                        for a in 0..<beta.count { h += beta[a] * columns[a * ld + k] }
                        output[start + k] = h
                    }
                    start = end
                }
            }
        }
        return output
    }

    /// The non-tidal residual of `series`: observed minus the full model (mean, trend and
    /// tide), NaN where the value is missing.
    public func residual(of series: TimeSeries) -> TimeSeries {
        let model = predict(at: series.times)
        var values = series.values
        for i in values.indices { values[i] -= model[i] }
        return TimeSeries(times: series.times, values: values, flags: series.flags)
    }
}
