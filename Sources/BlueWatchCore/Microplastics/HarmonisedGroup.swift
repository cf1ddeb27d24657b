/// Samples that may be put on one map and averaged together: same matrix, same unit (after the
/// conversions that exist), same sampling method and the same mesh-size class.
public struct HarmonisedGroup: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var matrix: PlasticMatrix
    public var unit: PlasticUnit
    /// The sampling method, lower-cased and trimmed ("neuston net"); "unstated" when absent.
    public var method: String
    public var mesh: MeshSizeClass

    public init(matrix: PlasticMatrix, unit: PlasticUnit, method: String, mesh: MeshSizeClass) {
        self.matrix = matrix
        self.unit = unit
        self.method = method
        self.mesh = mesh
    }

    /// "surface_water · pieces/m3 · neuston net · mesh not stated".
    public var description: String { "\(matrix.rawValue) · \(unit.rawValue) · \(method) · \(mesh.rawValue)" }

    /// A short, file-name-safe key: "surface_water.m3.neuston-net.mesh-unknown".
    public var key: String {
        let unitKey = switch unit {
        case .piecesPerCubicMetre: "m3"
        case .piecesPerLitre: "L"
        case .piecesPerSquareKilometre: "km2"
        case .piecesPerKilogramDryWeight: "kg-dw"
        case .piecesPerSample: "per-sample"
        }
        let meshKey = switch mesh {
        case .below100: "lt100um"
        case .from100to299: "100-299um"
        case .from300to499: "300-499um"
        case .from500: "ge500um"
        case .unknown: "mesh-unknown"
        }
        var methodKey = ""
        for ch in method.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { methodKey.append(ch) } else if !methodKey.isEmpty && methodKey.last != "-" { methodKey.append("-") }
        }
        while methodKey.last == "-" { methodKey.removeLast() }
        return "\(matrix.rawValue).\(unitKey).\(methodKey.isEmpty ? "unstated" : methodKey).\(meshKey)"
    }

    public static func < (a: HarmonisedGroup, b: HarmonisedGroup) -> Bool {
        (a.matrix.rawValue, a.unit.rawValue, a.method, a.mesh) < (b.matrix.rawValue, b.unit.rawValue, b.method, b.mesh)
    }

    /// Normalises a method text for grouping.
    public static func methodKey(_ method: String?) -> String {
        let words = (method ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" })
        return words.isEmpty ? "unstated" : words.joined(separator: " ")
    }
}

/// One concentration in its group's unit, with where and when it was taken; `sample` indexes
/// the input the harmoniser was given.
public struct HarmonisedValue: Sendable, Equatable, Codable {
    public var sample: Int
    public var latitude: Double?
    public var longitude: Double?
    public var time: Double?
    public var value: Double
}
