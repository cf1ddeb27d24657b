/// Why a record cannot be analysed. Each case says what to do about it.
public enum TideAnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    case badTimes(TimeSeriesProblem)
    case noUsableValues(ValueSelection)
    case tooShort(hours: Double)
    case constant(value: Double)
    case unknownConstituent(String)
    case tooFewValues(count: Int, parameters: Int)
    case inseparable(constituents: [String])

    public var description: String {
        switch self {
        case .badTimes(let problem): "cannot analyse: \(problem)"
        case .noUsableValues(let s):
            "no values left to analyse (\(s.missing) missing, \(s.failed) failed QC, \(s.suspectExcluded) suspect excluded)"
        case .tooShort(let h):
            "the record spans \(h < 1 ? String(format: "%.0f minutes", h * 60) : String(format: "%.1f hours", h)); a tidal analysis needs at least a day (25 hours to separate the main diurnal and semidiurnal tides)"
        case .constant(let v): "every usable value is \(v): a constant series has no tide to analyse"
        case .unknownConstituent(let name): "unknown constituent '\(name)' (see `bluewatch tides constituents`)"
        case .tooFewValues(let n, let p): "\(n) usable values cannot determine \(p) parameters; choose fewer constituents"
        case .inseparable(let names):
            "the record cannot separate \(names.joined(separator: ", ")) (their frequencies differ by less than one cycle over the record); drop one or use --constituents auto"
        }
    }
}
