/// IOOS QARTOD quality flags (QARTOD manual for water level, 2021), stored with every value.
public enum QCFlag: UInt8, Sendable, Codable, CaseIterable {
    case pass = 1
    case notEvaluated = 2
    case suspect = 3
    case fail = 4
    case missing = 9

    /// The flag of a raw byte; unknown bytes read as `.notEvaluated`.
    public init(byte: UInt8) { self = QCFlag(rawValue: byte) ?? .notEvaluated }

    public var label: String {
        switch self {
        case .pass: "pass"
        case .notEvaluated: "not evaluated"
        case .suspect: "suspect"
        case .fail: "fail"
        case .missing: "missing"
        }
    }
}
