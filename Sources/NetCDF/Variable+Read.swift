import CNetCDF

extension Variable {
    /// Reads a hyperslab (the whole variable when `start`/`count` are nil), converted by
    /// libnetcdf to `T`. Raw values: no CF decoding (see ``CFVariable``).
    /// The corresponding C function is `nc_get_vara_<type>`, e.g. `nc_get_vara_double`.
    public func read<T: NetCDFNumeric>(_: T.Type = T.self, start: [Int]? = nil, count: [Int]? = nil) throws(NetCDFError) -> [T] {
        guard type.isNumeric else {
            throw NetCDFError(path: path, variable: name, reason: "is of type \(type), not numeric")
        }
        let (start, count) = try slab(start: start, count: count)
        let total = NetCDFLibrary.product(count) ?? -1
        try NetCDFLibrary.checkBudget(total, of: MemoryLayout<T>.stride, path: path, variable: name)
        var values = [T](repeating: .zero, count: total)
        guard total > 0 else { return values }
        try NetCDFLibrary.call("nc_get_vara", path: path, variable: name) {
            values.withUnsafeMutableBufferPointer { out in
                start.withUnsafeBufferPointer { s in
                    count.withUnsafeBufferPointer { c in
                        T.getVara(group.id, id, s.baseAddress, c.baseAddress, out.baseAddress!)
                    }
                }
            }
        }
        return values
    }

    /// Reads a `char` variable as strings along its last dimension (trailing NULs and blanks
    /// removed), or an NC_STRING variable as strings. A 1-D char variable is one string.
    /// The corresponding C functions are `nc_get_vara_text` and `nc_get_vara_string`.
    public func readStrings() throws(NetCDFError) -> [String] {
        switch type {
        case .char:
            let shape = self.shape
            guard let width = shape.last, width > 0 else { return [""] }
            let total = NetCDFLibrary.product(shape) ?? -1
            try NetCDFLibrary.checkBudget(total, of: 1, path: path, variable: name)
            var bytes = [CChar](repeating: 0, count: total)
            try NetCDFLibrary.call("nc_get_var_text", path: path, variable: name) { nc_get_var_text(group.id, id, &bytes) }
            return stride(from: 0, to: total, by: width).map { offset in
                let row = bytes[offset..<offset + width].prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
                return String(decoding: row, as: UTF8.self).trimmingSpaces()
            }
        case .string:
            try NetCDFLibrary.checkBudget(count, of: 64, path: path, variable: name)
            var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
            guard count > 0 else { return [] }
            try NetCDFLibrary.call("nc_get_var_string", path: path, variable: name) { nc_get_var_string(group.id, id, &pointers) }
            let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
            _ = NetCDFLibrary.lockedStatus { nc_free_string(pointers.count, &pointers) }
            return strings
        default:
            throw NetCDFError(path: path, variable: name, reason: "is of type \(type), not text")
        }
    }

    /// Validates a hyperslab against the variable's shape and fills in defaults.
    func slab(start: [Int]?, count: [Int]?) throws(NetCDFError) -> ([Int], [Int]) {
        let shape = self.shape
        let start = start ?? [Int](repeating: 0, count: shape.count)
        let count = count ?? zip(shape, start).map { $0 - $1 }
        guard start.count == shape.count, count.count == shape.count else {
            throw NetCDFError(path: path, variable: name, reason: "hyperslab of rank \(start.count) for a variable of rank \(shape.count)")
        }
        for i in shape.indices where start[i] < 0 || count[i] < 0 || start[i] + count[i] > shape[i] {
            throw NetCDFError(path: path, variable: name, reason: "hyperslab start \(start) count \(count) outside shape \(shape)")
        }
        return (start, count)
    }
}

extension StringProtocol {
    /// The text without leading and trailing blanks.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        while s.first == " " { s.removeFirst() }
        return String(s)
    }
}
