/// The outcome of the QARTOD tests on one series: each test's flags, the aggregate, and counts.
public struct QCResult: Sendable, Equatable {
    public var configuration: QCConfiguration
    /// Flags of each test that ran, in QARTOD's order.
    public var tests: [(test: QARTODTest, flags: [QCFlag])]
    /// The aggregate of the tests and of the provider's own flags.
    public var aggregate: [QCFlag]
    /// The provider's own suspect and fail flags that entered the aggregate, if any.
    public var providerFlags: [QCFlag]?

    public static func == (a: QCResult, b: QCResult) -> Bool {
        a.configuration == b.configuration && a.aggregate == b.aggregate && a.providerFlags == b.providerFlags
            && a.tests.map { $0.test } == b.tests.map { $0.test } && a.tests.map { $0.flags } == b.tests.map { $0.flags }
    }

    /// Counts of each flag per test and for the aggregate.
    public var summary: QCSummary {
        func count(_ flags: [QCFlag]) -> [String: Int] {
            var c: [String: Int] = [:]
            for f in flags { c[String(f.rawValue), default: 0] += 1 }
            return c
        }
        var provider: [String: [Int]]? = nil
        if let p = providerFlags {
            var positions: [String: [Int]] = [:]
            for (i, f) in p.enumerated() where f == .suspect || f == .fail { positions[String(f.rawValue), default: []].append(i) }
            provider = positions
        }
        return QCSummary(configuration: configuration,
                         tests: Dictionary(uniqueKeysWithValues: tests.map { ($0.test.rawValue, count($0.flags)) }),
                         aggregate: count(aggregate), provider: provider)
    }
}

/// What QC did to a series, kept with it in the store: the thresholds used and how many values
/// each test gave each flag ("1", "2", "3", "4", "9").
public struct QCSummary: Sendable, Codable, Equatable {
    public var configuration: QCConfiguration
    public var tests: [String: [String: Int]]
    public var aggregate: [String: Int]
    /// The configuration's kind of series ("gauge-hourly", …) and where overrides came from.
    public var kind: String?
    public var overrides: String?
    /// Positions of the values the provider itself flagged suspect ("3") or fail ("4"), kept
    /// so that QC can be run again without losing them.
    public var provider: [String: [Int]]?

    public init(configuration: QCConfiguration, tests: [String: [String: Int]], aggregate: [String: Int], kind: String? = nil,
                overrides: String? = nil, provider: [String: [Int]]? = nil) {
        self.configuration = configuration; self.tests = tests; self.aggregate = aggregate; self.kind = kind
        self.overrides = overrides; self.provider = provider
    }

    /// The provider's flags for a series of `count` values (not evaluated where it set none).
    public func providerFlags(count: Int) -> [QCFlag] {
        var flags = [QCFlag](repeating: .notEvaluated, count: count)
        for (flag, positions) in provider ?? [:] {
            for i in positions where i < count { flags[i] = QCFlag(byte: UInt8(flag) ?? 2) }
        }
        return flags
    }
}

/// Runs the configured QARTOD tests on a series.
public enum QualityControl {
    /// Flags of every configured test and their aggregate, combined with the flags the series
    /// already carries from its provider (e.g. PSMSL's flag for attention → suspect); provider
    /// flags of "not evaluated" change nothing.
    public static func run(_ series: TimeSeries, configuration c: QCConfiguration) -> QCResult {
        let t = series.times, x = series.values
        var tests: [(QARTODTest, [QCFlag])] = []
        if let g = c.timeGap { tests.append((.timeGap, QARTOD.timeGap(t, g))) }
        if let g = c.grossRange { tests.append((.grossRange, QARTOD.grossRange(x, g))) }
        if let g = c.climatology { tests.append((.climatology, QARTOD.climatology(t, x, g))) }
        if let g = c.spike { tests.append((.spike, QARTOD.spike(x, g))) }
        if let g = c.rateOfChange { tests.append((.rateOfChange, QARTOD.rateOfChange(t, x, g))) }
        if let g = c.flatLine { tests.append((.flatLine, QARTOD.flatLine(t, x, g))) }
        var inputs = tests.map { $0.1 }
        var provider: [QCFlag]? = nil
        if series.flags.contains(where: { $0 == .suspect || $0 == .fail }) {
            provider = series.flags.map { $0 == .suspect || $0 == .fail ? $0 : .notEvaluated }
            inputs.append(provider!)
        }
        var aggregate = inputs.isEmpty ? series.flags : QARTOD.aggregate(inputs, count: series.count)
        for i in x.indices where x[i].isNaN { aggregate[i] = .missing }
        return QCResult(configuration: c, tests: tests.map { (test: $0.0, flags: $0.1) }, aggregate: aggregate, providerFlags: provider)
    }
}
