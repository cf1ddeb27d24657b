import BlueWatchCore
import Foundation

extension NCEIMicroplasticsReader {
    /// The NCEI map portal's GeoJSON export: a FeatureCollection of Point features whose
    /// properties carry the CSV's columns (`OBJECTID`, `Sampling Method`, `Measurement`,
    /// `Unit`, `Date`, `Short Reference`, `DOI`, …). The position comes from the geometry;
    /// `Date` may be the CSV's "M/D/YYYY …" text or epoch milliseconds (as ArcGIS writes it).
    /// Features are read one by one: a bad one is dropped with its reason, the rest ingest.
    static func readGeoJSON(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        _ = try RegularFile.textSize(of: path)
        guard let data = FileManager.default.contents(atPath: path) else { throw IngestError(path: path, reason: "cannot be read") }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw IngestError(path: path, reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let collection = root as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any] else {
            throw IngestError(path: path, reason: "not a GeoJSON FeatureCollection")
        }
        var rows = SampleRows(path: path, requiresPosition: true)
        for (k, item) in features.enumerated() {
            let location = "feature \(k + 1)"
            rows.read(location) { () throws(IngestError) -> PlasticSample in
                guard let feature = item as? [String: Any], let p = feature["properties"] as? [String: Any] else {
                    throw IngestError(path: path, location: location, reason: "feature without properties")
                }
                func text(_ key: String) -> String? {
                    switch p[key] {
                    case let s as String: s.trimmingCharacters(in: .whitespaces).nilIfEmpty
                    case let n as NSNumber: n.stringValue
                    default: nil
                    }
                }
                var latitude: Double?, longitude: Double?
                if let g = feature["geometry"] as? [String: Any] {
                    guard g["type"] as? String == "Point", let xy = g["coordinates"] as? [NSNumber], xy.count >= 2 else {
                        throw IngestError(path: path, location: location, reason: "geometry is not a Point with coordinates")
                    }
                    (longitude, latitude) = (xy[0].doubleValue, xy[1].doubleValue)
                }
                guard let unitText = text("Unit"), let unit = PlasticUnit(parsing: unitText) else {
                    throw IngestError(path: path, location: location + ", property 'Unit'", reason: "unknown concentration unit '\(text("Unit") ?? "")'")
                }
                let time: Double?
                switch p["Date"] {
                case let ms as NSNumber: time = (ms.doubleValue / 1000 / 86400).rounded(.down) * 86400 + 12 * 3600
                case let s as String: time = try parseUSDate(s, path: path, location: location + ", property 'Date'")
                default: time = nil
                }
                var concentration: Double?
                switch p["Measurement"] {
                case let n as NSNumber: concentration = n.doubleValue
                case let s as String:
                    guard let v = Double(s.trimmingCharacters(in: .whitespaces)) else {
                        throw IngestError(path: path, location: location + ", property 'Measurement'", reason: "'\(s)' is not a number")
                    }
                    concentration = v
                default: concentration = nil
                }
                let method = text("Sampling Method") ?? ""
                return PlasticSample(
                    sourceID: text("OBJECTID") ?? String(k + 1), time: time, latitude: latitude, longitude: longitude,
                    place: text("SubRegions") ?? text("Regions") ?? text("Oceans"), matrix: matrix(method: method, unit: unit),
                    method: method.nilIfEmpty, concentration: concentration, unit: unit, sourceUnit: unitText,
                    citation: text("Short Reference"), doi: text("DOI"))
            }
        }
        let samples = try rows.finish()
        return dataset(context, format: .nceiMicroplasticsGeoJSON, samples: samples, rejected: rows.rejected)
    }
}
