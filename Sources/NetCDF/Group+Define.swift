import CNetCDF
import Foundation

extension Group {
    /// Defines a dimension; `length == nil` makes it unlimited. The corresponding C function is `nc_def_dim`.
    @discardableResult
    public func defineDimension(_ dimensionName: String, length: Int?) throws(NetCDFError) -> Dimension {
        var dimid: Int32 = 0
        try NetCDFLibrary.call("nc_def_dim(\(dimensionName))", path: path) {
            nc_def_dim(id, dimensionName, length ?? Int(NC_UNLIMITED), &dimid)
        }
        return Dimension(id: dimid, name: dimensionName, length: length ?? 0, isUnlimited: length == nil)
    }

    /// Defines a variable, optionally deflate-compressed with shuffle (NetCDF-4 only).
    /// The corresponding C functions are `nc_def_var` and `nc_def_var_deflate`.
    @discardableResult
    public func defineVariable(
        _ variableName: String, type: DataType, dimensions: [Dimension], deflateLevel: Int? = nil
    ) throws(NetCDFError) -> Variable {
        var varid: Int32 = 0
        let dimids = dimensions.map { $0.id }
        try NetCDFLibrary.call("nc_def_var", path: path, variable: variableName) {
            dimids.withUnsafeBufferPointer { nc_def_var(id, variableName, type.ncType, Int32(dimids.count), $0.baseAddress, &varid) }
        }
        if let deflateLevel, !dimensions.isEmpty {
            try NetCDFLibrary.call("nc_def_var_deflate", path: path, variable: variableName) {
                nc_def_var_deflate(id, varid, 1, 1, Int32(deflateLevel))
            }
        }
        return Variable(group: self, id: varid, name: variableName, type: type, dimensions: dimensions)
    }

    /// Defines a sub-group (NetCDF-4 only). The corresponding C function is `nc_def_grp`.
    public func defineGroup(_ groupName: String) throws(NetCDFError) -> Group {
        var gid: Int32 = 0
        try NetCDFLibrary.call("nc_def_grp(\(groupName))", path: path) { nc_def_grp(id, groupName, &gid) }
        return Group(file: file, id: gid, name: groupName)
    }

    /// Writes a global attribute. The corresponding C functions are the `nc_put_att_*` family.
    public func setAttribute(_ attributeName: String, _ value: AttributeValue) throws(NetCDFError) {
        try AttributeReader(file: file, ncid: id, varid: NC_GLOBAL, owner: nil).write(attributeName, value)
    }
}

extension Variable {
    /// Writes a variable attribute. The corresponding C functions are the `nc_put_att_*` family.
    public func setAttribute(_ attributeName: String, _ value: AttributeValue) throws(NetCDFError) {
        try AttributeReader(file: group.file, ncid: group.id, varid: id, owner: name).write(attributeName, value)
    }

    /// Writes a hyperslab (the whole variable by default; give `count` for an unlimited
    /// dimension). Leaves define mode first if needed.
    /// The corresponding C function is `nc_put_vara_<type>`, e.g. `nc_put_vara_double`.
    public func write<T: NetCDFNumeric>(_ values: [T], start: [Int]? = nil, count: [Int]? = nil) throws(NetCDFError) {
        try group.file.endDefinitions()
        let start = start ?? [Int](repeating: 0, count: dimensions.count)
        let count = count ?? shape
        guard count.reduce(1, *) == values.count else {
            throw NetCDFError(path: path, variable: name, reason: "writing \(values.count) values into a hyperslab of \(count.reduce(1, *))")
        }
        try NetCDFLibrary.call("nc_put_vara", path: path, variable: name) {
            values.withUnsafeBufferPointer { v in
                start.withUnsafeBufferPointer { s in
                    count.withUnsafeBufferPointer { c in T.putVara(group.id, id, s.baseAddress, c.baseAddress, v.baseAddress!) }
                }
            }
        }
    }

    /// Writes strings into a `char` variable whose last dimension is the string length
    /// (padded with NULs), or into an NC_STRING variable.
    /// The corresponding C functions are `nc_put_var_text` and `nc_put_var_string`.
    public func writeStrings(_ strings: [String]) throws(NetCDFError) {
        try group.file.endDefinitions()
        switch type {
        case .char:
            let width = shape.last ?? 0
            var bytes = [CChar](repeating: 0, count: shape.reduce(1, *))
            for (row, s) in strings.enumerated() {
                for (k, b) in s.utf8.prefix(width).enumerated() { bytes[row * width + k] = CChar(bitPattern: b) }
            }
            try NetCDFLibrary.call("nc_put_var_text", path: path, variable: name) { nc_put_var_text(group.id, id, bytes) }
        case .string:
            let cStrings = strings.map { strdup($0) }
            defer { cStrings.forEach { free($0) } }
            var pointers = cStrings.map { UnsafePointer($0) }
            try NetCDFLibrary.call("nc_put_var_string", path: path, variable: name) { nc_put_var_string(group.id, id, &pointers) }
        default:
            throw NetCDFError(path: path, variable: name, reason: "is of type \(type), not text")
        }
    }
}
