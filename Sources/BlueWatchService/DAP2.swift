import Foundation

/// OPeNDAP DAP2 encoding (the protocol netCDF-C, and through it xarray and ncdump, speak):
/// a dataset of one-dimensional arrays along `time` and scalars, described by its DDS and
/// DAS texts and sent as `.dods` (the constrained DDS, `Data:`, then XDR big-endian values).
/// Constraint expressions: a projection list of variables with `[start:stride:stop]`,
/// `[start:stop]` or `[index]` hyperslabs; selections (`&…`) are refused.
enum DAP2 {
    enum Values {
        case float64([Double])
        case int32([Int32])
    }

    struct Variable {
        var name: String
        /// Nil for a scalar; else the dimension's name (every array has one dimension).
        var dimension: String?
        var values: Values
        var attributes: [(name: String, value: Attribute)]

        var count: Int {
            switch values {
            case .float64(let v): v.count
            case .int32(let v): v.count
            }
        }
        var typeName: String {
            switch values {
            case .float64: "Float64"
            case .int32: "Int32"
            }
        }
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

    /// One projected variable: its index in the dataset and the hyperslab (start, stride, stop).
    struct Projection { var variable: Int; var slab: (start: Int, stride: Int, stop: Int)? }

    /// Parses a constraint expression against `dataset` (percent-encoded or not).
    static func projections(_ raw: String?, in dataset: Dataset) throws(Failure) -> [Projection] {
        let text = (raw?.removingPercentEncoding ?? raw ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return dataset.variables.indices.map { Projection(variable: $0, slab: nil) } }
        guard !text.contains("&") else { throw Failure(message: "selection clauses (&…) are not supported; project variables with hyperslabs") }
        var result: [Projection] = []
        for item in text.split(separator: ",") {
            let s = item.trimmingCharacters(in: .whitespaces)
            let name = String(s.prefix { $0 != "[" })
            guard let index = dataset.variables.firstIndex(where: { $0.name == name }) else {
                throw Failure(message: "no variable '\(name)' in this dataset (\(dataset.variables.map(\.name).joined(separator: ", ")))")
            }
            let variable = dataset.variables[index]
            let rest = s.dropFirst(name.count)
            if rest.isEmpty { result.append(Projection(variable: index, slab: nil)); continue }
            guard variable.dimension != nil, rest.hasPrefix("["), rest.hasSuffix("]"), rest.filter({ $0 == "[" }).count == 1 else {
                throw Failure(message: "'\(s)': \(variable.dimension == nil ? "a scalar takes no hyperslab" : "one [start:stride:stop] per dimension")")
            }
            let numbers = rest.dropFirst().dropLast().split(separator: ":", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...3).contains(numbers.count), numbers.allSatisfy({ $0 != nil }) else { throw Failure(message: "'\(s)': a hyperslab is [start:stride:stop], [start:stop] or [index]") }
            let n = numbers.map { $0! }
            let slab = n.count == 1 ? (n[0], 1, n[0]) : n.count == 2 ? (n[0], 1, n[1]) : (n[0], n[1], n[2])
            guard slab.0 >= 0, slab.1 >= 1, slab.2 >= slab.0, slab.2 < variable.count else {
                throw Failure(message: "'\(s)': the hyperslab lies outside \(name)[0:\(max(0, variable.count - 1))]")
            }
            result.append(Projection(variable: index, slab: slab))
        }
        return result
    }

    /// The number of elements a projection selects.
    static func count(_ p: Projection, in dataset: Dataset) -> Int {
        guard let s = p.slab else { return dataset.variables[p.variable].count }
        return (s.stop - s.start) / s.stride + 1
    }

    /// The DDS of the projected dataset.
    static func dds(_ dataset: Dataset, _ projections: [Projection]) -> String {
        var out = "Dataset {\n"
        for p in projections {
            let v = dataset.variables[p.variable]
            if let dimension = v.dimension {
                out += "    \(v.typeName) \(v.name)[\(dimension) = \(count(p, in: dataset))];\n"
            } else {
                out += "    \(v.typeName) \(v.name);\n"
            }
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
    static func dods(_ dataset: Dataset, _ projections: [Projection]) -> Data {
        var data = Data((dds(dataset, projections) + "Data:\n").utf8)
        func put32(_ v: UInt32) { withUnsafeBytes(of: v.bigEndian) { data.append(contentsOf: $0) } }
        for p in projections {
            let v = dataset.variables[p.variable]
            let indices: StrideThrough<Int> = p.slab.map { stride(from: $0.start, through: $0.stop, by: $0.stride) } ?? stride(from: 0, through: v.count - 1, by: 1)
            if v.dimension != nil {
                let n = UInt32(count(p, in: dataset))
                put32(n)
                put32(n)
            }
            switch v.values {
            case .float64(let values):
                data.reserveCapacity(data.count + 8 * values.count)
                for i in indices { withUnsafeBytes(of: values[i].bitPattern.bigEndian) { data.append(contentsOf: $0) } }
            case .int32(let values):
                for i in indices { put32(UInt32(bitPattern: values[i])) }
            }
        }
        return data
    }

    /// A DAP2 error body.
    static func error(_ message: String) -> String {
        "Error {\n    code = 1001;\n    message = \"\(message.replacingOccurrences(of: "\"", with: "'"))\";\n};\n"
    }
}
