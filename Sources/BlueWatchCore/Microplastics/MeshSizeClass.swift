/// Classes of net mesh (or smallest particle counted): samples are compared only within one
/// class, because a finer mesh catches more, smaller pieces. Bounds in micrometres; the
/// 300–499 µm class holds the common neuston and manta nets (330–335 µm).
public enum MeshSizeClass: String, Sendable, Codable, CaseIterable, Comparable {
    case below100 = "<100 µm"
    case from100to299 = "100–299 µm"
    case from300to499 = "300–499 µm"
    case from500 = "≥500 µm"
    /// The source does not say (NCEI exports carry no mesh size).
    case unknown = "mesh not stated"

    public init(micrometres: Double?) {
        guard let m = micrometres, m.isFinite, m >= 0 else { self = .unknown; return }
        switch m {
        case ..<100: self = .below100
        case ..<300: self = .from100to299
        case ..<500: self = .from300to499
        default: self = .from500
        }
    }

    public static func < (a: MeshSizeClass, b: MeshSizeClass) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
