import BlueWatchCore
import BlueWatchStore
import Foundation
import NetCDF

/// A stored series with everything needed to write it out and cite it.
public struct SeriesExport: Sendable {
    public var station: Station
    public var record: SeriesRecord
    public var dataset: DatasetRecord
    public var series: TimeSeries

    public init(station: Station, record: SeriesRecord, dataset: DatasetRecord, series: TimeSeries) {
        self.station = station
        self.record = record
        self.dataset = dataset
        self.series = series
    }
}

/// Writes a series as CSV, JSON or a CF-1.8 / ACDD-1.3 timeSeries NetCDF.
public enum SeriesExporter {
    /// CSV with a commented provenance header, then `time,<variable>_<units>,qc_flag`.
    public static func csv(_ e: SeriesExport) -> String {
        var out = "# station: \(e.station.id) (\(e.station.name), \(e.station.country))\n"
        out += "# variable: \(e.record.variable) [\(e.record.units)] from \(e.record.sourceUnits); datum: \(e.record.datum ?? "not stated")\n"
        out += "# source: \(e.dataset.title); provider: \(e.dataset.provider ?? "unknown"); sha256: \(e.dataset.sha256)\n"
        out += "# citation: \(e.dataset.citation ?? e.station.citation ?? "not stated")\n"
        out += "# qc_flag: QARTOD 1 pass, 2 not evaluated, 3 suspect, 4 fail, 9 missing\n"
        out += "time,\(e.record.variable)_\(e.record.units),qc_flag\n"
        let s = e.series
        out.reserveCapacity(out.count + s.count * 34)
        for i in 0..<s.count {
            out += UTCTime.iso(s.times[i])
            out += ","
            out += s.values[i].isNaN ? "" : formatValue(s.values[i])
            out += ",\(s.flags[i].rawValue)\n"
        }
        return out
    }

    /// JSON: metadata object and parallel arrays (`null` for missing).
    public static func json(_ e: SeriesExport) throws -> Data {
        struct Document: Encodable {
            var station: Station
            var variable: String
            var units: String
            var sourceUnits: String
            var datum: String?
            var sampling: String
            var derived: Bool
            var dataset: DatasetInfo
            var times: [String]
            var values: [Double?]
            var qcFlags: [UInt8]
        }
        struct DatasetInfo: Encodable {
            var title: String, path: String, sha256: String, provider: String?, version: String?, licence: String?, citation: String?, doi: String?, ingestedAt: String
        }
        let d = e.dataset
        var station = e.station
        if station.latitude.isNaN { station.latitude = 0 }
        if station.longitude.isNaN { station.longitude = 0 }
        let doc = Document(
            station: station, variable: e.record.variable, units: e.record.units, sourceUnits: e.record.sourceUnits, datum: e.record.datum,
            sampling: e.record.descriptor.samplingLabel, derived: e.record.isDerived,
            dataset: DatasetInfo(title: d.title, path: d.path, sha256: d.sha256, provider: d.provider, version: d.version, licence: d.licence,
                                 citation: d.citation, doi: d.doi, ingestedAt: UTCTime.iso(d.ingestedAt)),
            times: e.series.times.map(UTCTime.iso), values: e.series.values.map { $0.isNaN ? nil : $0 }, qcFlags: e.series.flags.map { $0.rawValue })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(doc)
    }

    /// A CF-1.8 timeSeries NetCDF-4 file with ACDD-1.3 discovery metadata, written atomically.
    /// `created`: the time written as `date_created` and in `history` (default now); the
    /// service passes the dataset's ingest time so the same request gives the same bytes, as
    /// byte-range readers need.
    public static func netcdf(_ e: SeriesExport, to path: String, command: String, software: String, created: Double? = nil) throws {
        let s = e.series
        let r = e.record
        let d = e.dataset
        let now = UTCTime.iso((created ?? Date().timeIntervalSince1970).rounded())
        var attributes: [(String, AttributeValue)] = [
            ("long_name", .text(r.longName ?? r.variable.replacingOccurrences(of: "_", with: " "))),
            ("units", .text(r.units)),
            ("coverage_content_type", .text(r.isDerived ? "auxiliaryInformation" : "physicalMeasurement")),
            ("ancillary_variables", .text("\(r.variable)_qc")),
            ("source_units", .text(r.sourceUnits)),
        ]
        if let standardName = r.standardName ?? r.kind.standardName { attributes.insert(("standard_name", .text(standardName)), at: 0) }
        if let datum = r.datum { attributes.append(("reference_datum", .text(datum))) }
        if r.isDerived { attributes.append(("comment", .text("derived values (\(d.version ?? "processed by the data source"))"))) }
        let finite = s.values.filter { !$0.isNaN }
        if let lo = finite.min(), let hi = finite.max() { attributes.append(("actual_range", .doubles([lo, hi]))) }
        let flagAttributes: [(String, AttributeValue)] = [
            ("long_name", .text("QARTOD aggregate quality flag for \(r.variable)")),
            ("standard_name", .text("aggregate_quality_flag")),
            ("coverage_content_type", .text("qualityInformation")),
            ("flag_values", .int8s([1, 2, 3, 4, 9])),
            ("flag_meanings", .text("pass not_evaluated suspect fail missing")),
            ("references", .text("IOOS QARTOD Manual for Real-Time Quality Control of Water Level Data, version 2.1 (2021)")),
        ]
        let lat = e.station.latitude.isNaN ? 0 : e.station.latitude
        let lon = e.station.longitude.isNaN ? 0 : e.station.longitude
        let start = s.times.first ?? 0, end = s.times.last ?? 0
        let globals: [(String, AttributeValue)] = [
            ("Conventions", .text("CF-1.8, ACDD-1.3")),
            ("featureType", .text("timeSeries")),
            ("cdm_data_type", .text("Station")),
            ("title", .text("\(e.station.name): \(r.longName ?? r.variable) (\(r.descriptor.samplingLabel))")),
            ("summary", .text("\(r.longName ?? r.variable) at \(e.station.name), \(e.station.country), \(UTCTime.isoDate(start)) to \(UTCTime.isoDate(end)), \(s.count) values (\(finite.count) present), exported by BlueWatch from '\(d.title)'. Values in \(r.units), converted from \(r.sourceUnits).")),
            ("keywords", .text(["sea level", "tide gauge", r.variable.replacingOccurrences(of: "_", with: " "), e.station.name, e.station.country].joined(separator: ", "))),
            ("id", .text("bluewatch.\(e.station.id).\(r.variable).\(d.sha256.prefix(12))")),
            ("naming_authority", .text("org.bluewatch")),
            ("history", .text("\(now) \(command)")),
            ("source", .text("\(d.title); file \(URL(fileURLWithPath: d.path).lastPathComponent), sha256 \(d.sha256)")),
            ("processing_level", .text(r.isDerived ? "derived values as published by the source" : "observations as published by the source; units converted; QARTOD flags attached")),
            ("comment", .text(r.processing ?? "no processing notes")),
            ("acknowledgement", .text(d.citation ?? e.station.citation ?? "see references")),
            ("license", .text(d.licence ?? e.station.licence ?? "see the data provider")),
            ("date_created", .text(now)),
            ("institution", .text(d.provider ?? e.station.provider ?? "unknown")),
            ("project", .text(e.station.projects.joined(separator: ", ").nilIfEmpty ?? "BlueWatch")),
            ("references", .text([d.doi.map { "https://doi.org/\($0)" }, d.citation].compactMap { $0 }.joined(separator: "; ").nilIfEmpty ?? "none")),
            ("platform", .text(e.station.kind.rawValue)),
            ("geospatial_bounds", .text("POINT (\(lat) \(lon))")),
            ("geospatial_bounds_crs", .text("EPSG:4326")),
            ("geospatial_lat_min", .doubles([lat])), ("geospatial_lat_max", .doubles([lat])), ("geospatial_lat_units", .text("degrees_north")),
            ("geospatial_lon_min", .doubles([lon])), ("geospatial_lon_max", .doubles([lon])), ("geospatial_lon_units", .text("degrees_east")),
            ("geospatial_vertical_min", .doubles([0])), ("geospatial_vertical_max", .doubles([0])),
            ("geospatial_vertical_units", .text("m")), ("geospatial_vertical_positive", .text("up")),
            ("geospatial_bounds_vertical_crs", .text("EPSG:5829")),
            ("time_coverage_start", .text(UTCTime.iso(start))),
            ("time_coverage_end", .text(UTCTime.iso(end))),
            ("time_coverage_duration", .text(isoDuration(end - start))),
            ("time_coverage_resolution", .text(isoDuration(r.samplingSeconds ?? 0))),
            ("bluewatch_station_identifiers", .text(e.station.identifiers.joined(separator: " "))),
            ("bluewatch_software", .text(software)),
        ]
        let document = CFTimeSeriesDocument(
            stationID: e.station.id, stationName: e.station.name, latitude: lat, longitude: lon, times: s.times,
            variables: [.init(name: r.variable, values: s.values, attributes: attributes)],
            flags: [.init(name: "\(r.variable)_qc", values: s.flags.map { Int8(bitPattern: $0.rawValue) }, attributes: flagAttributes)],
            globalAttributes: globals + Publisher.acddAttributes.map { ($0.0, AttributeValue.text($0.1)) })
        try document.write(to: path)
    }

    /// ISO 8601 duration: "P30DT23H45M".
    static func isoDuration(_ seconds: Double) -> String {
        var s = Int(seconds.rounded())
        let days = s / 86_400; s %= 86_400
        let hours = s / 3600; s %= 3600
        let minutes = s / 60; s %= 60
        var out = "P"
        if days > 0 { out += "\(days)D" }
        if hours > 0 || minutes > 0 || s > 0 || days == 0 {
            out += "T"
            if hours > 0 { out += "\(hours)H" }
            if minutes > 0 { out += "\(minutes)M" }
            if s > 0 || (hours == 0 && minutes == 0) { out += "\(s)S" }
        }
        return out
    }

    /// Shortest text that reads back as the same Double.
    static func formatValue(_ v: Double) -> String { "\(v)" }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
    func replacingOccurrences(of a: String, with b: String) -> String {
        split(separator: Character(a), omittingEmptySubsequences: false).joined(separator: b)
    }
}
