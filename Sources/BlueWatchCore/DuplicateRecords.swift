/// The same observations arriving in several files (a PSMSL record as `.rlrdata` and inside a
/// CF NetCDF, a DART record as NDBC text and in two NetCDF layouts, fast-delivery and
/// research-quality versions): which stored records are copies of each other, and which one
/// every command uses (the canonical record). Docs/METHODS.md, "Duplicate records".
public enum DuplicateRecords {
    /// Values closer than this are the same observation (1 mm: float32 copies of a DART
    /// water-column height near 5,700 m differ by up to 0.5 mm).
    public static let tolerance = 0.001

    /// True when `a` and `b` hold the same observations: at least half of the shorter record's
    /// values (and at least 3) fall on common time stamps, and 95 % of the common values agree
    /// within ``tolerance``.
    public static func areSame(_ a: TimeSeries, _ b: TimeSeries) -> Bool {
        let validA = a.validCount, validB = b.validCount
        guard validA > 0, validB > 0 else { return false }
        var i = 0, j = 0, common = 0, equal = 0
        while i < a.count && j < b.count {
            let ta = a.times[i], tb = b.times[j]
            if abs(ta - tb) < 0.0005 {
                let va = a.values[i], vb = b.values[j]
                if !va.isNaN && !vb.isNaN {
                    common += 1
                    if abs(va - vb) <= tolerance { equal += 1 }
                }
                i += 1; j += 1
            } else if ta < tb { i += 1 } else { j += 1 }
        }
        return common >= 3 && Double(common) >= 0.5 * Double(min(validA, validB)) && Double(equal) >= 0.95 * Double(common)
    }

    /// How a record's version ranks: research quality first, then unspecified, then fast
    /// delivery, then derived products (de-tided, filtered, monthly maxima).
    public enum VersionClass: Int, Comparable, Sendable {
        case derived = 0, fastDelivery = 1, unspecified = 2, researchQuality = 3
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

        /// From the dataset's version text and the series' derived mark.
        public init(version: String?, isDerived: Bool) {
            let v = (version ?? "").lowercased()
            if isDerived || v.hasPrefix("derived") { self = .derived }
            else if v.contains("research quality") || v.contains("research-quality") || v.contains("delayed mode") { self = .researchQuality }
            else if v.contains("fast delivery") || v.contains("fast-delivery") || v.contains("real-time") || v.contains("preliminary") { self = .fastDelivery }
            else { self = .unspecified }
        }
    }

    /// One record as the precedence sees it.
    public struct Candidate: Sendable, Equatable {
        public var id: Int64
        public var version: VersionClass
        public var validCount: Int
        public init(id: Int64, version: VersionClass, validCount: Int) {
            self.id = id
            self.version = version
            self.validCount = validCount
        }
    }

    /// The canonical record of a group of copies: the best version class, then the most values,
    /// then the first stored.
    public static func canonical(_ candidates: [Candidate]) -> Candidate? {
        candidates.min { a, b in
            if a.version != b.version { return a.version > b.version }
            if a.validCount != b.validCount { return a.validCount > b.validCount }
            return a.id < b.id
        }
    }

    /// Groups of copies among `records` (each a set of indices), by union of every pair that
    /// ``areSame(_:_:)``. Singletons are left out.
    public static func groups(_ records: [TimeSeries]) -> [[Int]] {
        var parent = Array(records.indices)
        func root(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
        for i in records.indices {
            for j in records.indices where j > i && root(i) != root(j) && areSame(records[i], records[j]) {
                parent[root(j)] = root(i)
            }
        }
        return Dictionary(grouping: records.indices, by: root).values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
