import BlueWatchCore
import BlueWatchIngest
import Foundation

/// Everything a project report shows, gathered from the store by ``ProjectReportBuilder``:
/// every number here comes from a stored dataset (cited in `references`) through an analysis
/// named in `methods`. Renderers (HTML, Markdown) only lay it out; JSON is this value.
public struct ProjectReport: Sendable, Codable {
    public enum Colour: String, Sendable, Codable, Comparable {
        case green, amber, red
        /// No value to judge (no data in the period).
        case grey

        var rank: Int { switch self { case .grey: 0; case .green: 1; case .amber: 2; case .red: 3 } }
        public static func < (a: Colour, b: Colour) -> Bool { a.rank < b.rank }
    }

    /// One traffic light: its value, the rule that set the colour, the numbers behind it.
    public struct Indicator: Sendable, Codable {
        public var kind: String
        public var nameEN: String
        public var nameZH: String
        public var colour: Colour
        public var value: Double?
        public var unit: String
        /// "green below 3.3 mm/yr, red from 6.6 mm/yr; value 4.2 mm/yr at Suva → amber".
        public var rule: ReportText
        public var basis: [ReportText]
        /// Why the thresholds mean what they mean, and its source.
        public var rationale: ReportText
        public var rationaleSource: ReportText
    }

    /// A station's sea-level records in the period: trend (every method) of each, with the
    /// values it was fitted to (``TrendReport/chart``), availability and QC.
    public struct StationSection: Sendable, Codable {
        public var id: String
        public var name: String
        public var country: String
        public var latitude: Double
        public var longitude: Double
        /// One per record of the station (records the registry ties are one), longest first;
        /// the chart draws each.
        public var trends: [TrendReport]
        /// Months with a value / months in the span of the first record, %.
        public var availability: Double?
        /// QC of the stored series used: counts per aggregate flag ("pass": 8,712, …).
        public var qc: [String: Int]
        /// The largest non-tidal residuals (observed − tide fitted to the same record) of the
        /// station's hourly record in the period, at least three days apart.
        public var residualExtremes: [ResidualExtreme]
        public var residualRecord: String?
        /// GEV return levels of the station's annual maxima, where the data allow.
        public var returnLevels: ReturnLevels?
        /// Flood days above NOAA's derived minor threshold and their outlook, where the
        /// station has an hourly record.
        public var floodDays: FloodingRunner.Report? = nil
    }

    /// Return levels of a station with what they were computed from.
    public struct ReturnLevels: Sendable, Codable {
        public var analysis: ExtremesReport
        /// True when the maxima are of hourly sea level (monthly maxima files); false when they
        /// are maxima of the record's own sampling (`sampling`, e.g. daily means: lower).
        public var ofHourlyMaxima: Bool
        public var sampling: String
    }

    /// A river gauge: its levels, its stage over the period (weekly maxima for the chart) and
    /// its indicators per year.
    public struct RiverSection: Sendable, Codable {
        public var id: String
        public var name: String
        public var river: String?
        public var country: String
        public var record: String
        public var levels: [RiverLevel]
        /// Weekly maxima of the daily stage: times (seconds) and metres.
        public var chartTimes: [Double]
        public var chartValues: [Double]
        public var years: [RiverYear]
    }

    public struct RiverYear: Sendable, Codable {
        public var year: Int
        public var days: Int
        public var maximum: Double?
        public var maximumDay: String?
        public var minimum: Double?
        /// Days at or above each of the section's levels (lowest first).
        public var daysAtOrAbove: [Int]
        public var droughtDays: Int
        public var droughtDaysJudged: Int
    }

    public struct ResidualExtreme: Sendable, Codable {
        public var time: String
        public var metres: Double
    }

    /// A tsunami record and what the detectors found in it.
    public struct TsunamiSection: Sendable, Codable {
        public var station: String
        public var name: String
        public var record: String
        public var kind: String
        /// The earthquake the record was judged against, as the catalogue names it.
        public var event: String?
        public var findings: [ReportText]
    }

    public struct PlasticsSection: Sendable, Codable {
        public var group: String
        public var groupZH: String
        public var samples: Int
        public var cells: Int
        public var hotSpots: Int
        public var coldSpots: Int
        public var regions: [PlasticRegionSummary]
        public var hotCells: [PlasticGridAnalysis.Cell]
        public var notMixed: [String]
    }

    /// Travel times of the strongest shallow earthquake in the project's regions and period
    /// over a stored bathymetry grid: isochrones for the map and arrivals at the stations.
    public struct TravelTimeSection: Sendable, Codable {
        public var event: Earthquake
        /// How the event was chosen ("strongest of 12 shallow M ≥ 6.5 earthquakes …").
        public var choice: ReportText
        public var grid: String
        /// The grid's box in degrees (its longitude convention); isochrones end at its edge.
        public var gridBox: Box
        public var sourceLengthKm: Double
        public var sourceWidthKm: Double
        public var isochrones: [TsunamiForecast.Isochrone]
        public var arrivals: [Arrival]

        public struct Box: Sendable, Codable {
            public var south: Double, north: Double, west: Double, east: Double
        }

        public struct Arrival: Sendable, Codable {
            public var station: String
            public var name: String
            public var hours: Double?
            public var eta: String?
            public var band: String?
        }
    }

    public struct AlertLine: Sendable, Codable {
        public var id: Int64
        public var rule: String
        public var station: String
        public var severity: String
        public var headline: String
        public var opened: String
        public var status: String
    }

    /// A dataset the report rests on.
    public struct Reference: Sendable, Codable, Hashable {
        public var title: String
        public var provider: String?
        public var version: String?
        public var doi: String?
        public var file: String
        public var sha256: String
        public var ingested: String
        /// The span of it the report used ("1972-01 – 2019-12"), when known.
        public var span: String?
    }

    /// The project as stations/projects.toml describes it.
    public var project: ProjectRegistry.Project
    public var from: String?
    public var to: String?
    public var status: Colour
    public var indicators: [Indicator]
    public var stations: [StationSection]
    public var tsunami: [TsunamiSection]
    /// River gauges of the project with stored stage.
    public var rivers: [RiverSection] = []
    /// What the project monitors but the store cannot show, and what data would fill it.
    public var dataGaps: [ReportText] = []
    public var plastics: PlasticsSection?
    public var travelTimes: TravelTimeSection?
    public var alerts: [AlertLine]
    public var methods: [ReportText]
    public var references: [Reference]
    /// Every station of the project with coordinates, for the map.
    public var stationPoints: [StationPoint]

    public struct StationPoint: Sendable, Codable {
        public var id: String
        public var name: String
        public var kind: String
        public var latitude: Double
        public var longitude: Double
    }

    /// Regions of the project as (id, name, ring) for the map.
    public var regionOutlines: [RegionOutline]
    public var footer: Footer

    public struct RegionOutline: Sendable, Codable {
        public var id: String
        public var name: String
        public var nameZH: String?
        public var longitudes: [Double]
        public var latitudes: [Double]
    }

    public struct Footer: Sendable, Codable {
        public var software: String
        public var commit: String?
        public var command: String
        public var database: String
        public var lastIngest: String?
        /// SHA-256 over the sorted content hashes of every stored dataset: equal hashes, equal inputs.
        public var storeFingerprint: String
        public var generated: String
    }
}
