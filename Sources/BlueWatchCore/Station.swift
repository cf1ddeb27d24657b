/// A physical observing site, with the identifiers each data provider uses for it.
/// One record per site: Honolulu is one station whatever PSMSL (155), UHSLC (057) or
/// NOAA CO-OPS (1612340) call it.
public struct Station: Sendable, Equatable, Codable {
    /// BlueWatch's own id, lower-case words joined by hyphens ("honolulu", "dart-21418").
    public var id: String
    public var name: String
    public var country: String
    public var kind: StationKind
    public var latitude: Double
    public var longitude: Double
    /// The ids providers use for this site, as "provider:id" ("psmsl:155", "uhslc:057",
    /// "coops:1612340"). A site may carry several ids of one provider (Suva A and B).
    public var identifiers: [String]
    /// What the heights are measured from, as the provider documents it.
    public var datum: String?
    /// Who runs the instrument or publishes the data.
    public var provider: String?
    public var licence: String?
    public var citation: String?
    public var doi: String?
    /// Ids of the cooperation projects this station serves.
    public var projects: [String]
    public var notes: String?
    /// False for a station created from a file's own metadata because the registry did not
    /// know it.
    public var isRegistered: Bool
    /// Known level shifts in one of the site's records (gauge moves, earthquakes).
    public var steps: [DatumStep] = []
    /// Records of this site whose datums are tied, so they may be joined into one series.
    public var ties: [DatumTie] = []
    /// River gauges: the river's name.
    public var river: String?
    /// River gauges: published stage thresholds (alarm, flood, NWS categories).
    public var levels: [RiverLevel] = []
    /// River gauges: the months of the wet season (1…12), for the seasonal indicators; empty
    /// when none is defined.
    public var wetSeasonMonths: Set<Int> = []

    public init(id: String, name: String, country: String, kind: StationKind, latitude: Double, longitude: Double,
                identifiers: [String] = [], datum: String? = nil, provider: String? = nil, licence: String? = nil,
                citation: String? = nil, doi: String? = nil, projects: [String] = [], notes: String? = nil, isRegistered: Bool = true) {
        self.id = id
        self.name = name
        self.country = country
        self.kind = kind
        self.latitude = latitude
        self.longitude = longitude
        self.identifiers = identifiers
        self.datum = datum
        self.provider = provider
        self.licence = licence
        self.citation = citation
        self.doi = doi
        self.projects = projects
        self.notes = notes
        self.isRegistered = isRegistered
    }
}

/// A known level shift in a record, modelled as a step term in trends.
public struct DatumStep: Sendable, Equatable, Codable {
    /// The record ("psmsl:1327").
    public var series: String
    /// When (UTC seconds).
    public var time: Double
    public var reason: String

    public init(series: String, time: Double, reason: String) {
        self.series = series
        self.time = time
        self.reason = reason
    }
}

/// Two records of one site on tied datums: `later` continues `earlier` after adding
/// `offsetMillimetres` to `later`'s values.
public struct DatumTie: Sendable, Equatable, Codable {
    public var earlier: String
    public var later: String
    public var offsetMillimetres: Double
    public var reason: String

    public init(earlier: String, later: String, offsetMillimetres: Double, reason: String) {
        self.earlier = earlier
        self.later = later
        self.offsetMillimetres = offsetMillimetres
        self.reason = reason
    }
}

/// What kind of instrument a station is.
public enum StationKind: String, Sendable, Codable, CaseIterable {
    case tideGauge = "tide_gauge"
    case dartBuoy = "dart_buoy"
    case mooring
    case beachSurvey = "beach_survey"
    case riverGauge = "river_gauge"
    case other
}
