import CNetCDF

/// A variable of a NetCDF group: its name, external type and dimensions. Reading and writing
/// are in `Variable+Read.swift` and `Variable+Write.swift`; CF decoding in `CF/`.
public struct Variable: Sendable {
    public let group: Group
    let id: Int32
    public let name: String
    public let type: DataType
    public let dimensions: [Dimension]

    var path: String { group.file.path }

    /// The length of each dimension.
    public var shape: [Int] { dimensions.map { $0.length } }

    /// The number of values (1 for a scalar).
    public var count: Int { NetCDFLibrary.product(shape) ?? .max }

    /// The names of the dimensions, in order.
    public var dimensionNames: [String] { dimensions.map { $0.name } }

    /// All attributes of this variable. The corresponding C functions are `nc_inq_varnatts`
    /// and the `nc_get_att_*` family.
    public func attributes() throws(NetCDFError) -> [Attribute] {
        try AttributeReader(file: group.file, ncid: group.id, varid: id, owner: name).all()
    }

    /// The attribute named `name`, or nil when absent.
    public func attribute(_ attributeName: String) throws(NetCDFError) -> AttributeValue? {
        try AttributeReader(file: group.file, ncid: group.id, varid: id, owner: name).value(attributeName)
    }

    /// A text attribute, or nil when absent or not text.
    public func text(_ attributeName: String) throws(NetCDFError) -> String? {
        try attribute(attributeName)?.text
    }

    /// Storage details of a NetCDF-4 variable: chunk sizes and deflate level.
    /// The corresponding C functions are `nc_inq_var_chunking` and `nc_inq_var_deflate`.
    public func storage() throws(NetCDFError) -> (chunks: [Int]?, deflateLevel: Int?) {
        var storage: Int32 = 0
        var chunks = [Int](repeating: 0, count: max(dimensions.count, 1))
        let s1 = NetCDFLibrary.lockedStatus { nc_inq_var_chunking(group.id, id, &storage, &chunks) }
        var shuffle: Int32 = 0, deflate: Int32 = 0, level: Int32 = 0
        let s2 = NetCDFLibrary.lockedStatus { nc_inq_var_deflate(group.id, id, &shuffle, &deflate, &level) }
        let chunked = s1 == NC_NOERR && storage == NC_CHUNKED && !dimensions.isEmpty
        return (chunked ? Array(chunks.prefix(dimensions.count)) : nil, s2 == NC_NOERR && deflate != 0 ? Int(level) : nil)
    }
}
