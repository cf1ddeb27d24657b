import CNetCDF
import Foundation

/// Reads the attributes of one variable (or of a group, with `varid == NC_GLOBAL`) in their
/// own types. The corresponding C functions are `nc_inq_natts`/`nc_inq_varnatts`,
/// `nc_inq_attname`, `nc_inq_att` and the `nc_get_att_*` family.
struct AttributeReader {
    let file: NetCDFFile
    let ncid: Int32
    let varid: Int32
    /// The variable name for error messages, nil for global attributes.
    let owner: String?

    func all() throws(NetCDFError) -> [Attribute] {
        var count: Int32 = 0
        try NetCDFLibrary.call("nc_inq_varnatts", path: file.path, variable: owner) { nc_inq_varnatts(ncid, varid, &count) }
        var result: [Attribute] = []
        for index in 0..<count {
            let (status, name) = NetCDFLibrary.lockedName { nc_inq_attname(ncid, varid, index, $0) }
            if status != NC_NOERR { throw NetCDFError.library(status, path: file.path, variable: owner, call: "nc_inq_attname") }
            if let value = try value(name) { result.append(Attribute(name: name, value: value)) }
        }
        return result
    }

    func value(_ name: String) throws(NetCDFError) -> AttributeValue? {
        var type: nc_type = 0
        var length = 0
        let status = NetCDFLibrary.lockedStatus { nc_inq_att(ncid, varid, name, &type, &length) }
        if status == NC_ENOTATT { return nil }
        let label = owner ?? "global attribute \(name)"
        if status != NC_NOERR { throw NetCDFError.library(status, path: file.path, variable: label, call: "nc_inq_att") }
        let call = "nc_get_att(\(name))"
        try NetCDFLibrary.checkBudget(length, of: 8, path: file.path, variable: label)
        func read<T>(_ zero: T, _ get: (UnsafeMutablePointer<T>) -> Int32) throws(NetCDFError) -> [T] {
            var values = [T](repeating: zero, count: length)
            guard length > 0 else { return values }
            try NetCDFLibrary.call(call, path: file.path, variable: label) {
                values.withUnsafeMutableBufferPointer { get($0.baseAddress!) }
            }
            return values
        }
        switch DataType(type) {
        case .char:
            // Text attributes are not NUL-terminated: read exactly `length` bytes.
            let bytes = try read(CChar(0)) { nc_get_att_text(ncid, varid, name, $0) }
            let trimmed = bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return .text(String(decoding: trimmed, as: UTF8.self))
        case .string:
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: length)
            try NetCDFLibrary.call(call, path: file.path, variable: label) { nc_get_att_string(ncid, varid, name, &pointers) }
            let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
            _ = NetCDFLibrary.lockedStatus { nc_free_string(length, &pointers) }
            return .strings(strings)
        case .byte: return .int8s(try read(Int8(0)) { nc_get_att_schar(ncid, varid, name, $0) })
        case .ubyte: return .uint8s(try read(UInt8(0)) { nc_get_att_uchar(ncid, varid, name, $0) })
        case .short: return .int16s(try read(Int16(0)) { nc_get_att_short(ncid, varid, name, $0) })
        case .ushort: return .uint16s(try read(UInt16(0)) { nc_get_att_ushort(ncid, varid, name, $0) })
        case .int: return .int32s(try read(Int32(0)) { nc_get_att_int(ncid, varid, name, $0) })
        case .uint: return .uint32s(try read(UInt32(0)) { nc_get_att_uint(ncid, varid, name, $0) })
        case .int64: return .int64s(try read(Int64(0)) { nc_get_att_longlong(ncid, varid, name, $0) })
        case .uint64: return .uint64s(try read(UInt64(0)) { nc_get_att_ulonglong(ncid, varid, name, $0) })
        case .float: return .floats(try read(Float(0)) { nc_get_att_float(ncid, varid, name, $0) })
        case .double: return .doubles(try read(Double(0)) { nc_get_att_double(ncid, varid, name, $0) })
        case .userDefined:
            // Attributes of user-defined types are not decoded; treat them as absent.
            return nil
        }
    }

    /// Writes an attribute. The corresponding C functions are the `nc_put_att_*` family.
    func write(_ name: String, _ value: AttributeValue) throws(NetCDFError) {
        let label = owner ?? "global attribute \(name)"
        let call = "nc_put_att(\(name))"
        func put<T>(_ values: [T], _ body: (UnsafePointer<T>, Int) -> Int32) throws(NetCDFError) {
            try NetCDFLibrary.call(call, path: file.path, variable: label) {
                values.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
            }
        }
        switch value {
        case .text(let s):
            let bytes = Array(s.utf8).map { CChar(bitPattern: $0) }
            try NetCDFLibrary.call(call, path: file.path, variable: label) {
                bytes.withUnsafeBufferPointer { nc_put_att_text(ncid, varid, name, $0.count, $0.baseAddress) }
            }
        case .strings(let strings):
            let cStrings = strings.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            var pointers = cStrings.map { UnsafePointer($0) }
            try NetCDFLibrary.call(call, path: file.path, variable: label) {
                nc_put_att_string(ncid, varid, name, pointers.count, &pointers)
            }
        case .int8s(let v): try put(v) { nc_put_att_schar(ncid, varid, name, NC_BYTE, $1, $0) }
        case .uint8s(let v): try put(v) { nc_put_att_uchar(ncid, varid, name, NC_UBYTE, $1, $0) }
        case .int16s(let v): try put(v) { nc_put_att_short(ncid, varid, name, NC_SHORT, $1, $0) }
        case .uint16s(let v): try put(v) { nc_put_att_ushort(ncid, varid, name, NC_USHORT, $1, $0) }
        case .int32s(let v): try put(v) { nc_put_att_int(ncid, varid, name, NC_INT, $1, $0) }
        case .uint32s(let v): try put(v) { nc_put_att_uint(ncid, varid, name, NC_UINT, $1, $0) }
        case .int64s(let v): try put(v) { nc_put_att_longlong(ncid, varid, name, NC_INT64, $1, $0) }
        case .uint64s(let v): try put(v) { nc_put_att_ulonglong(ncid, varid, name, NC_UINT64, $1, $0) }
        case .floats(let v): try put(v) { nc_put_att_float(ncid, varid, name, NC_FLOAT, $1, $0) }
        case .doubles(let v): try put(v) { nc_put_att_double(ncid, varid, name, NC_DOUBLE, $1, $0) }
        }
    }
}
