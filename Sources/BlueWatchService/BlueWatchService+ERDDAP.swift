import BlueWatchCore
import BlueWatchStore
import Foundation
import Hummingbird

/// ERDDAP-compatible tabledap under `/erddap/`, so erddapy and ERDDAP's own URL habits work:
/// one dataset per stored quantity (`bluewatch_sea_level`, `bluewatch_water_column_height`, …)
/// with the variables `station`, `longitude`, `latitude`, `time`, the quantity and its QARTOD
/// flag (`…_qc`); each station's principal record (as the EDR routes). Responses `.csv`
/// (names, then units), `.csvp` (`name (units)`), `.csv0` (no header), `.json` (ERDDAP's
/// table), `.geoJson`; `info/{id}/index.csv|json`, `info/index.*`, `search/advanced.*`,
/// `tabledap/allDatasets.*`. Errors in ERDDAP's text form.
extension BlueWatchService {
    /// A tabledap dataset: the stations' principal records of one variable.
    struct ERDDAPDataset {
        var id: String
        var variable: String
        var units: String
        var standardName: String?
        var records: [(Station, SeriesRecord)]

        var title: String { "BlueWatch \(variable.replacingOccurrences(of: "_", with: " ")) at \(records.count) station\(records.count == 1 ? "" : "s")" }
        var columns: [(name: String, type: String, units: String?)] {
            [("station", "String", nil), ("longitude", "double", "degrees_east"), ("latitude", "double", "degrees_north"), ("time", "String", "UTC"),
             (variable, "double", units), (variable + "_qc", "byte", nil)]
        }
    }

    /// An ERDDAP error answer: `Error {\n    code=…;\n    message="…";\n}`.
    static func erddapError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = "Error {\n    code=\(status.code);\n    message=\"\(status.reasonPhrase): \(message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\";\n}\n"
        return text(body, type: "text/plain; charset=utf-8", status: status)
    }

    func erddapDatasets() throws -> [ERDDAPDataset] {
        let series = try storedSeries()
        var byVariable: [String: [(Station, SeriesRecord)]] = [:]
        for station in registry.stations {
            for (variable, group) in Dictionary(grouping: series[station.id] ?? [], by: \.variable) {
                guard let record = group.max(by: { ($0.isDerived ? 0 : 1, $0.valueCount) < ($1.isDerived ? 0 : 1, $1.valueCount) }) else { continue }
                byVariable[variable, default: []].append((station, record))
            }
        }
        return byVariable.keys.sorted().map { v in
            let records = byVariable[v]!
            let first = records.min { $0.1.id! < $1.1.id! }!.1
            return ERDDAPDataset(id: "bluewatch_" + v, variable: v, units: first.units, standardName: first.standardName ?? first.kind.standardName, records: records)
        }
    }

    /// Splits "name.ext"; nil when there is no extension.
    static func fileParts(_ file: String) -> (name: String, ext: String)? {
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return nil }
        return (String(file[..<dot]), String(file[file.index(after: dot)...]))
    }

    /// A table in the response form `ext` asks for.
    /// `unitsRow`: `.csv` carries a second header row of units (tabledap data and allDatasets;
    /// info and search tables have none, as in ERDDAP).
    func erddapTable(_ names: [String], types: [String], units: [String?], rows: [[String?]], numeric: Set<Int>, ext: String, geo: (lon: Int, lat: Int)? = nil,
                     unitsRow: Bool = true) throws -> Response {
        func csvCell(_ s: String?) -> String { guard let s else { return "NaN" }; return s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        switch ext {
        case "csv", "csvp", "csv0":
            var out = ""
            if ext == "csv" { out += names.joined(separator: ",") + "\n" + (unitsRow ? units.map { $0 ?? "" }.joined(separator: ",") + "\n" : "") }
            if ext == "csvp" {
                let header: [String] = zip(names, units).map { name, unit in unit.map { "\(name) (\($0))" } ?? name }
                out += header.joined(separator: ",") + "\n"
            }
            for row in rows { out += row.map(csvCell).joined(separator: ",") + "\n" }
            return Self.text(out, type: "text/csv; charset=utf-8")
        case "json":
            func cell(_ i: Int, _ s: String?) -> Any { guard let s else { return NSNull() }; return numeric.contains(i) ? (Double(s).map { $0.isFinite ? $0 as Any : NSNull() } ?? NSNull()) : s }
            let table: [String: Any] = ["table": ["columnNames": names, "columnTypes": types, "columnUnits": units.map { $0 as Any? ?? NSNull() },
                                                  "rows": rows.map { row in row.enumerated().map { cell($0.offset, $0.element) } }]]
            return Self.data(try JSONSerialization.data(withJSONObject: table, options: [.withoutEscapingSlashes]), type: "application/json")
        case "geoJson":
            guard let geo else { return Self.erddapError(.badRequest, "Query error: .geoJson needs longitude and latitude.") }
            let features: [[String: Any]] = rows.map { row in
                var properties: [String: Any] = [:]
                for (i, name) in names.enumerated() where i != geo.lon && i != geo.lat { properties[name] = row[i].map { numeric.contains(i) ? (Double($0) as Any? ?? NSNull()) : $0 } ?? NSNull() }
                return ["type": "Feature", "geometry": ["type": "Point", "coordinates": [Double(row[geo.lon] ?? "") ?? 0, Double(row[geo.lat] ?? "") ?? 0]], "properties": properties]
            }
            return Self.data(try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features], options: [.withoutEscapingSlashes]), type: "application/geo+json")
        default:
            return Self.erddapError(.badRequest, "Query error: the file type .\(ext) is not offered here (.csv, .csvp, .csv0, .json, .geoJson).")
        }
    }

    /// GET /erddap/tabledap/{id}.{ext}?query.
    func tabledap(_ file: String, _ request: Request) throws -> Response {
        guard let (id, ext) = Self.fileParts(file) else { return Self.erddapError(.notFound, "Resource not found: \(file)") }
        let datasets = try erddapDatasets()
        if id == "allDatasets" { return try allDatasets(datasets, ext: ext) }
        guard let dataset = datasets.first(where: { $0.id == id }) else {
            return Self.erddapError(.notFound, "Resource not found: datasetID=\(id) is not available (\(datasets.map(\.id).joined(separator: ", "))).")
        }
        let query: ERDDAPQuery
        do { query = try ERDDAPQuery(request.uri.query) } catch { return Self.erddapError(.badRequest, error.message) }
        let columns = dataset.columns
        let names = columns.map(\.name)
        for v in query.variables + query.constraints.map(\.variable) + query.orderBy where !names.contains(v) {
            return Self.erddapError(.badRequest, "Query error: Unrecognized variable=\"\(v)\".")
        }
        let chosen = (query.variables.isEmpty ? names : query.variables).map { names.firstIndex(of: $0)! }
        let timeFrom = query.constraints.filter { $0.variable == "time" && ($0.op == .greaterOrEqual || $0.op == .greater || $0.op == .equal) }.compactMap(\.number).max()
        let timeTo = query.constraints.filter { $0.variable == "time" && ($0.op == .lessOrEqual || $0.op == .less || $0.op == .equal) }.compactMap(\.number).min()
        var rows: [[String?]] = []
        var numbers: [[Double?]] = []
        for (station, record) in dataset.records {
            let lon = station.longitude > 180 ? station.longitude - 360 : station.longitude
            let fixed: [(Double?, String?)] = [(nil, station.id), (lon, "\(lon)"), (station.latitude, "\(station.latitude)")]
            // Station-level constraints first: a station that fails them is never read.
            if !query.constraints.allSatisfy({ c in
                guard let i = names.firstIndex(of: c.variable), i < 3 else { return true }
                return query.passes(c, number: fixed[i].0, text: fixed[i].1)
            }) { continue }
            if let timeFrom, record.timeEnd < timeFrom { continue }
            if let timeTo, record.timeStart > timeTo { continue }
            let s = try store.readSeries(id: record.id!, from: timeFrom, to: timeTo)
            for k in s.times.indices {
                let value = s.values[k], flag = Double(s.flags[k].rawValue)
                let row: [(Double?, String?)] = fixed + [(s.times[k], UTCTime.iso(s.times[k])), (value.isNaN ? nil : value, value.isNaN ? nil : "\(value)"), (flag, String(s.flags[k].rawValue))]
                guard query.constraints.allSatisfy({ c in let i = names.firstIndex(of: c.variable)!; return query.passes(c, number: row[i].0, text: row[i].1) }) else { continue }
                rows.append(chosen.map { row[$0].1 })
                numbers.append(chosen.map { row[$0].0 })
                guard rows.count <= maximumValues else {
                    return Self.erddapError(.contentTooLarge, "Your query asks for more than \(maximumValues) rows; constrain time or station.")
                }
            }
        }
        var order = Array(rows.indices)
        if !query.orderBy.isEmpty {
            let keys = query.orderBy.compactMap { chosen.firstIndex(of: names.firstIndex(of: $0)!) }
            order.sort { a, b in
                for k in keys where rows[a][k] != rows[b][k] {
                    if let x = numbers[a][k], let y = numbers[b][k] { return x < y }
                    return (rows[a][k] ?? "") < (rows[b][k] ?? "")
                }
                return a < b
            }
        }
        var ordered = order.map { rows[$0] }
        if query.distinct {
            var seen = Set<[String?]>()
            ordered = ordered.filter { seen.insert($0).inserted }.sorted { $0.lexicographicallyPrecedes($1) { ($0 ?? "") < ($1 ?? "") } }
        }
        guard !ordered.isEmpty else { return Self.erddapError(.notFound, "Your query produced no matching results. (nRows = 0)") }
        let numeric = Set(chosen.enumerated().filter { [1, 2, 4, 5].contains($0.element) }.map(\.offset))
        let geo = chosen.firstIndex(of: 1).flatMap { lon in chosen.firstIndex(of: 2).map { (lon, $0) } }
        return try erddapTable(chosen.map { names[$0] }, types: chosen.map { columns[$0].type }, units: chosen.map { columns[$0].units }, rows: ordered,
                               numeric: numeric, ext: ext, geo: geo)
    }

    /// The datasets as ERDDAP's allDatasets table (a subset of its columns).
    func allDatasets(_ datasets: [ERDDAPDataset], ext: String) throws -> Response {
        let names = ["datasetID", "title", "cdm_data_type", "tabledap", "minLongitude", "maxLongitude", "minLatitude", "maxLatitude", "minTime", "maxTime"]
        let rows: [[String?]] = datasets.map { d in
            let lons = d.records.map { $0.0.longitude > 180 ? $0.0.longitude - 360 : $0.0.longitude }, lats = d.records.map(\.0.latitude)
            return [d.id, d.title, "TimeSeries", "/erddap/tabledap/" + d.id, lons.min().map { "\($0)" }, lons.max().map { "\($0)" }, lats.min().map { "\($0)" },
                    lats.max().map { "\($0)" }, d.records.map(\.1.timeStart).min().map(UTCTime.iso), d.records.map(\.1.timeEnd).max().map(UTCTime.iso)]
        }
        return try erddapTable(names, types: ["String", "String", "String", "String", "double", "double", "double", "double", "String", "String"],
                               units: [nil, nil, nil, nil, "degrees_east", "degrees_east", "degrees_north", "degrees_north", "UTC", "UTC"], rows: rows,
                               numeric: [4, 5, 6, 7], ext: ext)
    }

    /// GET /erddap/info/{id}/index.{csv,json}: the dataset's attributes as ERDDAP lists them.
    func erddapInfo(_ id: String, _ file: String) throws -> Response {
        guard let (name, ext) = Self.fileParts(file), name == "index" else { return Self.erddapError(.notFound, "Resource not found: \(file)") }
        guard let d = try erddapDatasets().first(where: { $0.id == id }) else { return Self.erddapError(.notFound, "Resource not found: datasetID=\(id) is not available.") }
        var rows: [[String?]] = [
            ["attribute", "NC_GLOBAL", "cdm_data_type", "String", "TimeSeries"], ["attribute", "NC_GLOBAL", "cdm_timeseries_variables", "String", "station, longitude, latitude"],
            ["attribute", "NC_GLOBAL", "Conventions", "String", "CF-1.8, ACDD-1.3"], ["attribute", "NC_GLOBAL", "institution", "String", "BlueWatch"],
            ["attribute", "NC_GLOBAL", "title", "String", d.title],
        ]
        for c in d.columns {
            rows.append(["variable", c.name, "", c.type, ""])
            if let units = c.units { rows.append(["attribute", c.name, "units", "String", units]) }
            switch c.name {
            case "station": rows.append(["attribute", c.name, "cf_role", "String", "timeseries_id"])
            case "longitude", "latitude", "time": rows.append(["attribute", c.name, "standard_name", "String", c.name])
            case d.variable: if let s = d.standardName { rows.append(["attribute", c.name, "standard_name", "String", s]) }
            default: rows.append(["attribute", c.name, "flag_meanings", "String", "pass not_evaluated suspect fail missing"])
            }
        }
        return try erddapTable(["Row Type", "Variable Name", "Attribute Name", "Data Type", "Value"], types: Array(repeating: "String", count: 5),
                               units: Array(repeating: nil, count: 5), rows: rows, numeric: [], ext: ext, unitsRow: false)
    }

    /// GET /erddap/search/advanced.{ext}?searchFor=…, /erddap/info/index.{ext}: datasets whose
    /// id or title contains every word of `searchFor` (all without it).
    func erddapSearch(_ file: String, _ request: Request) throws -> Response {
        guard let (_, ext) = Self.fileParts(file) else { return Self.erddapError(.notFound, "Resource not found: \(file)") }
        let words = (request.uri.queryParameters.get("searchFor") ?? "").lowercased().split(whereSeparator: { $0 == " " || $0 == "+" })
        let found = try erddapDatasets().filter { d in words.allSatisfy { (d.id + " " + d.title).lowercased().contains($0) } }
        guard !found.isEmpty else { return Self.erddapError(.notFound, "Your query produced no matching results. (nRows = 0)") }
        return try erddapTable(["griddap", "Subset", "tabledap", "Make A Graph", "wms", "files", "Title", "Summary", "Info", "Background Info", "RSS", "Email", "Institution", "Dataset ID"],
                               types: Array(repeating: "String", count: 14), units: Array(repeating: nil, count: 14),
                               rows: found.map { d in ["", "", "/erddap/tabledap/" + d.id, "", "", "", d.title, d.title, "/erddap/info/\(d.id)/index.\(ext)", "", "", "", "BlueWatch", d.id] },
                               numeric: [], ext: ext, unitsRow: false)
    }
}
