/// Thresholds of the QARTOD tests for one series (QARTOD manual for water level, 2021; the
/// semantics of IOOS `ioos_qc` 3.0). A test whose settings are nil is not run. Lengths are in
/// the series' units (metres), rates per second, durations in seconds.
public struct QCConfiguration: Sendable, Codable, Equatable {
    /// Values outside `fail` fail; outside `suspect` (inside `fail`) are suspect.
    public struct GrossRange: Sendable, Codable, Equatable {
        public var fail: [Double]
        public var suspect: [Double]?
        public init(fail: [Double], suspect: [Double]? = nil) { self.fail = fail; self.suspect = suspect }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            fail = try c.numbers(.fail)
            suspect = try c.numbersIfPresent(.suspect)
        }
    }

    /// Per calendar month (1–12): values outside `suspect` are suspect, outside `fail` fail.
    public struct Climatology: Sendable, Codable, Equatable {
        public struct Month: Sendable, Codable, Equatable {
            public var month: Int
            public var suspect: [Double]
            public var fail: [Double]?
            public init(month: Int, suspect: [Double], fail: [Double]? = nil) { self.month = month; self.suspect = suspect; self.fail = fail }

            public init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                month = try c.decode(Int.self, forKey: .month)
                suspect = try c.numbers(.suspect)
                fail = try c.numbersIfPresent(.fail)
            }
        }
        public var months: [Month]
        public init(months: [Month]) { self.months = months }

        /// Written as the list of months: `climatology = [{ month = 1, suspect = [0.7, 2.1] }, …]`.
        public init(from decoder: any Decoder) throws {
            months = try decoder.singleValueContainer().decode([Month].self)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(months)
        }
    }

    /// |x_i − (x_{i−1} + x_{i+1})/2| above `suspect` is suspect, above `fail` fails.
    public struct Spike: Sendable, Codable, Equatable {
        public var suspect: Double?
        public var fail: Double?
        public init(suspect: Double?, fail: Double?) { self.suspect = suspect; self.fail = fail }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            suspect = try c.numberIfPresent(.suspect)
            fail = try c.numberIfPresent(.fail)
        }
    }

    /// |Δx/Δt| (per second) above `suspect` is suspect, above `fail` fails.
    public struct RateOfChange: Sendable, Codable, Equatable {
        public var suspect: Double
        public var fail: Double?
        public init(suspect: Double, fail: Double? = nil) { self.suspect = suspect; self.fail = fail }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            suspect = try c.number(.suspect)
            fail = try c.numberIfPresent(.fail)
        }
    }

    /// A value is suspect (fail) when it and the values of the preceding `suspectSeconds`
    /// (`failSeconds`) span less than `tolerance`.
    public struct FlatLine: Sendable, Codable, Equatable {
        public var tolerance: Double
        public var suspectSeconds: Double
        public var failSeconds: Double
        public init(tolerance: Double, suspectSeconds: Double, failSeconds: Double) {
            self.tolerance = tolerance; self.suspectSeconds = suspectSeconds; self.failSeconds = failSeconds
        }

        enum CodingKeys: String, CodingKey {
            case tolerance
            case suspectSeconds = "suspect_seconds"
            case failSeconds = "fail_seconds"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            tolerance = try c.number(.tolerance)
            suspectSeconds = try c.number(.suspectSeconds)
            failSeconds = try c.number(.failSeconds)
        }
    }

    /// A value that follows a gap longer than `failSeconds` fails.
    public struct TimeGap: Sendable, Codable, Equatable {
        public var failSeconds: Double
        public init(failSeconds: Double) { self.failSeconds = failSeconds }

        enum CodingKeys: String, CodingKey { case failSeconds = "fail_seconds" }

        public init(from decoder: any Decoder) throws {
            failSeconds = try decoder.container(keyedBy: CodingKeys.self).number(.failSeconds)
        }
    }

    public var timeGap: TimeGap?
    public var grossRange: GrossRange?
    public var climatology: Climatology?
    public var spike: Spike?
    public var rateOfChange: RateOfChange?
    public var flatLine: FlatLine?

    enum CodingKeys: String, CodingKey {
        case climatology, spike
        case timeGap = "time_gap"
        case grossRange = "gross_range"
        case rateOfChange = "rate_of_change"
        case flatLine = "flat_line"
    }

    public init(timeGap: TimeGap? = nil, grossRange: GrossRange? = nil, climatology: Climatology? = nil, spike: Spike? = nil,
                rateOfChange: RateOfChange? = nil, flatLine: FlatLine? = nil) {
        self.timeGap = timeGap; self.grossRange = grossRange; self.climatology = climatology
        self.spike = spike; self.rateOfChange = rateOfChange; self.flatLine = flatLine
    }

    /// This configuration with every test `other` sets taken from `other`.
    public func overridden(by other: QCConfiguration) -> QCConfiguration {
        QCConfiguration(timeGap: other.timeGap ?? timeGap, grossRange: other.grossRange ?? grossRange,
                        climatology: other.climatology ?? climatology, spike: other.spike ?? spike,
                        rateOfChange: other.rateOfChange ?? rateOfChange, flatLine: other.flatLine ?? flatLine)
    }

    /// The tests this configuration runs, in QARTOD's order.
    public var tests: [QARTODTest] {
        var list: [QARTODTest] = []
        if timeGap != nil { list.append(.timeGap) }
        if grossRange != nil { list.append(.grossRange) }
        if climatology != nil { list.append(.climatology) }
        if spike != nil { list.append(.spike) }
        if rateOfChange != nil { list.append(.rateOfChange) }
        if flatLine != nil { list.append(.flatLine) }
        return list
    }
}

/// The QARTOD water-level tests BlueWatch runs.
public enum QARTODTest: String, Sendable, Codable, CaseIterable {
    case timeGap = "time_gap"
    case grossRange = "gross_range"
    case climatology
    case spike
    case rateOfChange = "rate_of_change"
    case flatLine = "flat_line"
}

/// Numbers written either way in a config file: `21600` or `21600.0`.
extension KeyedDecodingContainer {
    func number(_ key: Key) throws -> Double {
        if let i = try? decode(Int.self, forKey: key) { return Double(i) }
        return try decode(Double.self, forKey: key)
    }

    func numberIfPresent(_ key: Key) throws -> Double? {
        contains(key) ? try number(key) : nil
    }

    func numbers(_ key: Key) throws -> [Double] {
        if let i = try? decode([Int].self, forKey: key) { return i.map(Double.init) }
        return try decode([Double].self, forKey: key)
    }

    func numbersIfPresent(_ key: Key) throws -> [Double]? {
        contains(key) ? try numbers(key) : nil
    }
}
