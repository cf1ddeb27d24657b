import CNetCDF

/// The external data types of a NetCDF variable or attribute (`nc_type`).
public enum DataType: Sendable, Equatable, CustomStringConvertible {
    case byte, char, short, int, float, double
    case ubyte, ushort, uint, int64, uint64, string
    /// A user-defined (compound, vlen, enum, opaque) type, which BlueWatch does not decode.
    case userDefined(Int32)

    init(_ type: nc_type) {
        switch type {
        case NC_BYTE: self = .byte
        case NC_CHAR: self = .char
        case NC_SHORT: self = .short
        case NC_INT: self = .int
        case NC_FLOAT: self = .float
        case NC_DOUBLE: self = .double
        case NC_UBYTE: self = .ubyte
        case NC_USHORT: self = .ushort
        case NC_UINT: self = .uint
        case NC_INT64: self = .int64
        case NC_UINT64: self = .uint64
        case NC_STRING: self = .string
        default: self = .userDefined(type)
        }
    }

    var ncType: nc_type {
        switch self {
        case .byte: NC_BYTE
        case .char: NC_CHAR
        case .short: NC_SHORT
        case .int: NC_INT
        case .float: NC_FLOAT
        case .double: NC_DOUBLE
        case .ubyte: NC_UBYTE
        case .ushort: NC_USHORT
        case .uint: NC_UINT
        case .int64: NC_INT64
        case .uint64: NC_UINT64
        case .string: NC_STRING
        case .userDefined(let t): t
        }
    }

    /// True for the numeric types that decode to numbers.
    public var isNumeric: Bool {
        switch self {
        case .byte, .short, .int, .float, .double, .ubyte, .ushort, .uint, .int64, .uint64: true
        default: false
        }
    }

    /// True for integer types (packed data, flags).
    public var isInteger: Bool { isNumeric && self != .float && self != .double }

    /// The default fill value libnetcdf uses for this type (`NC_FILL_*`), as a Double.
    public var defaultFill: Double? {
        switch self {
        // The values of netcdf.h's NC_FILL_* macros, which are casts Swift does not import.
        case .byte: -127
        case .short: -32767
        case .int: -2147483647
        case .float: Double(Float(9.9692099683868690e+36))
        case .double: 9.9692099683868690e+36
        case .ubyte: 255
        case .ushort: 65535
        case .uint: 4294967295
        case .int64: Double(Int64(-9_223_372_036_854_775_806))
        case .uint64: Double(UInt64(18_446_744_073_709_551_614))
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .byte: "byte"
        case .char: "char"
        case .short: "short"
        case .int: "int"
        case .float: "float"
        case .double: "double"
        case .ubyte: "ubyte"
        case .ushort: "ushort"
        case .uint: "uint"
        case .int64: "int64"
        case .uint64: "uint64"
        case .string: "string"
        case .userDefined(let t): "user-defined(\(t))"
        }
    }
}
