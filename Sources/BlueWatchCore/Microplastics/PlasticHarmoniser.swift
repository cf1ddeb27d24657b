/// Puts microplastic samples into groups whose values can be compared (``HarmonisedGroup``),
/// converting only what converts: pieces/L ↔ pieces/m³ always; pieces/km² ↔ pieces/m³ only
/// when the user asks and a tow depth is known. Everything left out is counted with its reason.
public struct PlasticHarmoniser: Sendable {
    /// How areal and volumetric values may meet.
    public enum TowDepth: Sendable, Equatable, Codable {
        /// Never convert between pieces/km² and pieces/m³ (the default).
        case never
        /// Convert using each sample's own recorded depth (metres) only.
        case recorded
        /// Use the sample's recorded depth, else this depth in metres.
        case assumed(Double)
    }

    /// The unit to express values in; nil keeps each dimension in its standard unit.
    public var unit: PlasticUnit?
    public var towDepth: TowDepth
    /// Keep only these (nil: all).
    public var matrix: PlasticMatrix?
    /// Keep samples whose method contains this text (case-insensitive).
    public var methodContains: String?

    public init(unit: PlasticUnit? = nil, towDepth: TowDepth = .never, matrix: PlasticMatrix? = nil, methodContains: String? = nil) {
        self.unit = unit
        self.towDepth = towDepth
        self.matrix = matrix
        self.methodContains = methodContains
    }

    /// The outcome: values by group, and what was left out and why.
    public struct Result: Sendable {
        public var groups: [HarmonisedGroup: [HarmonisedValue]]
        /// Reason → number of samples.
        public var excluded: [String: Int]
        /// Groups from largest to smallest (ties by name).
        public var ordered: [HarmonisedGroup] {
            groups.keys.sorted { (groups[$0]!.count, $1) > (groups[$1]!.count, $0) }
        }
    }

    public func harmonise(_ samples: [PlasticSample]) -> Result {
        var groups: [HarmonisedGroup: [HarmonisedValue]] = [:]
        var excluded: [String: Int] = [:]
        let needle = methodContains?.lowercased()
        for (i, s) in samples.enumerated() {
            if let matrix, s.matrix != matrix { continue }
            if let needle, !(s.method ?? "").lowercased().contains(needle) { continue }
            guard let raw = s.concentration, raw.isFinite else { excluded["no concentration", default: 0] += 1; continue }
            guard raw >= 0 else { excluded["negative concentration", default: 0] += 1; continue }
            let target = unit ?? PlasticUnit.standard(for: s.unit.dimension)
            var value = s.unit.convert(raw, to: target)
            if value == nil, s.unit.dimension != target.dimension {
                let depth: Double? = switch towDepth {
                case .never: nil
                case .recorded: Self.depthMetres(s.depth)
                case .assumed(let d): Self.depthMetres(s.depth) ?? d
                }
                value = s.unit.convert(raw, to: target, towDepthMetres: depth)
                if value == nil {
                    let why = towDepth == .never && Set([s.unit.dimension, target.dimension]) == [.areal, .volumetric]
                        ? "\(s.unit.rawValue) not converted to \(target.rawValue) (needs a tow depth: --tow-depth)"
                        : towDepth != .never && Set([s.unit.dimension, target.dimension]) == [.areal, .volumetric]
                        ? "\(s.unit.rawValue) not converted to \(target.rawValue) (no tow depth recorded)"
                        : "\(s.unit.rawValue) does not convert to \(target.rawValue)"
                    excluded[why, default: 0] += 1
                    continue
                }
            }
            let group = HarmonisedGroup(matrix: s.matrix, unit: target, method: HarmonisedGroup.methodKey(s.method),
                                        mesh: MeshSizeClass(micrometres: s.meshMicrometres))
            groups[group, default: []].append(HarmonisedValue(sample: i, latitude: s.latitude, longitude: s.longitude, time: s.time, value: value!))
        }
        return Result(groups: groups, excluded: excluded)
    }

    /// A depth in metres from free text: "0.25", "0-0.5 m" (the deeper bound), "15 cm".
    static func depthMetres(_ text: String?) -> Double? {
        guard let text = text?.lowercased() else { return nil }
        let scale = text.contains("cm") ? 0.01 : 1
        let numbers = text.split(whereSeparator: { !($0.isNumber || $0 == ".") }).compactMap { Double($0) }
        guard let deepest = numbers.max(), deepest > 0 else { return nil }
        return deepest * scale
    }
}
