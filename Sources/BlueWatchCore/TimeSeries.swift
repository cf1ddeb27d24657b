/// A series of observations at one station: times in UTC seconds since 1970, values in the
/// series' units with NaN for missing, and one QARTOD flag per value. Flat contiguous arrays,
/// sorted by time (strictly increasing; ``TimeSeries/validate()`` checks it).
public struct TimeSeries: Sendable, Equatable {
    public var times: [Double]
    public var values: [Double]
    public var flags: [QCFlag]

    /// A series whose flags are `.notEvaluated` (or `.missing` where the value is NaN).
    public init(times: [Double], values: [Double]) {
        precondition(times.count == values.count, "times and values differ in length")
        self.times = times
        self.values = values
        self.flags = values.map { $0.isNaN ? .missing : .notEvaluated }
    }

    public init(times: [Double], values: [Double], flags: [QCFlag]) {
        precondition(times.count == values.count && values.count == flags.count, "times, values and flags differ in length")
        self.times = times
        self.values = values
        self.flags = flags
    }

    public var count: Int { times.count }
    public var isEmpty: Bool { times.isEmpty }

    /// Number of values that are not NaN.
    public var validCount: Int { values.withUnsafeBufferPointer { $0.reduce(0) { $1.isNaN ? $0 : $0 + 1 } } }

    /// First and last time, or nil when empty.
    public var span: ClosedRange<Double>? { times.isEmpty ? nil : times[0]...times[times.count - 1] }

    /// The part of the series with `from <= t <= to` (either bound optional), by binary search.
    public func slice(from: Double? = nil, to: Double? = nil) -> TimeSeries {
        let lower = from.map { lowerBound(of: $0) } ?? 0
        let upper = to.map { upperBound(of: $0) } ?? count
        guard lower < upper else { return TimeSeries(times: [], values: [], flags: []) }
        return TimeSeries(times: Array(times[lower..<upper]), values: Array(values[lower..<upper]), flags: Array(flags[lower..<upper]))
    }

    /// Index of the first time >= t.
    public func lowerBound(of t: Double) -> Int {
        var lo = 0, hi = count
        while lo < hi { let mid = (lo + hi) / 2; if times[mid] < t { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// Index after the last time <= t.
    public func upperBound(of t: Double) -> Int {
        var lo = 0, hi = count
        while lo < hi { let mid = (lo + hi) / 2; if times[mid] <= t { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}

/// What is wrong with a series' time axis or values.
public enum TimeSeriesProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case allMissing(count: Int)
    case nonFiniteTime(index: Int)
    case unsorted(index: Int, previous: Double, time: Double)
    case duplicateTime(index: Int, time: Double)

    public var description: String {
        switch self {
        case .empty: "the series has no values"
        case .allMissing(let n): "all \(n) values are missing"
        case .nonFiniteTime(let i): "time \(i) is not a finite number"
        case .unsorted(let i, let p, let t):
            "times are not in increasing order: value \(i) at \(UTCTime.iso(t)) comes after \(UTCTime.iso(p))"
        case .duplicateTime(let i, let t): "time \(UTCTime.iso(t)) appears twice (value \(i))"
        }
    }
}

extension TimeSeries {
    /// Checks the invariants every stored series keeps: not empty, not all missing, finite
    /// times in strictly increasing order.
    public func validate() throws(TimeSeriesProblem) {
        guard !isEmpty else { throw .empty }
        for i in times.indices {
            guard times[i].isFinite else { throw .nonFiniteTime(index: i) }
            if i > 0 {
                if times[i] == times[i - 1] { throw .duplicateTime(index: i, time: times[i]) }
                if times[i] < times[i - 1] { throw .unsorted(index: i, previous: times[i - 1], time: times[i]) }
            }
        }
        guard validCount > 0 else { throw .allMissing(count: count) }
    }
}
