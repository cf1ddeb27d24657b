import Foundation

/// The QARTOD tests on flat arrays, flag for flag as IOOS `ioos_qc` 3.0 computes them
/// (`ioos_qc.qartod`), including its edge rules: spike leaves the first and last values (and
/// values next to a missing one) not evaluated; rate of change compares with the previous
/// value over whole seconds; flat line looks back over a whole number of median steps; the
/// aggregate takes the worst flag with fail > suspect > pass > not evaluated > missing.
public enum QARTOD {
    /// Gross range test (`gross_range_test`).
    public static func grossRange(_ x: [Double], _ c: QCConfiguration.GrossRange) -> [QCFlag] {
        let fail = (c.fail.min()!, c.fail.max()!)
        let suspect = c.suspect.map { ($0.min()!, $0.max()!) }
        return x.map { v in
            if v.isNaN { return .missing }
            if v < fail.0 || v > fail.1 { return .fail }
            if let s = suspect, v < s.0 || v > s.1 { return .suspect }
            return .pass
        }
    }

    /// Climatology test by calendar month (`climatology_test` with `period="month"`); values
    /// in a month without a span are not evaluated.
    public static func climatology(_ times: [Double], _ x: [Double], _ c: QCConfiguration.Climatology) -> [QCFlag] {
        var flags = [QCFlag](repeating: .notEvaluated, count: x.count)
        let months = times.map { UTCTime.components($0).month }
        for m in c.months {
            let suspect = (m.suspect.min()!, m.suspect.max()!)
            let fail = m.fail.map { ($0.min()!, $0.max()!) }
            for i in x.indices where months[i] == m.month && !x[i].isNaN {
                let v = x[i]
                if let f = fail, v < f.0 || v > f.1 { flags[i] = .fail }
                else if v < suspect.0 || v > suspect.1 { flags[i] = .suspect }
                else { flags[i] = .pass }
            }
        }
        for i in x.indices where x[i].isNaN { flags[i] = .missing }
        return flags
    }

    /// Spike test, "average" method (`spike_test`).
    public static func spike(_ x: [Double], _ c: QCConfiguration.Spike) -> [QCFlag] {
        let n = x.count
        var flags = [QCFlag](repeating: .pass, count: n)
        guard n > 0 else { return flags }
        x.withUnsafeBufferPointer { v in
            for i in 0..<n {
                let reference = i == 0 || i == n - 1 ? 0 : (v[i - 1] + v[i + 1]) / 2
                let d = abs(v[i] - reference)
                if let s = c.suspect, s != 0, d > s { flags[i] = .suspect }
                if let f = c.fail, f != 0, d > f { flags[i] = .fail }
            }
            flags[0] = .notEvaluated
            flags[n - 1] = .notEvaluated
            for i in 0..<n {
                if v[i].isNaN { flags[i] = .missing }
                else if i > 0 && i < n - 1 && (v[i - 1].isNaN || v[i + 1].isNaN) { flags[i] = .notEvaluated }
            }
        }
        return flags
    }

    /// Rate of change test (`rate_of_change_test`): |x_i − x_{i−1}| / Δt with Δt truncated to
    /// whole seconds, as ioos_qc does.
    public static func rateOfChange(_ times: [Double], _ x: [Double], _ c: QCConfiguration.RateOfChange) -> [QCFlag] {
        let n = x.count
        var flags = [QCFlag](repeating: .pass, count: n)
        for i in 1..<max(1, n) {
            let dt = (times[i] - times[i - 1]).rounded(.towardZero)
            let rate = abs((x[i] - x[i - 1]) / dt)
            if rate > c.suspect { flags[i] = .suspect }
            if let f = c.fail, rate > f { flags[i] = .fail }
        }
        for i in 0..<n where x[i].isNaN { flags[i] = .missing }
        return flags
    }

    /// Flat line test (`flat_line_test`): with k = ⌊threshold / median step⌋, value i (i ≥ k) is
    /// flagged when x[i−k…i] spans less than the tolerance.
    ///
    /// ioos_qc looks only at the non-missing values of the window, so in a gappy record a value
    /// whose window is otherwise missing "spans 0" and fails (three real Manila monthly means
    /// would fail that way). BlueWatch flags only complete windows; `partialWindows: true` gives
    /// ioos_qc's rule (the golden tests use it to show the two differ only there).
    public static func flatLine(_ times: [Double], _ x: [Double], _ c: QCConfiguration.FlatLine, partialWindows: Bool = false) -> [QCFlag] {
        let n = x.count
        var flags = [QCFlag](repeating: .pass, count: n)
        guard n >= 3 else { return flags }
        // numpy's median of the steps (mean of the two middle ones), truncated to whole seconds.
        var steps = (1..<n).map { times[$0] - times[$0 - 1] }
        steps.sort()
        let middle = steps.count / 2
        let median = steps.count % 2 == 1 ? steps[middle] : (steps[middle - 1] + steps[middle]) / 2
        let step = median.rounded(.towardZero)
        guard step > 0 else { return flags }
        func run(_ threshold: Double, _ flag: QCFlag) {
            let k = Int((threshold.rounded(.towardZero) / step).rounded(.towardZero))
            guard k > 0, k < n else { return }
            // Sliding min and max over windows of k+1 values with monotone deques (NaN skipped).
            var missingBefore = [Int](repeating: 0, count: n + 1)
            for i in 0..<n { missingBefore[i + 1] = missingBefore[i] + (x[i].isNaN ? 1 : 0) }
            var minQueue: [Int] = [], maxQueue: [Int] = []
            var minHead = 0, maxHead = 0
            for i in 0..<n {
                if !x[i].isNaN {
                    while minQueue.count > minHead && x[minQueue[minQueue.count - 1]] >= x[i] { minQueue.removeLast() }
                    minQueue.append(i)
                    while maxQueue.count > maxHead && x[maxQueue[maxQueue.count - 1]] <= x[i] { maxQueue.removeLast() }
                    maxQueue.append(i)
                }
                while minHead < minQueue.count && minQueue[minHead] < i - k { minHead += 1 }
                while maxHead < maxQueue.count && maxQueue[maxHead] < i - k { maxHead += 1 }
                let complete = missingBefore[i + 1] - missingBefore[i - min(i, k)] == 0
                if i >= k, partialWindows || complete, minHead < minQueue.count, maxHead < maxQueue.count {
                    if abs(x[maxQueue[maxHead]] - x[minQueue[minHead]]) < c.tolerance { flags[i] = flag }
                }
            }
        }
        run(c.suspectSeconds, .suspect)
        run(c.failSeconds, .fail)
        for i in 0..<n where x[i].isNaN { flags[i] = .missing }
        return flags
    }

    /// Time gap test (`time_gap_test`): a value more than `failSeconds` after the previous one
    /// fails; the first value takes the second's flag.
    public static func timeGap(_ times: [Double], _ c: QCConfiguration.TimeGap) -> [QCFlag] {
        let n = times.count
        var flags = [QCFlag](repeating: .pass, count: n)
        guard n > 1 else { return flags }
        for i in 1..<n where times[i] - times[i - 1] > c.failSeconds { flags[i] = .fail }
        flags[0] = flags[1]
        return flags
    }

    /// The aggregate flag (`qartod_compare`): per value the highest-priority flag among the
    /// inputs, fail > suspect > pass > not evaluated > missing.
    public static func aggregate(_ results: [[QCFlag]], count: Int) -> [QCFlag] {
        func priority(_ f: QCFlag) -> Int {
            switch f {
            case .missing: 0
            case .notEvaluated: 1
            case .pass: 2
            case .suspect: 3
            case .fail: 4
            }
        }
        var out = [QCFlag](repeating: .missing, count: count)
        for flags in results {
            for i in 0..<count where priority(flags[i]) > priority(out[i]) { out[i] = flags[i] }
        }
        return out
    }
}
