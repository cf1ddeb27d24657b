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
        // Groups are found through a cache keyed on the raw fields, so the method text is
        // normalised once per distinct value rather than once per sample.
        struct RawKey: Hashable { var matrix: PlasticMatrix; var unit: PlasticUnit; var method: String?; var mesh: MeshSizeClass }
        var index: [RawKey: Int] = [:]
        var keys: [HarmonisedGroup] = []
        var lists: [[HarmonisedValue]] = []
        var excluded: [String: Int] = [:]
        let needle = methodContains?.lowercased()
        var methodMatches: [String?: Bool] = [:]
        var last: (key: RawKey, group: Int)?
        for (i, s) in samples.enumerated() {
            if let matrix, s.matrix != matrix { continue }
            if let needle {
                let keep = methodMatches[s.method] ?? {
                    let k = (s.method ?? "").lowercased().contains(needle)
                    methodMatches[s.method] = k
                    return k
                }()
                if !keep { continue }
            }
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
            }
            guard let value else {
                excluded[Self.reason(from: s.unit, to: target, towDepth: towDepth), default: 0] += 1
                continue
            }
            let rawKey = RawKey(matrix: s.matrix, unit: target, method: s.method, mesh: MeshSizeClass(micrometres: s.meshMicrometres))
            let g: Int
            if let last, last.key == rawKey {
                g = last.group
            } else if let known = index[rawKey] {
                g = known
            } else {
                let group = HarmonisedGroup(matrix: s.matrix, unit: target, method: HarmonisedGroup.methodKey(s.method), mesh: rawKey.mesh)
                // Two raw spellings of one method ("Neuston net", "neuston  net") share a group.
                g = keys.firstIndex(of: group) ?? {
                    keys.append(group)
                    lists.append([])
                    return keys.count - 1
                }()
                index[rawKey] = g
            }
            last = (rawKey, g)
            lists[g].append(HarmonisedValue(sample: i, latitude: s.latitude, longitude: s.longitude, time: s.time, value: value))
        }
        return Result(groups: Dictionary(uniqueKeysWithValues: zip(keys, lists)), excluded: excluded)
    }

    static func reason(from unit: PlasticUnit, to target: PlasticUnit, towDepth: TowDepth) -> String {
        guard Set([unit.dimension, target.dimension]) == [.areal, .volumetric] else { return "\(unit.rawValue) does not convert to \(target.rawValue)" }
        return towDepth == .never ? "\(unit.rawValue) not converted to \(target.rawValue) (needs a tow depth: --tow-depth)"
            : "\(unit.rawValue) not converted to \(target.rawValue) (no tow depth recorded)"
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
