/// Which values of a series an analysis uses, by QARTOD flag, and how many it left out and why.
/// Values flagged pass (1) or not evaluated (2) are used; suspect (3) only when admitted;
/// fail (4) and missing (9, or NaN) never.
public struct ValueSelection: Sendable, Codable, Equatable {
    public var used = 0
    public var missing = 0
    public var failed = 0
    /// Suspect values left out (0 when suspect values are admitted).
    public var suspectExcluded = 0
    /// Suspect values used because they were admitted.
    public var suspectUsed = 0

    public init() {}

    /// Indices of the values to use, and the counts.
    public static func select(_ series: TimeSeries, admitSuspect: Bool) -> (indices: [Int], selection: ValueSelection) {
        var s = ValueSelection()
        var indices: [Int] = []
        indices.reserveCapacity(series.count)
        for i in 0..<series.count {
            let v = series.values[i]
            if v.isNaN || series.flags[i] == .missing { s.missing += 1; continue }
            switch series.flags[i] {
            case .fail: s.failed += 1; continue
            case .suspect:
                if !admitSuspect { s.suspectExcluded += 1; continue }
                s.suspectUsed += 1
            default: break
            }
            s.used += 1
            indices.append(i)
        }
        return (indices, s)
    }

    /// Values left out, in words ("12 missing, 3 failed QC"), or "none".
    public var exclusionSummary: String {
        var parts: [String] = []
        if missing > 0 { parts.append("\(missing) missing") }
        if failed > 0 { parts.append("\(failed) failed QC") }
        if suspectExcluded > 0 { parts.append("\(suspectExcluded) suspect") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
