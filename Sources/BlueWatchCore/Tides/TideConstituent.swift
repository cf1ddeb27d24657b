/// One tidal constituent of the standard list (UTide / T_TIDE: 146 constituents including
/// shallow-water ones such as M4, MS4 and MK3). Frequencies are cycles per hour.
public struct TideConstituent: Sendable, Hashable, CustomStringConvertible {
    /// Position in ``TideConstituentTable/all``.
    public let index: Int
    /// The conventional name ("M2", "K1", "SA", "2MK5").
    public let name: String
    /// Nominal frequency, cycles per hour (the analysis reports the value at its reference time).
    public let frequency: Double
    /// True for compound (shallow-water) constituents, whose arguments are sums of others'.
    public let isShallowWater: Bool
    /// Frequency difference to the constituent it is compared with when selecting by the
    /// Rayleigh criterion (cph); a record of T hours resolves it when this ≥ R / T.
    public let rayleighDifference: Double

    public var description: String { name }
}

/// The constituent list with its Doodson numbers, satellite (nodal) terms and shallow-water
/// relations. The numbers live in the generated `TideConstituentTable+Data.swift`.
public enum TideConstituentTable {
    struct Row {
        let name: String
        let doodson: [Double]
        let semi: Double
        let rayleighDifference: Double
        let frequency: Double
        let shallowStart: Int
        let shallowCount: Int
    }

    struct Satellite {
        let constituent: Int
        let delta: [Double]
        let phase: Double
        let ratio: Double
        let latitudeFactor: Int
    }

    struct ShallowTerm {
        let constituent: Int
        let coefficient: Double
    }

    /// Every constituent, in the table's order (by frequency within each species).
    public static let all: [TideConstituent] = rows.enumerated().map { i, row in
        TideConstituent(index: i, name: row.name, frequency: row.frequency, isShallowWater: row.shallowStart >= 0,
                        rayleighDifference: row.rayleighDifference)
    }

    static let byName: [String: Int] = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.name, $0) })

    /// The constituent with this name (case-insensitive), or nil.
    public static func named(_ name: String) -> TideConstituent? {
        byName[name.uppercased()].map { all[$0] }
    }

    /// The constituents a record of `hours` resolves by the Rayleigh criterion
    /// (`rayleigh` = 1 is the conventional one): those whose comparison difference is at least
    /// `rayleigh / hours` cph. Z0 (the mean) is never among them; the fit has its own mean.
    public static func automatic(recordHours hours: Double, rayleigh: Double = 1) -> [TideConstituent] {
        guard hours > 0 else { return [] }
        let minimum = rayleigh / hours
        return all.filter { $0.index > 0 && $0.rayleighDifference >= minimum }
    }
}
