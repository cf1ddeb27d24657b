import Foundation

/// Where the data of a classic-format NetCDF file (CDF-1, CDF-2, CDF-5) end, from its header.
///
/// libnetcdf reads a classic file that lost its last bytes without complaint: the missing
/// values come back as whatever the read returns past the end. The header states each
/// variable's offset (`begin`), shape and type, and the number of records, so the bytes the
/// data need are known before a value is read; ``NetCDFFile/open(_:)`` compares them with the
/// file's size. Parsed straight from the bytes (the format is public: "NetCDF Classic and
/// 64-bit Offset Format", Unidata; CDF-5 from PnetCDF), because libnetcdf does not expose the
/// offsets.
struct ClassicExtent {
    /// The smallest file size that holds every value, or nil for a streaming file (numrecs
    /// unknown).
    let requiredBytes: Int?

    struct Truncated: Error { let reason: String }

    /// The largest header this parser reads (a header names variables and attributes; the
    /// biggest seen in provider files is well under 1 MiB).
    static let headerLimit = 64 << 20

    /// Parses the header of the file's first bytes. Throws `Truncated` when the header itself
    /// is cut off or inconsistent.
    init(header bytes: [UInt8]) throws {
        var p = 0
        func need(_ n: Int) throws { guard n >= 0, p + n <= bytes.count else { throw Truncated(reason: "the header is cut off") } }
        func u32() throws -> Int { try need(4); defer { p += 4 }; return Int(bytes[p]) << 24 | Int(bytes[p + 1]) << 16 | Int(bytes[p + 2]) << 8 | Int(bytes[p + 3]) }
        func u64() throws -> Int {
            try need(8)
            var v: UInt64 = 0
            for k in 0..<8 { v = v << 8 | UInt64(bytes[p + k]) }
            p += 8
            guard v <= UInt64(Int.max >> 8) else { throw Truncated(reason: "a size in the header is beyond any file") }
            return Int(v)
        }
        try need(4)
        guard bytes[0] == 0x43, bytes[1] == 0x44, bytes[2] == 0x46, [1, 2, 5].contains(bytes[3]) else { throw Truncated(reason: "not a classic NetCDF header") }
        let version = bytes[3]
        p = 4
        let big = version == 5
        func count() throws -> Int { big ? try u64() : try u32() }
        let streaming = big ? Array(bytes[4..<min(12, bytes.count)]) == [UInt8](repeating: 0xFF, count: 8) : Array(bytes[4..<min(8, bytes.count)]) == [0xFF, 0xFF, 0xFF, 0xFF]
        let numrecs = try count()
        func skipName() throws { let n = try count(); try need(n); p += (n + 3) / 4 * 4 }
        func typeSize(_ t: Int) throws -> Int {
            switch t {
            case 1, 2, 7: return 1
            case 3, 8: return 2
            case 4, 5, 9: return 4
            case 6, 10, 11: return 8
            default: throw Truncated(reason: "unknown type \(t) in the header")
            }
        }
        func skipAttributes() throws {
            let tag = try u32(), n = try count()
            guard tag == 0x0C || (tag == 0 && n == 0) else { throw Truncated(reason: "attribute list expected") }
            for _ in 0..<n {
                try skipName()
                let size = try typeSize(try u32())
                let values = try count()
                let (bytes, overflow) = values.multipliedReportingOverflow(by: size)
                guard !overflow else { throw Truncated(reason: "an attribute is beyond any file") }
                try need(bytes)
                p += (bytes + 3) / 4 * 4
            }
        }
        // Dimensions.
        var dims: [Int] = []
        let dimTag = try u32(), dimCount = try count()
        guard dimTag == 0x0A || (dimTag == 0 && dimCount == 0) else { throw Truncated(reason: "dimension list expected") }
        guard dimCount <= 1 << 20 else { throw Truncated(reason: "\(dimCount) dimensions") }
        for _ in 0..<dimCount { try skipName(); dims.append(try count()) }
        try skipAttributes()
        // Variables.
        let varTag = try u32(), varCount = try count()
        guard varTag == 0x0B || (varTag == 0 && varCount == 0) else { throw Truncated(reason: "variable list expected") }
        guard varCount <= 1 << 20 else { throw Truncated(reason: "\(varCount) variables") }
        var vars: [(record: Bool, bytes: Int, vsize: Int, begin: Int)] = []
        for _ in 0..<varCount {
            try skipName()
            let rank = try count()
            guard rank <= 1024 else { throw Truncated(reason: "a variable of rank \(rank)") }
            var ids: [Int] = []
            for _ in 0..<rank { ids.append(try count()) }
            try skipAttributes()
            let size = try typeSize(try u32())
            let vsize = try count()
            let begin = version == 1 ? try u32() : try u64()
            guard ids.allSatisfy({ $0 < dims.count }) else { throw Truncated(reason: "a variable names a dimension that does not exist") }
            let record = ids.first.map { dims[$0] == 0 } ?? false
            var n = size
            for (k, id) in ids.enumerated() where !(record && k == 0) {
                let (m, overflow) = n.multipliedReportingOverflow(by: dims[id])
                guard !overflow else { throw Truncated(reason: "a variable is beyond any file") }
                n = m
            }
            vars.append((record, n, vsize, begin))
        }
        guard !streaming else { requiredBytes = nil; return }
        let recordVars = vars.filter(\.record)
        // One record variable: records are not padded; several: each record is the sum of vsizes.
        let recsize = recordVars.count == 1 ? recordVars[0].bytes : try recordVars.reduce(0) { try sum($0, $1.vsize) }
        func sum(_ terms: Int...) throws -> Int {
            var total = 0
            for x in terms {
                let (s, overflow) = total.addingReportingOverflow(x)
                guard !overflow else { throw Truncated(reason: "the data are placed beyond any file") }
                total = s
            }
            return total
        }
        var end = p
        for v in vars {
            if v.record {
                guard numrecs > 0 else { continue }
                let (span, o1) = (numrecs - 1).multipliedReportingOverflow(by: recsize)
                guard !o1 else { throw Truncated(reason: "the records are beyond any file") }
                end = max(end, try sum(v.begin, span, v.bytes))
            } else {
                end = max(end, try sum(v.begin, v.bytes))
            }
        }
        requiredBytes = end
    }
}
