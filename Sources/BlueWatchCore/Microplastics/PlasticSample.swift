/// One microplastic measurement, with everything needed to decide what it may be compared
/// with: matrix, method, mesh, depth and unit travel with the value.
public struct PlasticSample: Sendable, Equatable, Codable {
    /// The provider's id for the sample (NCEI OBJECTID, DOER mpID, …), unique within a dataset.
    public var sourceID: String
    /// Sampling time (UTC seconds); for surveys that give a day only, noon UTC of that day.
    public var time: Double?
    /// Free-text date when only a month or year is known (e.g. "2018 Nov").
    public var dateText: String?
    public var latitude: Double?
    public var longitude: Double?
    /// Where the sample was taken when there is no position (country, water body, site).
    public var place: String?
    public var matrix: PlasticMatrix
    public var method: String?
    /// Net mesh or smallest particle size counted, micrometres.
    public var meshMicrometres: Double?
    /// Largest particle size counted, micrometres, when stated.
    public var maxSizeMicrometres: Double?
    /// Sampling depth in metres (sediment: core depth), when stated.
    public var depth: String?
    public var concentration: Double?
    /// Unit exactly as harmonised by BlueWatch (see ``PlasticUnit``).
    public var unit: PlasticUnit
    /// The unit text as written in the source.
    public var sourceUnit: String
    /// Category counts for composition records (shape or colour → count).
    public var composition: [String: Double]?
    public var citation: String?
    public var doi: String?

    public init(sourceID: String, time: Double? = nil, dateText: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
                place: String? = nil, matrix: PlasticMatrix, method: String? = nil, meshMicrometres: Double? = nil,
                maxSizeMicrometres: Double? = nil, depth: String? = nil, concentration: Double?, unit: PlasticUnit,
                sourceUnit: String, composition: [String: Double]? = nil, citation: String? = nil, doi: String? = nil) {
        self.sourceID = sourceID
        self.time = time
        self.dateText = dateText
        self.latitude = latitude
        self.longitude = longitude
        self.place = place
        self.matrix = matrix
        self.method = method
        self.meshMicrometres = meshMicrometres
        self.maxSizeMicrometres = maxSizeMicrometres
        self.depth = depth
        self.concentration = concentration
        self.unit = unit
        self.sourceUnit = sourceUnit
        self.composition = composition
        self.citation = citation
        self.doi = doi
    }
}

/// What was sampled.
public enum PlasticMatrix: String, Sendable, Codable, CaseIterable {
    case surfaceWater = "surface_water"
    case waterColumn = "water_column"
    case sediment
    case beach
}

/// Concentration units BlueWatch distinguishes. Values in different units are never averaged
/// together; only the conversions listed in ``PlasticUnit/factor(to:)`` exist.
public enum PlasticUnit: String, Sendable, Codable, CaseIterable {
    case piecesPerCubicMetre = "pieces/m3"
    case piecesPerLitre = "pieces/L"
    case piecesPerSquareKilometre = "pieces/km2"
    case piecesPerKilogramDryWeight = "pieces/kg dw"
    /// A count per sample (beach transect quadrat), meaningful with the sample's own size.
    case piecesPerSample = "pieces/sample"

    /// Parses a source unit string; nil when it is not one BlueWatch knows.
    public init?(parsing text: String) {
        let s = text.lowercased().replacingOccurrences(of: " ", with: "")
        switch s {
        case "pieces/m3", "pieces/m^3", "particles/m3", "items/m3", "n/m3": self = .piecesPerCubicMetre
        case "pieces/l", "particles/l", "items/l": self = .piecesPerLitre
        case "pieces/km2", "pieces/km^2", "particles/km2", "items/km2": self = .piecesPerSquareKilometre
        case "microplastic/kgsedimentdrywt.", "mp/kgdw", "pieces/kgdw", "particles/kgdw", "items/kgdw": self = .piecesPerKilogramDryWeight
        default: return nil
        }
    }

    /// The factor that converts a value in `self` into `other`, or nil when no conversion
    /// exists without extra information (areal ↔ volumetric needs a tow depth).
    public func factor(to other: PlasticUnit) -> Double? {
        if self == other { return 1 }
        switch (self, other) {
        case (.piecesPerCubicMetre, .piecesPerLitre): return 0.001
        case (.piecesPerLitre, .piecesPerCubicMetre): return 1000
        default: return nil
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
