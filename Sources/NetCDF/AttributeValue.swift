/// The value of a NetCDF attribute, in the attribute's own type.
public enum AttributeValue: Sendable, Equatable, CustomStringConvertible {
    case text(String)
    case strings([String])
    case int8s([Int8])
    case uint8s([UInt8])
    case int16s([Int16])
    case uint16s([UInt16])
    case int32s([Int32])
    case uint32s([UInt32])
    case int64s([Int64])
    case uint64s([UInt64])
    case floats([Float])
    case doubles([Double])

    /// The numeric values as Doubles, or nil for text.
    public var numbers: [Double]? {
        switch self {
        case .text, .strings: nil
        case .int8s(let v): v.map(Double.init)
        case .uint8s(let v): v.map(Double.init)
        case .int16s(let v): v.map(Double.init)
        case .uint16s(let v): v.map(Double.init)
        case .int32s(let v): v.map(Double.init)
        case .uint32s(let v): v.map(Double.init)
        case .int64s(let v): v.map(Double.init)
        case .uint64s(let v): v.map(Double.init)
        case .floats(let v): v.map(Double.init)
        case .doubles(let v): v
        }
    }

    /// The first numeric value, if the attribute is numeric and not empty.
    public var number: Double? { numbers?.first }

    /// The text, for a `char` attribute or a single-element `string` attribute.
    public var text: String? {
        switch self {
        case .text(let s): s
        case .strings(let s): s.count == 1 ? s[0] : s.joined(separator: ", ")
        default: nil
        }
    }

    public var description: String {
        if let text { return "\"\(text)\"" }
        let values = numbers ?? []
        return values.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : String($0) }.joined(separator: ", ")
    }
}

/// A named attribute of a variable or a group.
public struct Attribute: Sendable, Equatable {
    public let name: String
    public let value: AttributeValue
}
