import BlueWatchCore
import Foundation

extension PlasticGridAnalysis {
    /// Cells as a GeoJSON FeatureCollection of polygons (longitudes in −180…180; a cell east
    /// of 180° is shifted by −360° whole), properties as in ``Cell``; `onlySpots` keeps the hot
    /// and cold spots.
    public func cellsGeoJSON(onlySpots: Bool = false) throws -> Data {
        let grid = cells.grid
        var features: [[String: Any]] = []
        for row in cellRows where !onlySpots || row.spot != nil {
            var b = grid.bounds(row.cell)
            if b.west >= 180 { b.west -= 360; b.east -= 360 }
            let ring: [[Double]] = [[b.west, b.south], [b.east, b.south], [b.east, b.north], [b.west, b.north], [b.west, b.south]]
            var properties: [String: Any] = [
                "cell": row.cell, "latitude": row.latitude, "longitude": row.longitude, "area_km2": row.areaKm2, "samples": row.samples,
                "mean": row.mean, "median": row.median, "min": row.minimum, "max": row.maximum, "unit": group.unit.rawValue, "group": group.description,
            ]
            if let c = row.concentrationClass { properties["ncei_class"] = c }
            if let z = row.giZ { properties["gi_z"] = z }
            if let p = row.giP { properties["gi_p"] = p }
            if giStar != nil { properties["spot"] = row.spot ?? "none" }
            features.append(["type": "Feature", "geometry": ["type": "Polygon", "coordinates": [ring]], "properties": properties])
        }
        return try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features], options: [.sortedKeys])
    }

    /// The gridded samples as GeoJSON points with their harmonised value and source fields.
    public func samplesGeoJSON(_ samples: [PlasticSample]) throws -> Data {
        var features: [[String: Any]] = []
        for v in values {
            let s = samples[v.sample]
            var p: [String: Any] = ["value": v.value, "unit": group.unit.rawValue, "source_id": s.sourceID, "source_unit": s.sourceUnit,
                                    "source_value": s.concentration ?? NSNull(), "matrix": s.matrix.rawValue]
            if let t = v.time { p["date"] = UTCTime.isoDate(t) }
            if let m = s.method { p["method"] = m }
            if let c = s.citation { p["citation"] = c }
            if let d = s.doi { p["doi"] = d }
            features.append(["type": "Feature", "geometry": ["type": "Point", "coordinates": [v.longitude!, v.latitude!]], "properties": p])
        }
        return try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features], options: [.sortedKeys])
    }

    /// Cells as CSV, one row per occupied cell.
    public func cellsCSV() -> String {
        var out = "cell,latitude,longitude,area_km2,samples,mean,median,min,max,unit,ncei_class,gi_z,gi_p,spot\n"
        func f(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "" }
        for r in cellRows {
            out += "\(r.cell),\(f(r.latitude)),\(f(r.longitude)),\(f(r.areaKm2)),\(r.samples),\(f(r.mean)),\(f(r.median)),\(f(r.minimum)),\(f(r.maximum)),"
            out += "\(group.unit.rawValue),\(r.concentrationClass ?? ""),\(f(r.giZ)),\(f(r.giP)),\(r.spot ?? "")\n"
        }
        return out
    }
}
