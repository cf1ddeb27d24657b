/// Comparisons within stated tolerances.
public enum Approximately {
    /// |a − b| ≤ absolute + relative·max(|a|, |b|); NaN equals NaN.
    public static func equal(_ a: Double, _ b: Double, absolute: Double = 0, relative: Double = 0) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
    }
}
