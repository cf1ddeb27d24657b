/// A unit of length, parsed from the unit strings providers write (UDUNITS spellings).
/// BlueWatch stores every length in metres and keeps the source unit beside it.
public enum LengthUnit: String, Sendable, CaseIterable, Codable {
    case metre = "m"
    case centimetre = "cm"
    case millimetre = "mm"
    case kilometre = "km"
    case foot = "ft"

    /// Parses "m", "meters", "metre", "millimeters", "mm", "cm", "km", "ft", "feet" (any case);
    /// nil when the string is not a length unit BlueWatch knows.
    public init?(parsing text: String) {
        let s = text.lowercased().filter { $0 != " " }
        switch s {
        case "m", "meter", "meters", "metre", "metres", "1m": self = .metre
        case "cm", "centimeter", "centimeters", "centimetre", "centimetres": self = .centimetre
        case "mm", "millimeter", "millimeters", "millimetre", "millimetres": self = .millimetre
        case "km", "kilometer", "kilometers", "kilometre", "kilometres": self = .kilometre
        case "ft", "foot", "feet", "international_foot": self = .foot
        default: return nil
        }
    }

    /// Metres per unit.
    public var metres: Double {
        switch self {
        case .metre: 1
        case .centimetre: 0.01
        case .millimetre: 0.001
        case .kilometre: 1000
        case .foot: 0.3048
        }
    }

    /// Converts values in this unit to metres in place (NaN stays NaN).
    public func convertToMetres(_ values: inout [Double]) {
        guard self != .metre else { return }
        // Divide by the exact reciprocal for mm and cm so 1237 mm becomes exactly 1.237.
        switch self {
        case .millimetre: values.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] /= 1000 } }
        case .centimetre: values.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] /= 100 } }
        default:
            let f = metres
            values.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] *= f } }
        }
    }
}
