import Foundation

/// Tsunami threat bands in the form warning centres publish (PTWC's and the South China Sea
/// Tsunami Advisory Center's amplitude ranges), and the simple amplitude estimate BlueWatch
/// uses before any instrument has seen the wave.
public enum ThreatBand: String, Sendable, Codable, CaseIterable, Comparable {
    case below03 = "< 0.3 m"
    case from03to1 = "0.3–1 m"
    case from1to3 = "1–3 m"
    case above3 = "> 3 m"

    public init(amplitude: Double) {
        switch amplitude {
        case ..<0.3: self = .below03
        case ..<1: self = .from03to1
        case ..<3: self = .from1to3
        default: self = .above3
        }
    }

    /// What a duty officer reads next to the band.
    public var meaning: String {
        switch self {
        case .below03: "no threat expected beyond minor sea-level fluctuations"
        case .from03to1: "marine threat: strong currents in harbours and on beaches"
        case .from1to3: "land threat: coastal flooding possible"
        case .above3: "major land threat: widespread coastal flooding"
        }
    }

    public static func < (a: ThreatBand, b: ThreatBand) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Abe's (1981) empirical far-field relation between tsunami magnitude and the mean maximum
    /// coastal amplitude, log₁₀ H = Mt − log₁₀ Δ − 5.80 (H in m, Δ in km), with Mt taken as the
    /// moment magnitude and Δ at least 100 km. An ESTIMATE: observed heights scatter around it
    /// by a factor of about 3 (local bathymetry, directivity), so it sets a band, not a number.
    /// Deep (> 100 km) or small (Mw < 6.5) earthquakes rarely make tsunamis; nil then.
    public static func abeEstimate(magnitude: Double, depthKm: Double?, distanceKm: Double) -> Double? {
        guard magnitude >= 6.5, (depthKm ?? 0) <= 100 else { return nil }
        return pow(10, magnitude - log10(max(distanceKm, 100)) - 5.80)
    }
}
