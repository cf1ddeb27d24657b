import Foundation

/// Tsunami detection on a tide gauge's non-tidal residual (1-minute or finer sampling).
///
/// 1. Band-pass: the straight line fitted to the last `lowPassMinutes`, minus the one fitted to
///    the last `highPassMinutes`, both evaluated at the sample: tsunami periods (10–90 minutes)
///    pass; surges and tidal-fit leftovers (hours; a line follows their slope, where a plain
///    mean would lag it) and harbour seiche and noise (a few minutes) do not. The fits look
///    back only, as a real-time detector's must: centred windows pulled the energy of Hilo's
///    large 2011 waves 50 minutes earlier than the arrival visible in the raw record.
/// 2. Noise: the RMS of the band-passed signal over the preceding `noiseHours`, ending
///    `noiseLagMinutes` before the sample, so a wave train does not raise its own threshold.
/// 3. Trigger: `persistence` of the last `persistenceWindow` samples exceed
///    max(`sigmas` · noise, `floor`) in magnitude.
///
/// Amplitudes and periods are measured on the high-passed signal (not smoothed).
///
/// For each trigger: the first exceeding sample (arrival), the first peak (the extremum of the
/// half-wave that triggered), the largest amplitude in the following `followHours`, and the
/// dominant period (mean spacing of zero up-crossings over 3 hours from the arrival).
/// The thresholds were calibrated on the quiet days of the Nuku'alofa and Hawaii records:
/// Docs/METHODS.md gives the false-alarm rates.
public struct GaugeDetector: Sendable {
    public var highPassMinutes = 120.0
    public var lowPassMinutes = 5.0
    public var noiseHours = 12.0
    public var noiseLagMinutes = 60.0
    public var sigmas = 5.0
    public var floor = 0.02
    public var persistence = 3
    public var persistenceWindow = 5
    public var followHours = 12.0
    /// The onset is picked back from the trigger: the earliest sample within `onsetMinutes`
    /// before it above `onsetSigmas` · noise, not separated from the trigger by a quiet stretch
    /// of `quietMinutes`.
    public var onsetSigmas = 3.0
    public var onsetMinutes = 60.0
    public var quietMinutes = 15.0
    /// Triggers closer than this after the previous one's end belong to the same event, seconds.
    public var mergeGap = 6 * 3600.0

    public init() {}

    public struct Detection: Sendable, Codable, Equatable {
        /// Onset of the wave train, picked back from the trigger.
        public var arrival: Double
        /// When the detector fired (the first sample of the persistent exceedance).
        public var triggeredAt: Double
        public var firstPeak: Double
        public var firstPeakTime: Double
        public var maximumAmplitude: Double
        public var maximumTime: Double
        public var dominantPeriodMinutes: Double?
        /// The threshold that was exceeded, metres.
        public var threshold: Double
        /// The last sample within the followed span whose band-passed value exceeded the threshold.
        public var lastExceedance: Double
        /// "tsunami", "before any tsunami could arrive" (a false alarm), or "unclassified".
        public var label: String

        enum CodingKeys: String, CodingKey {
            case arrival, triggeredAt, firstPeak, firstPeakTime, maximumAmplitude, maximumTime, dominantPeriodMinutes, threshold, lastExceedance, label
        }

        public init(arrival: Double, triggeredAt: Double, firstPeak: Double, firstPeakTime: Double, maximumAmplitude: Double, maximumTime: Double,
                    dominantPeriodMinutes: Double?, threshold: Double, lastExceedance: Double, label: String) {
            self.arrival = arrival; self.triggeredAt = triggeredAt; self.firstPeak = firstPeak; self.firstPeakTime = firstPeakTime
            self.maximumAmplitude = maximumAmplitude; self.maximumTime = maximumTime; self.dominantPeriodMinutes = dominantPeriodMinutes
            self.threshold = threshold; self.lastExceedance = lastExceedance; self.label = label
        }

        /// Times as ISO 8601 strings.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeISOTime(arrival, forKey: .arrival)
            try c.encodeISOTime(triggeredAt, forKey: .triggeredAt)
            try c.encode(firstPeak, forKey: .firstPeak)
            try c.encodeISOTime(firstPeakTime, forKey: .firstPeakTime)
            try c.encode(maximumAmplitude, forKey: .maximumAmplitude)
            try c.encodeISOTime(maximumTime, forKey: .maximumTime)
            try c.encodeIfPresent(dominantPeriodMinutes, forKey: .dominantPeriodMinutes)
            try c.encode(threshold, forKey: .threshold)
            try c.encodeISOTime(lastExceedance, forKey: .lastExceedance)
            try c.encode(label, forKey: .label)
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(arrival: try c.decodeISOTime(forKey: .arrival), triggeredAt: try c.decodeISOTime(forKey: .triggeredAt),
                      firstPeak: try c.decode(Double.self, forKey: .firstPeak), firstPeakTime: try c.decodeISOTime(forKey: .firstPeakTime),
                      maximumAmplitude: try c.decode(Double.self, forKey: .maximumAmplitude), maximumTime: try c.decodeISOTime(forKey: .maximumTime),
                      dominantPeriodMinutes: try c.decodeIfPresent(Double.self, forKey: .dominantPeriodMinutes), threshold: try c.decode(Double.self, forKey: .threshold),
                      lastExceedance: try c.decodeISOTime(forKey: .lastExceedance), label: try c.decode(String.self, forKey: .label))
        }
    }

    /// The high-passed signal (NaN where the value is missing).
    public func highPass(_ series: TimeSeries) -> [Double] {
        let slow = GaugeDetector.trailingLine(series.times, series.values, minutes: highPassMinutes)
        return series.values.indices.map { series.values[$0] - slow[$0] }
    }

    /// The band-passed signal the detector thresholds.
    public func bandPass(_ series: TimeSeries) -> [Double] {
        let slow = GaugeDetector.trailingLine(series.times, series.values, minutes: highPassMinutes)
        let fast = GaugeDetector.trailingLine(series.times, series.values, minutes: lowPassMinutes)
        return series.values.indices.map { series.values[$0].isNaN ? .nan : fast[$0] - slow[$0] }
    }

    /// At each sample, the least-squares line through the samples of the preceding `minutes`
    /// (the sample included), evaluated at the sample; the mean when the window holds fewer
    /// than three. Running sums, O(n).
    static func trailingLine(_ t: [Double], _ x: [Double], minutes: Double) -> [Double] {
        let n = t.count
        var out = [Double](repeating: .nan, count: n)
        guard n > 0 else { return out }
        let origin = t[0], span = minutes * 60
        var lo = 0, hi = 0, count = 0.0, st = 0.0, sx = 0.0, stt = 0.0, stx = 0.0
        for i in 0..<n {
            while hi < n && t[hi] <= t[i] {
                if !x[hi].isNaN { let u = (t[hi] - origin) / 3600; count += 1; st += u; sx += x[hi]; stt += u * u; stx += u * x[hi] }
                hi += 1
            }
            while t[lo] <= t[i] - span {
                if !x[lo].isNaN { let u = (t[lo] - origin) / 3600; count -= 1; st -= u; sx -= x[lo]; stt -= u * u; stx -= u * x[lo] }
                lo += 1
            }
            guard count > 0 else { continue }
            let mean = sx / count
            let denominator = count * stt - st * st
            if count >= 3 && denominator > 1e-9 * count * count {
                let slope = (count * stx - st * sx) / denominator
                out[i] = mean + slope * ((t[i] - origin) / 3600 - st / count)
            } else {
                out[i] = mean
            }
        }
        return out
    }

    /// Detections in a residual series. `earliestTsunami` (if an earthquake is known) labels
    /// triggers before it as false alarms.
    public func detect(_ series: TimeSeries, earliestTsunami: Double? = nil) -> [Detection] {
        let t = series.times, n = t.count
        let h = highPass(series), b = bandPass(series)
        // Trailing noise RMS with prefix sums over valid samples.
        var squares = [Double](repeating: 0, count: n + 1), counts = [Int](repeating: 0, count: n + 1)
        for i in 0..<n {
            squares[i + 1] = squares[i] + (b[i].isNaN ? 0 : b[i] * b[i])
            counts[i + 1] = counts[i] + (b[i].isNaN ? 0 : 1)
        }
        func index(_ time: Double) -> Int {
            var lo = 0, hi = n
            while lo < hi { let m = (lo + hi) / 2; if t[m] < time { lo = m + 1 } else { hi = m } }
            return lo
        }
        let step = Sampling.medianInterval(t) ?? 60
        // At least 3 hours of noise history (a record may start shortly before the event).
        let minimumNoiseSamples = Int(min(noiseHours, 3) * 3600 / step * 0.8)
        var detections: [Detection] = []
        var recent: [Bool] = []
        var i = 0
        while i < n {
            defer { i += 1 }
            guard !b[i].isNaN else { recent.append(false); continue }
            let end = index(t[i] - noiseLagMinutes * 60), start = index(t[i] - noiseLagMinutes * 60 - noiseHours * 3600)
            let m = counts[end] - counts[start]
            guard m >= minimumNoiseSamples else { recent.append(false); continue }
            let rms = ((squares[end] - squares[start]) / Double(m)).squareRoot()
            let threshold = max(sigmas * rms, floor)
            recent.append(abs(b[i]) > threshold)
            while recent.count > persistenceWindow { recent.removeFirst() }
            guard recent.filter({ $0 }).count >= persistence else { continue }
            if let last = detections.last, t[i] - last.maximumTime < mergeGap, t[i] - last.arrival < followHours * 3600 { continue }
            // Trigger: the first exceeding sample of the window; onset picked back from there.
            var a = i
            for back in stride(from: i, through: max(0, i - persistenceWindow + 1), by: -1) where !b[back].isNaN && abs(b[back]) > threshold { a = back }
            let onsetLevel = onsetSigmas * rms
            var onset = a, k = a, lastAbove = a
            while k > 0 && t[k - 1] >= t[a] - onsetMinutes * 60 {
                k -= 1
                guard !b[k].isNaN else { continue }
                if abs(b[k]) > onsetLevel { onset = k; lastAbove = k } else if t[lastAbove] - t[k] >= quietMinutes * 60 { break }
            }
            var detection = describe(h, t, arrival: onset, threshold: threshold, earliestTsunami: earliestTsunami)
            detection.triggeredAt = t[a]
            var last = a, q = a
            while q < n && t[q] <= t[a] + followHours * 3600 { if !b[q].isNaN && abs(b[q]) > threshold { last = q }; q += 1 }
            detection.lastExceedance = t[last]
            detections.append(detection)
            recent.removeAll()
            // Skip ahead past the followed span.
            let next = index(t[a] + followHours * 3600)
            i = max(i, next - 1)
        }
        return detections
    }

    func describe(_ h: [Double], _ t: [Double], arrival a: Int, threshold: Double, earliestTsunami: Double?) -> Detection {
        let n = h.count
        // First peak: the extremum of the half-wave containing the arrival.
        let sign = h[a] >= 0 ? 1.0 : -1.0
        var peak = a, k = a
        while k < n && (h[k].isNaN || h[k] * sign > 0) {
            if !h[k].isNaN && abs(h[k]) > abs(h[peak]) { peak = k }
            k += 1
        }
        var maxIndex = a
        var j = a
        while j < n && t[j] <= t[a] + followHours * 3600 {
            if !h[j].isNaN && abs(h[j]) > abs(h[maxIndex]) { maxIndex = j }
            j += 1
        }
        var upCrossings: [Double] = []
        var m = a + 1
        while m < n && t[m] <= t[a] + 3 * 3600 {
            if !h[m].isNaN && !h[m - 1].isNaN && h[m - 1] < 0 && h[m] >= 0 {
                let f = -h[m - 1] / (h[m] - h[m - 1])
                upCrossings.append(t[m - 1] + f * (t[m] - t[m - 1]))
            }
            m += 1
        }
        let period = upCrossings.count >= 2 ? (upCrossings.last! - upCrossings.first!) / Double(upCrossings.count - 1) / 60 : nil
        let label = earliestTsunami.map { t[a] < $0 ? "before any tsunami could arrive" : "tsunami" } ?? "unclassified"
        return Detection(arrival: t[a], triggeredAt: t[a], firstPeak: h[peak], firstPeakTime: t[peak], maximumAmplitude: abs(h[maxIndex]), maximumTime: t[maxIndex],
                         dominantPeriodMinutes: period, threshold: threshold, lastExceedance: t[a], label: label)
    }
}
