import Foundation

/// OPeNDAP DAP2 encoding (the protocol netCDF-C, and through it xarray and ncdump, speak):
/// a dataset of arrays with named shared dimensions (coordinate arrays named after their
/// dimension, as netCDF-C expects) and scalars, described by its DDS and DAS texts and sent
/// as `.dods` (the constrained DDS, `Data:`, then XDR big-endian values). Each variable reads
/// only the hyperslab asked for. Constraint expressions: a projection list of variables with
/// one `[start:stride:stop]`, `[start:stop]` or `[index]` per dimension; selections (`&…`)
/// are refused.
enum DAP2 {
    /// The selected values of a variable, row-major.
    enum Values {
        case float64([Double])
        case float32([Float])
        case int32([Int32])
    }

    enum ValueType: String { case float64 = "Float64", float32 = "Float32", int32 = "Int32" }

    /// A hyperslab of one dimension: start, stride, stop (inclusive).
    struct Slab: Equatable {
        var start: Int, stride: Int, stop: Int
        var count: Int { (stop - start) / stride + 1 }
        var indices: StrideThrough<Int> { Swift.stride(from: start, through: stop, by: stride) }
        static func whole(_ size: Int) -> Slab { Slab(start: 0, stride: 1, stop: size - 1) }
    }

    struct Variable {
        var name: String
        /// Empty for a scalar.
        var dimensions: [(name: String, size: Int)]
        var type: ValueType
        var attributes: [(name: String, value: Attribute)]
        /// Reads the values of the given slabs (one per dimension), row-major.
        var read: ([Slab]) throws -> Values
    }

    enum Attribute {
        case string(String), float64(Double), int32(Int32), int32s([Int32])
    }

    struct Dataset {
        var name: String
        var variables: [Variable]
        var global: [(name: String, value: Attribute)]
    }

    /// A refusal in DAP2's error form.
    struct Failure: Error { var message: String }

    /// One projected variable: its index in the dataset and a slab per dimension.
    struct Projection { var variable: Int; var slabs: [Slab] }

    /// Parses a constraint expression against `dataset` (percent-encoded or not).
    static func projections(_ raw: String?, in dataset: Dataset) throws(Failure) -> [Projection] {
        let text = (raw?.removingPercentEncoding ?? raw ?? "").trimmingCharacters(in: .whitespaces)
        func whole(_ index: Int) -> Projection { Projection(variable: index, slabs: dataset.variables[index].dimensions.map { Slab.whole($0.size) }) }
        guard !text.isEmpty else { return dataset.variables.indices.map(whole) }
        guard !text.contains("&") else { throw Failure(message: "selection clauses (&...) are not supported; project variables with hyperslabs") }
        var result: [Projection] = []
        for item in text.split(separator: ",") {
            let s = item.trimmingCharacters(in: .whitespaces)
            let name = String(s.prefix { $0 != "[" })
            guard let index = dataset.variables.firstIndex(where: { $0.name == name }) else {
                throw Failure(message: "no variable '\(name)' in this dataset (\(dataset.variables.map(\.name).joined(separator: ", ")))")
            }
            let variable = dataset.variables[index]
            let rest = s.dropFirst(name.count)
            if rest.isEmpty { result.append(whole(index)); continue }
            let groups = rest.split(separator: "]", omittingEmptySubsequences: true)
            guard rest.hasSuffix("]"), groups.count == variable.dimensions.count, groups.allSatisfy({ $0.hasPrefix("[") }) else {
                throw Failure(message: "'\(s)': \(name) takes \(variable.dimensions.count) hyperslab(s), one [start:stride:stop] per dimension")
            }
            var slabs: [Slab] = []
            for (group, dimension) in zip(groups, variable.dimensions) {
                let numbers = group.dropFirst().split(separator: ":", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard (1...3).contains(numbers.count), numbers.allSatisfy({ $0 != nil }) else { throw Failure(message: "'\(s)': a hyperslab is [start:stride:stop], [start:stop] or [index]") }
                let n = numbers.map { $0! }
                let slab = n.count == 1 ? Slab(start: n[0], stride: 1, stop: n[0]) : n.count == 2 ? Slab(start: n[0], stride: 1, stop: n[1]) : Slab(start: n[0], stride: n[1], stop: n[2])
                guard slab.start >= 0, slab.stride >= 1, slab.stop >= slab.start, slab.stop < dimension.size else {
                    throw Failure(message: "'\(s)': the hyperslab lies outside \(name)'s \(dimension.name)[0:\(max(0, dimension.size - 1))]")
                }
                slabs.append(slab)
            }
            result.append(Projection(variable: index, slabs: slabs))
        }
        return result
    }

    /// The number of values a projection selects.
    static func count(_ p: Projection) -> Int { p.slabs.reduce(1) { $0 * $1.count } }

    /// The DDS of the projected dataset.
    static func dds(_ dataset: Dataset, _ projections: [Projection]) -> String {
        var out = "Dataset {\n"
        for p in projections {
            let v = dataset.variables[p.variable]
            out += "    \(v.type.rawValue) \(v.name)" + zip(v.dimensions, p.slabs).map { "[\($0.0.name) = \($0.1.count)]" }.joined() + ";\n"
        }
        return out + "} \(dataset.name);\n"
    }

    /// The DAS: every variable's attributes and the globals (as `NC_GLOBAL`).
    static func das(_ dataset: Dataset) -> String {
        func line(_ a: (name: String, value: Attribute)) -> String {
            switch a.value {
            case .string(let s): "        String \(a.name) \"\(s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\";\n"
            case .float64(let d): "        Float64 \(a.name) \(d.isNaN ? "NaN" : "\(d)");\n"
            case .int32(let i): "        Int32 \(a.name) \(i);\n"
            case .int32s(let list): "        Int32 \(a.name) \(list.map(String.init).joined(separator: ", "));\n"
            }
        }
        var out = "Attributes {\n"
        for v in dataset.variables { out += "    \(v.name) {\n" + v.attributes.map(line).joined() + "    }\n" }
        out += "    NC_GLOBAL {\n" + dataset.global.map(line).joined() + "    }\n"
        return out + "}\n"
    }

    /// The `.dods` body: the DDS, `Data:`, then each projected variable in XDR (an array's
    /// length twice, then its values; a scalar's value alone).
    static func dods(_ dataset: Dataset, _ projections: [Projection]) throws -> Data {
        var data = Data((dds(dataset, projections) + "Data:\n").utf8)
        func put32(_ v: UInt32) { withUnsafeBytes(of: v.bigEndian) { data.append(contentsOf: $0) } }
        for p in projections {
            let v = dataset.variables[p.variable]
            if !v.dimensions.isEmpty {
                let n = UInt32(count(p))
                put32(n)
                put32(n)
            }
            switch try v.read(p.slabs) {
            case .float64(let values):
                data.reserveCapacity(data.count + 8 * values.count)
                for x in values { withUnsafeBytes(of: x.bitPattern.bigEndian) { data.append(contentsOf: $0) } }
            case .float32(let values):
                data.reserveCapacity(data.count + 4 * values.count)
                for x in values { put32(x.bitPattern) }
            case .int32(let values):
                for x in values { put32(UInt32(bitPattern: x)) }
            }
        }
        return data
    }

    /// A one-dimensional variable over values held in memory.
    static func array(_ name: String, dimension: String, _ values: [Double], attributes: [(name: String, value: Attribute)]) -> Variable {
        Variable(name: name, dimensions: [(dimension, values.count)], type: .float64, attributes: attributes) { slabs in .float64(slabs[0].indices.map { values[$0] }) }
    }

    /// A DAP2 error body.
    static func error(_ message: String) -> String {
        "Error {\n    code = 1001;\n    message = \"\(message.replacingOccurrences(of: "\"", with: "'"))\";\n};\n"
    }
}
