import Foundation

/// High and low waters of a tide curve, labelled as the NOAA CO-OPS tide tables label them:
/// in each tidal day (24.8412 h, the lunar day) the highest high water is the higher high (HH)
/// and any other high a high (H); the lowest low is the lower low (LL), any other a low (L)
/// (CO-OPS, *Computational Techniques for Tidal Datums Handbook*, NOAA Tech. Rep. NOS CO-OPS 2,
/// 2003, §2).
public struct HighLowWaters: Sendable {
    /// The kind of a turning point of the tide.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case higherHigh = "HH", high = "H", low = "L", lowerLow = "LL"

        public var isHigh: Bool { self == .higherHigh || self == .high }
    }

    /// One high or low water.
    public struct Event: Sendable, Codable, Equatable {
        /// UTC seconds.
        public let time: Double
        /// Metres.
        public let height: Double
        public let kind: Kind
    }

    /// The tidal day, seconds.
    public static let tidalDay = 24.8412 * 3600

    public let events: [Event]

    /// The turning points of `curve` between `start` and `end` (UTC seconds). The curve is
    /// sampled every `step` seconds; each sampled maximum or minimum is placed by the parabola
    /// through it and its neighbours and its height evaluated on the curve there. Tidal days
    /// for the labels count from `start`. `curve` is called with increasing times, in chunks of
    /// at most `chunk` times (so a 19-year epoch never sits in memory whole).
    ///
    /// `minimumRange` and `minimumSeparation` (0 for a predicted curve) drop the small wiggles
    /// an observed curve has near slack water, as CO-OPS does (a high and the next low must
    /// differ by 0.1 ft and lie 2 hours apart): such a pair is removed and the more extreme of
    /// the turning points around it kept.
    public init(curve: ([Double]) -> [Double], from start: Double, to end: Double, step: Double = 360, chunk: Int = 1 << 16,
                minimumRange: Double = 0, minimumSeparation: Double = 0) {
        var turning: [(time: Double, isHigh: Bool)] = []
        var previous: (Double, Double)? = nil, current: (Double, Double)? = nil
        var t0 = start - step
        let last = end + step
        while t0 <= last {
            let times = (0..<chunk).lazy.map { t0 + Double($0) * step }.filter { $0 <= last }
            let ts = Array(times)
            if ts.isEmpty { break }
            let hs = curve(ts)
            for (t, h) in zip(ts, hs) {
                if let (_, hp) = previous, let (tc, hc) = current {
                    let isMax = hc > hp && hc >= h, isMin = hc < hp && hc <= h
                    if isMax || isMin {
                        let denominator = hp - 2 * hc + h
                        let offset = denominator == 0 ? 0 : 0.5 * (hp - h) / denominator
                        let at = tc + max(-0.5, min(0.5, offset)) * step
                        if at >= start && at <= end { turning.append((at, isMax)) }
                    }
                }
                previous = current
                current = (t, h)
            }
            t0 = ts[ts.count - 1] + step
        }
        var heights = turning.isEmpty ? [] : curve(turning.map(\.time))
        if minimumRange > 0 || minimumSeparation > 0 {
            (turning, heights) = Self.withoutWiggles(turning, heights, range: minimumRange, separation: minimumSeparation)
        }
        // Labels: per tidal day, the highest high and the lowest low.
        var events: [Event] = []
        events.reserveCapacity(turning.count)
        var i = 0
        while i < turning.count {
            let day = ((turning[i].time - start) / Self.tidalDay).rounded(.down)
            var j = i
            while j < turning.count && ((turning[j].time - start) / Self.tidalDay).rounded(.down) == day { j += 1 }
            let highs = (i..<j).filter { turning[$0].isHigh }, lows = (i..<j).filter { !turning[$0].isHigh }
            let top = highs.max { heights[$0] < heights[$1] }, bottom = lows.min { heights[$0] < heights[$1] }
            for k in i..<j {
                let kind: Kind = turning[k].isHigh ? (k == top ? .higherHigh : .high) : (k == bottom ? .lowerLow : .low)
                events.append(Event(time: turning[k].time, height: heights[k], kind: kind))
            }
            i = j
        }
        self.events = events
    }

    /// Turning points with every high–low pair closer than `range` in height or `separation`
    /// in time removed; of the same-kind points left side by side, the more extreme is kept.
    static func withoutWiggles(_ turning: [(time: Double, isHigh: Bool)], _ heights: [Double], range: Double, separation: Double)
        -> ([(time: Double, isHigh: Bool)], [Double]) {
        var stack: [(time: Double, isHigh: Bool, height: Double)] = []
        var pending: (time: Double, isHigh: Bool, height: Double)? = nil
        func moreExtreme(_ a: (time: Double, isHigh: Bool, height: Double), _ b: (time: Double, isHigh: Bool, height: Double)) -> (time: Double, isHigh: Bool, height: Double) {
            a.isHigh ? (a.height >= b.height ? a : b) : (a.height <= b.height ? a : b)
        }
        for k in turning.indices {
            var p = (time: turning[k].time, isHigh: turning[k].isHigh, height: heights[k])
            if !p.height.isFinite { continue }
            if let q = pending {
                pending = nil
                if q.isHigh == p.isHigh { p = moreExtreme(p, q) } else { stack.append(q) }
            }
            if let top = stack.last, top.isHigh == p.isHigh {
                stack[stack.count - 1] = moreExtreme(top, p)
                continue
            }
            if let top = stack.last, abs(p.height - top.height) < range || p.time - top.time < separation {
                pending = stack.removeLast()
                continue
            }
            stack.append(p)
        }
        if let q = pending {
            if let top = stack.last, top.isHigh == q.isHigh { stack[stack.count - 1] = moreExtreme(top, q) } else { stack.append(q) }
        }
        return (stack.map { ($0.time, $0.isHigh) }, stack.map(\.height))
    }
}
