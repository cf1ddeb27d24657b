import BlueWatchCore
import Foundation
import Geodesy

/// Summary statistics of one harmonised group inside one region (a polygon of
/// `grids/regions.geojson`, or "all" for the whole selection).
public struct PlasticRegionSummary: Sendable, Codable {
    public var region: String
    public var regionName: String
    public var samples: Int
    public var firstYear: Int?
    public var lastYear: Int?
    public var median: Double
    public var mean: Double
    public var p90: Double
    public var maximum: Double
    /// NCEI concentration class → samples (water groups only).
    public var classes: [String: Int]

    /// Summaries for `values` overall and in each region that holds any of them.
    public static func summarise(_ values: [HarmonisedValue], unit: PlasticUnit, regions: [RegionPolygon]) -> [PlasticRegionSummary] {
        var out: [PlasticRegionSummary] = []
        if let all = make("all", "all samples of the group", values, unit: unit) { out.append(all) }
        for r in regions {
            let inside = values.filter { v in
                guard let lat = v.latitude, let lon = v.longitude else { return false }
                return r.contains(latitude: lat, longitude: lon)
            }
            if let s = make(r.id, r.name, inside, unit: unit) { out.append(s) }
        }
        return out
    }

    static func make(_ id: String, _ name: String, _ values: [HarmonisedValue], unit: PlasticUnit) -> PlasticRegionSummary? {
        guard !values.isEmpty else { return nil }
        let v = values.map(\.value).sorted()
        let years = values.compactMap { $0.time.map { UTCTime.components($0).year } }
        var classes: [String: Int] = [:]
        for x in v { if let c = ConcentrationClass(x, unit: unit) { classes[c.rawValue, default: 0] += 1 } }
        return PlasticRegionSummary(region: id, regionName: name, samples: v.count, firstYear: years.min(), lastYear: years.max(),
                                    median: quantile(v, 0.5), mean: v.reduce(0, +) / Double(v.count), p90: quantile(v, 0.9),
                                    maximum: v.last!, classes: classes)
    }

    /// Linear-interpolated quantile of sorted values (NumPy's default).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

/// Trends of annual medians of one harmonised group, per region or per grid cell.
public struct PlasticTrendAnalysis: Sendable {
    public struct Row: Sendable, Codable {
        /// Region id, or "cell <id>".
        public var area: String
        public var name: String
        public var latitude: Double?
        public var longitude: Double?
        public var trend: AnnualMedianTrend
    }

    public let group: HarmonisedGroup
    public let rows: [Row]
    public let minimumPerYear: Int

    /// Per region (and "all"): `regions` non-empty; per cell: `cellResolution` given.
    public init(group: HarmonisedGroup, values: [HarmonisedValue], regions: [RegionPolygon], cellResolution: Double?, minimumPerYear: Int = 3) {
        self.group = group
        self.minimumPerYear = minimumPerYear
        func trend(_ v: [HarmonisedValue]) -> AnnualMedianTrend {
            AnnualMedianTrend(times: v.map { $0.time ?? .nan }, values: v.map(\.value), minimumPerYear: minimumPerYear)
        }
        var rows: [Row] = []
        if let resolution = cellResolution {
            let placed = values.filter { $0.latitude != nil && $0.longitude != nil }
            if let grid = CellGrid.covering(latitudes: placed.map { $0.latitude! }, longitudes: placed.map { $0.longitude! }, resolution: resolution) {
                let byCell = Dictionary(grouping: placed) { grid.cell(latitude: $0.latitude!, longitude: $0.longitude!) ?? -1 }
                for (cell, v) in byCell.sorted(by: { $0.key < $1.key }) where cell >= 0 {
                    let t = trend(v)
                    guard t.years.count >= 3 else { continue }
                    let c = grid.centre(cell)
                    rows.append(Row(area: "cell \(cell)", name: String(format: "%.2f°, %.2f°", c.latitude, c.longitude), latitude: c.latitude, longitude: c.longitude, trend: t))
                }
            }
        } else {
            rows.append(Row(area: "all", name: "all samples of the group", trend: trend(values)))
            for r in regions {
                let inside = values.filter { v in v.latitude.flatMap { lat in v.longitude.map { r.contains(latitude: lat, longitude: $0) } } ?? false }
                guard !inside.isEmpty else { continue }
                rows.append(Row(area: r.id, name: r.name, trend: trend(inside)))
            }
        }
        self.rows = rows
    }
}
