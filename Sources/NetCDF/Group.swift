import CNetCDF

/// A group of a NetCDF file (the root group for classic files).
public struct Group: Sendable {
    public let file: NetCDFFile
    let id: Int32
    public let name: String

    var path: String { file.path }

    /// Sub-groups (NetCDF-4 only). The corresponding C function is `nc_inq_grps`.
    public func groups() throws(NetCDFError) -> [Group] {
        var count: Int32 = 0
        try NetCDFLibrary.call("nc_inq_grps", path: path) { nc_inq_grps(id, &count, nil) }
        guard count > 0 else { return [] }
        var ids = [Int32](repeating: 0, count: Int(count))
        try NetCDFLibrary.call("nc_inq_grps", path: path) { nc_inq_grps(id, &count, &ids) }
        var result: [Group] = []
        for gid in ids {
            let (status, name) = NetCDFLibrary.lockedName { nc_inq_grpname(gid, $0) }
            if status != NC_NOERR { throw NetCDFError.library(status, path: path, variable: nil, call: "nc_inq_grpname") }
            result.append(Group(file: file, id: gid, name: name))
        }
        return result
    }

    /// The group named `name`, or nil. The corresponding C function is `nc_inq_grp_ncid`.
    public func group(named name: String) throws(NetCDFError) -> Group? {
        try groups().first { $0.name == name }
    }

    /// Dimensions visible in this group (its own and its parents').
    /// The corresponding C functions are `nc_inq_dimids`, `nc_inq_dim` and `nc_inq_unlimdims`.
    public func dimensions() throws(NetCDFError) -> [Dimension] {
        var count: Int32 = 0
        try NetCDFLibrary.call("nc_inq_dimids", path: path) { nc_inq_dimids(id, &count, nil, 1) }
        var ids = [Int32](repeating: 0, count: Int(count))
        if count > 0 { try NetCDFLibrary.call("nc_inq_dimids", path: path) { nc_inq_dimids(id, &count, &ids, 1) } }
        return try ids.map { (dimid) throws(NetCDFError) in try dimension(id: dimid) }
    }

    /// The dimension named `name`, or nil. The corresponding C function is `nc_inq_dimid`.
    public func dimension(named name: String) throws(NetCDFError) -> Dimension? {
        var dimid: Int32 = 0
        let status = NetCDFLibrary.lockedStatus { nc_inq_dimid(id, name, &dimid) }
        if status == NC_EBADDIM { return nil }
        if status != NC_NOERR { throw NetCDFError.library(status, path: path, variable: nil, call: "nc_inq_dimid") }
        return try dimension(id: dimid)
    }

    func dimension(id dimid: Int32) throws(NetCDFError) -> Dimension {
        var length = 0
        let (status, name) = NetCDFLibrary.lockedName { nc_inq_dim(id, dimid, $0, &length) }
        if status != NC_NOERR { throw NetCDFError.library(status, path: path, variable: nil, call: "nc_inq_dim") }
        var nUnlimited: Int32 = 0
        try NetCDFLibrary.call("nc_inq_unlimdims", path: path) { nc_inq_unlimdims(id, &nUnlimited, nil) }
        var unlimited = [Int32](repeating: -1, count: max(Int(nUnlimited), 1))
        if nUnlimited > 0 {
            try NetCDFLibrary.call("nc_inq_unlimdims", path: path) { nc_inq_unlimdims(id, &nUnlimited, &unlimited) }
        }
        return Dimension(id: dimid, name: name, length: length, isUnlimited: nUnlimited > 0 && unlimited.contains(dimid))
    }

    /// The variables of this group, in file order. The corresponding C function is `nc_inq_varids`.
    public func variables() throws(NetCDFError) -> [Variable] {
        var count: Int32 = 0
        try NetCDFLibrary.call("nc_inq_varids", path: path) { nc_inq_varids(id, &count, nil) }
        guard count > 0 else { return [] }
        var ids = [Int32](repeating: 0, count: Int(count))
        try NetCDFLibrary.call("nc_inq_varids", path: path) { nc_inq_varids(id, &count, &ids) }
        return try ids.map { (varid) throws(NetCDFError) in try variable(id: varid) }
    }

    /// The variable named `name`, or nil. The corresponding C function is `nc_inq_varid`.
    public func variable(named name: String) throws(NetCDFError) -> Variable? {
        var varid: Int32 = 0
        let status = NetCDFLibrary.lockedStatus { nc_inq_varid(id, name, &varid) }
        if status == NC_ENOTVAR { return nil }
        if status != NC_NOERR { throw NetCDFError.library(status, path: path, variable: name, call: "nc_inq_varid") }
        return try variable(id: varid)
    }

    func variable(id varid: Int32) throws(NetCDFError) -> Variable {
        var type: nc_type = 0
        var ndims: Int32 = 0
        var natts: Int32 = 0
        let (status, name) = NetCDFLibrary.lockedName { nc_inq_var(id, varid, $0, &type, &ndims, nil, &natts) }
        if status != NC_NOERR { throw NetCDFError.library(status, path: path, variable: nil, call: "nc_inq_var") }
        var dimids = [Int32](repeating: 0, count: Int(ndims))
        if ndims > 0 {
            try NetCDFLibrary.call("nc_inq_vardimid", path: path, variable: name) { nc_inq_vardimid(id, varid, &dimids) }
        }
        let dims = try dimids.map { (d) throws(NetCDFError) in try dimension(id: d) }
        return Variable(group: self, id: varid, name: name, type: DataType(type), dimensions: dims)
    }

    /// Global (group) attributes. The corresponding C functions are `nc_inq_natts` and `nc_get_att_*`.
    public func attributes() throws(NetCDFError) -> [Attribute] {
        try AttributeReader(file: file, ncid: id, varid: NC_GLOBAL, owner: nil).all()
    }

    /// The global attribute named `name`, or nil when absent.
    public func attribute(_ name: String) throws(NetCDFError) -> AttributeValue? {
        try AttributeReader(file: file, ncid: id, varid: NC_GLOBAL, owner: nil).value(name)
    }
}

extension NetCDFLibrary {
    static func lockedName(_ body: (UnsafeMutablePointer<CChar>) -> Int32) -> (Int32, String) {
        (try? locked { () throws(NetCDFError) in withNameBuffer(body) }) ?? (NC_EINTERNAL, "")
    }

    static func lockedStatus(_ body: () -> Int32) -> Int32 {
        (try? locked { () throws(NetCDFError) in body() }) ?? NC_EINTERNAL
    }
}
