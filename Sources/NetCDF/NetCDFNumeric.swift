import CNetCDF

/// A Swift scalar type that libnetcdf can read and write directly, converting from the
/// variable's external type as `nc_get_vara_<type>` does.
public protocol NetCDFNumeric: Sendable, Numeric {
    /// The NetCDF type a variable of this Swift type is created with.
    static var dataType: DataType { get }
    static func getVara(_ ncid: Int32, _ varid: Int32, _ start: UnsafePointer<Int>?, _ count: UnsafePointer<Int>?, _ out: UnsafeMutablePointer<Self>) -> Int32
    static func putVara(_ ncid: Int32, _ varid: Int32, _ start: UnsafePointer<Int>?, _ count: UnsafePointer<Int>?, _ values: UnsafePointer<Self>) -> Int32
}

extension Double: NetCDFNumeric {
    public static var dataType: DataType { .double }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<Double>) -> Int32 { nc_get_vara_double(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<Double>) -> Int32 { nc_put_vara_double(n, v, s, c, p) }
}
extension Float: NetCDFNumeric {
    public static var dataType: DataType { .float }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<Float>) -> Int32 { nc_get_vara_float(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<Float>) -> Int32 { nc_put_vara_float(n, v, s, c, p) }
}
extension Int8: NetCDFNumeric {
    public static var dataType: DataType { .byte }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<Int8>) -> Int32 { nc_get_vara_schar(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<Int8>) -> Int32 { nc_put_vara_schar(n, v, s, c, p) }
}
extension UInt8: NetCDFNumeric {
    public static var dataType: DataType { .ubyte }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<UInt8>) -> Int32 { nc_get_vara_uchar(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<UInt8>) -> Int32 { nc_put_vara_uchar(n, v, s, c, p) }
}
extension Int16: NetCDFNumeric {
    public static var dataType: DataType { .short }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<Int16>) -> Int32 { nc_get_vara_short(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<Int16>) -> Int32 { nc_put_vara_short(n, v, s, c, p) }
}
extension UInt16: NetCDFNumeric {
    public static var dataType: DataType { .ushort }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<UInt16>) -> Int32 { nc_get_vara_ushort(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<UInt16>) -> Int32 { nc_put_vara_ushort(n, v, s, c, p) }
}
extension Int32: NetCDFNumeric {
    public static var dataType: DataType { .int }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<Int32>) -> Int32 { nc_get_vara_int(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<Int32>) -> Int32 { nc_put_vara_int(n, v, s, c, p) }
}
extension UInt32: NetCDFNumeric {
    public static var dataType: DataType { .uint }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<UInt32>) -> Int32 { nc_get_vara_uint(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<UInt32>) -> Int32 { nc_put_vara_uint(n, v, s, c, p) }
}
extension Int64: NetCDFNumeric {
    public static var dataType: DataType { .int64 }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<Int64>) -> Int32 { nc_get_vara_longlong(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<Int64>) -> Int32 { nc_put_vara_longlong(n, v, s, c, p) }
}
extension UInt64: NetCDFNumeric {
    public static var dataType: DataType { .uint64 }
    public static func getVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ o: UnsafeMutablePointer<UInt64>) -> Int32 { nc_get_vara_ulonglong(n, v, s, c, o) }
    public static func putVara(_ n: Int32, _ v: Int32, _ s: UnsafePointer<Int>?, _ c: UnsafePointer<Int>?, _ p: UnsafePointer<UInt64>) -> Int32 { nc_put_vara_ulonglong(n, v, s, c, p) }
}
