import Foundation

/// The DART tsunami detection algorithm (Mofjeld 1997, NOAA/PMEL): the water-column height
/// expected now is extrapolated by a cubic through 10-minute averages taken 0, 1, 2 and 3 hours
/// back, H_p = Σ wᵢ·H̄(t − t′ − i·1 h) with t′ = 5.25 min and Newton's forward-extrapolation
/// weights; a sample departing from H_p by more than the threshold (30 mm in the North
/// Pacific) is an exceedance. Works on any mix of the NDBC record types (15-minute tide mode,
/// 1-minute and 15-second event mode): each 10-minute average is the mean of the samples in
/// its window, or the value interpolated at its centre when the window holds none.
public struct DartDetector: Sendable {
    /// Newton's weights for extrapolating 5.25 minutes beyond averages one hour apart.
    public static let weights = [1.16818457031250, -0.28197558593750, 0.14689746093750, -0.03310644531250]

    /// Detection threshold, metres.
    public var threshold = 0.03
    /// Exceedances closer than this belong to the same trigger, seconds.
    public var mergeGap = 3600.0

    public init(threshold: Double = 0.03) { self.threshold = threshold }

    /// One trigger: a run of exceedances.
    public struct Trigger: Sendable, Codable, Equatable {
        /// First exceeding sample.
        public var time: Double
        /// Largest |departure| of the run and when.
        public var peakDeparture: Double
        public var peakTime: Double
        /// NDBC record type at the peak, from the sample spacing: "15-s", "1-min", "15-min".
        public var recordType: String
        public var exceedances: Int
        /// Last exceeding sample of the run.
        public var lastTime: Double
        /// "seismic" (before any tsunami could arrive), "tsunami", or "unclassified" (no event known).
        public var label: String

        enum CodingKeys: String, CodingKey { case time, peakDeparture, peakTime, recordType, exceedances, lastTime, label }

        public init(time: Double, peakDeparture: Double, peakTime: Double, recordType: String, exceedances: Int, lastTime: Double, label: String) {
            self.time = time; self.peakDeparture = peakDeparture; self.peakTime = peakTime; self.recordType = recordType
            self.exceedances = exceedances; self.lastTime = lastTime; self.label = label
        }

        /// Times as ISO 8601 strings.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeISOTime(time, forKey: .time)
            try c.encode(peakDeparture, forKey: .peakDeparture)
            try c.encodeISOTime(peakTime, forKey: .peakTime)
            try c.encode(recordType, forKey: .recordType)
            try c.encode(exceedances, forKey: .exceedances)
            try c.encodeISOTime(lastTime, forKey: .lastTime)
            try c.encode(label, forKey: .label)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(time: try c.decodeISOTime(forKey: .time), peakDeparture: try c.decode(Double.self, forKey: .peakDeparture),
                      peakTime: try c.decodeISOTime(forKey: .peakTime), recordType: try c.decode(String.self, forKey: .recordType),
                      exceedances: try c.decode(Int.self, forKey: .exceedances), lastTime: try c.decodeISOTime(forKey: .lastTime),
                      label: try c.decode(String.self, forKey: .label))
        }
    }

    /// Departure of every sample from the prediction (NaN where three hours of history are not
    /// available or the sample is missing). O(n log n): prefix sums and binary search.
    public func departures(_ series: TimeSeries) -> [Double] {
        let t = series.times, n = t.count
        var valid: [Int] = []
        valid.reserveCapacity(n)
        for i in 0..<n where !series.values[i].isNaN && series.flags[i] != .fail { valid.append(i) }
        let vt = valid.map { t[$0] }, vx = valid.map { series.values[$0] }
        var prefix = [Double](repeating: 0, count: vx.count + 1)
        for k in vx.indices { prefix[k + 1] = prefix[k] + vx[k] }
        func lower(_ x: Double) -> Int {
            var lo = 0, hi = vt.count
            while lo < hi { let m = (lo + hi) / 2; if vt[m] < x { lo = m + 1 } else { hi = m } }
            return lo
        }
        /// Mean over [a, b), or the linear interpolation at the centre when empty.
        func average(_ a: Double, _ b: Double) -> Double? {
            let i0 = lower(a), i1 = lower(b)
            if i1 > i0 { return (prefix[i1] - prefix[i0]) / Double(i1 - i0) }
            let c = (a + b) / 2
            guard i0 > 0, i0 < vt.count, vt[i0] - vt[i0 - 1] <= 3600 else { return nil }
            let f = (c - vt[i0 - 1]) / (vt[i0] - vt[i0 - 1])
            return vx[i0 - 1] + f * (vx[i0] - vx[i0 - 1])
        }
        var out = [Double](repeating: .nan, count: n)
        let first = vt.first ?? 0
        for (k, i) in valid.enumerated() {
            let now = vt[k]
            guard now - first >= 3 * 3600 + 615 else { continue }
            var predicted = 0.0, ok = true
            for (m, w) in DartDetector.weights.enumerated() {
                let end = now - 15 - Double(m) * 3600
                guard let mean = average(end - 600, end) else { ok = false; break }
                predicted += w * mean
            }
            if ok { out[i] = vx[k] - predicted }
        }
        return out
    }

    /// The triggers in a record, labelled against an earthquake when one is given:
    /// exceedances before `earliestTsunami` (the soonest a long wave could arrive) are seismic.
    public func triggers(_ series: TimeSeries, earliestTsunami: Double? = nil) -> [Trigger] {
        let d = departures(series)
        var result: [Trigger] = []
        var current: Trigger?
        var lastExceedance = -Double.infinity
        for i in d.indices where !d[i].isNaN && abs(d[i]) > threshold {
            let time = series.times[i]
            let label = earliestTsunami.map { time < $0 ? "seismic" : "tsunami" } ?? "unclassified"
            if var c = current, time - lastExceedance <= mergeGap, c.label == label {
                c.exceedances += 1
                c.lastTime = time
                if abs(d[i]) > abs(c.peakDeparture) { c.peakDeparture = d[i]; c.peakTime = time; c.recordType = recordType(series.times, i) }
                current = c
            } else {
                if let c = current { result.append(c) }
                current = Trigger(time: time, peakDeparture: d[i], peakTime: time, recordType: recordType(series.times, i), exceedances: 1, lastTime: time, label: label)
            }
            lastExceedance = time
        }
        if let c = current { result.append(c) }
        return result
    }

    /// The NDBC record type a sample belongs to, from the spacing to its nearest neighbour.
    func recordType(_ t: [Double], _ i: Int) -> String {
        var gap = Double.infinity
        if i > 0 { gap = t[i] - t[i - 1] }
        if i + 1 < t.count { gap = min(gap, t[i + 1] - t[i]) }
        switch gap {
        case ..<30: return "15-s"
        case ..<300: return "1-min"
        default: return "15-min"
        }
    }
}
