import BlueWatchCore
import Foundation

/// NOAA NCEI Marine Microplastics export CSV. Each row keeps its study citation and DOI;
/// the sampling method decides the matrix (nets sample surface water).
enum NCEIMicroplasticsReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let c = (id: try table.column("OBJECTID"), method: try table.column("Sampling Method"), value: try table.column("Measurement"),
                 unit: try table.column("Unit"), lat: try table.column("Latitude"), lon: try table.column("Longitude"),
                 date: try table.column("Date"), ref: try table.column("Short Reference"), doi: try table.column("DOI"),
                 subRegion: table.optionalColumn("SubRegions"), region: table.optionalColumn("Regions"), ocean: table.optionalColumn("Oceans"))
        var rows = SampleRows(path: path, requiresPosition: true)
        for row in table.rows {
            rows.read("line \(row.line)") { () throws(IngestError) -> PlasticSample in
                let unitText = try table.field(row, c.unit)
                guard let unit = PlasticUnit(parsing: unitText) else {
                    throw IngestError(path: path, location: "line \(row.line), column 'Unit'", reason: "unknown concentration unit '\(unitText)'")
                }
                let method = try table.field(row, c.method)
                let place = [c.subRegion, c.region, c.ocean].compactMap { $0 }.compactMap { try? table.field(row, $0) }.first { !$0.isEmpty }
                return PlasticSample(
                    sourceID: try table.field(row, c.id), time: try parseUSDate(try table.field(row, c.date), path: path, location: "line \(row.line), column 'Date'"),
                    latitude: try table.number(row, c.lat), longitude: try table.number(row, c.lon), place: place,
                    matrix: matrix(method: method, unit: unit), method: method.nilIfEmpty, concentration: try table.number(row, c.value),
                    unit: unit, sourceUnit: unitText, citation: try table.field(row, c.ref).nilIfEmpty, doi: try table.field(row, c.doi).nilIfEmpty)
            }
        }
        let samples = try rows.finish()
        return dataset(context, format: .nceiMicroplastics, samples: samples, rejected: rows.rejected)
    }

    /// The dataset with NCEI's provider, licence and citation (unless the catalogue says otherwise).
    static func dataset(_ context: ReadContext, format: DataFormat, samples: [PlasticSample], rejected: [RejectedRow]) -> ParsedDataset {
        var dataset = context.dataset(format: format, title: "NCEI marine microplastics (\(samples.count) samples)")
        dataset.provider = dataset.provider ?? "NOAA National Centers for Environmental Information (NCEI), Marine Microplastics database"
        dataset.licence = dataset.licence ?? "US Government data, public domain; cite each row's study"
        dataset.citation = dataset.citation ?? "Nyadjro, E.S. et al. (2023) The NOAA NCEI marine microplastics database, Scientific Data 10:726"
        dataset.doi = dataset.doi ?? "10.1038/s41597-023-02632-y"
        dataset.samples = samples
        dataset.rejected = rejected
        dataset.notes.append("NCEI exports carry no mesh size; sample dates are local days (no time) and are placed at noon UTC")
        return dataset
    }

    /// Nets and pumps sample water at the surface; grabs and cores sample sediment.
    static func matrix(method: String, unit: PlasticUnit) -> PlasticMatrix {
        let lower = method.lowercased()
        return lower.contains("net") || lower.contains("pump") ? .surfaceWater
            : lower.contains("grab") || lower.contains("core") || unit == .piecesPerKilogramDryWeight ? .sediment : .waterColumn
    }

    /// "M/D/YYYY 12:00:00 AM" → noon UTC of that day (the export has local dates, no times).
    static func parseUSDate(_ text: String, path: String, location: String) throws(IngestError) -> Double {
        let day = text.split(separator: " ").first ?? ""
        let p = day.split(separator: "/").compactMap { Int($0) }
        guard p.count == 3, (1...12).contains(p[0]), (1...31).contains(p[1]), p[2] > 1900 else {
            throw IngestError(path: path, location: location, reason: "'\(text)' is not M/D/YYYY")
        }
        return UTCTime.seconds(year: p[2], month: p[0], day: p[1], hour: 12)
    }
}

/// DOER (US Army Corps of Engineers) literature database of microplastics in sediment:
/// concentrations in microplastics per kg dry sediment, no coordinates (place names instead),
/// free-text sample times, particle size range in µm ("63-5000"; 99999 = not reported).
enum DOERSedimentReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        let c = (id: try table.column("mpID"), country: try table.column("Country"), water: try table.column("Waterbody"),
                 area: try table.column("Test Area"), time: try table.column("Sample Time"), method: try table.column("Sediment Sample Method"),
                 depth: try table.column("Sediment Depth (cm)"), range: try table.column("mp range (µm)"), value: try table.column("mp/kg dw"),
                 unit: try table.column("MP Unit"), ref: try table.column("Abbrev. Reference"), doi: try table.column("DOI"))
        var rows = SampleRows(path: path, requiresPosition: false)
        for row in table.rows {
            rows.read("line \(row.line)") { () throws(IngestError) -> PlasticSample in
                let unitText = try table.field(row, c.unit)
                guard let unit = PlasticUnit(parsing: unitText) else {
                    throw IngestError(path: path, location: "line \(row.line), column 'MP Unit'", reason: "unknown concentration unit '\(unitText)'")
                }
                let range = try table.field(row, c.range).split(separator: "-").map { Double($0) }
                let low = range.first.flatMap { $0 }.flatMap { $0 == 99999 ? nil : $0 }
                let high = range.count > 1 ? range[1].flatMap { $0 == 99999 ? nil : $0 } : nil
                let timeText = try table.field(row, c.time)
                let place = [c.area, c.water, c.country].compactMap { try? table.field(row, $0) }.filter { !$0.isEmpty && $0 != "(N/R)" }.joined(separator: ", ")
                return PlasticSample(
                    sourceID: try table.field(row, c.id), time: nil, dateText: timeText == "(N/R)" ? nil : timeText, place: place,
                    matrix: .sediment, method: try table.field(row, c.method).nilIfEmpty, meshMicrometres: low, maxSizeMicrometres: high,
                    depth: try table.field(row, c.depth).nilIfEmpty, concentration: try table.number(row, c.value), unit: unit,
                    sourceUnit: unitText, citation: try table.field(row, c.ref).nilIfEmpty, doi: try table.field(row, c.doi).nilIfEmpty)
            }
        }
        let samples = try rows.finish()
        var dataset = context.dataset(format: .doerSediment, title: "DOER microplastics in sediment literature database (\(samples.count) records)")
        dataset.provider = dataset.provider ?? "US Army Corps of Engineers ERDC, Dredging Operations and Environmental Research (DOER) program"
        dataset.licence = dataset.licence ?? "US Government work; values digitised from the cited papers"
        dataset.citation = dataset.citation ?? "USACE ERDC DOER microplastics-in-sediment literature database; each record cites its paper"
        dataset.samples = samples
        dataset.rejected = rows.rejected
        dataset.notes.append("no coordinates: samples are placed by name (test area, water body, country) only")
        return dataset
    }
}

/// Beach transect survey CSV (`Date_YYYY-MM-DD, Country_Region, Location_name, Location_lat,
/// Location_lon, Transect, Position, Size_min_mm, Size_max_mm, Size_class, …`). Particle
/// files give a count and the dry sand weight (→ pieces per kg dry sand); shape and colour
/// files give per-category counts (→ composition, total as pieces per sample).
enum BeachSurveyReader {
    static let fixedColumns = ["Date_YYYY-MM-DD", "Country_Region", "Location_name", "Location_lat", "Location_lon",
                               "Transect", "Position", "Size_min_mm", "Size_max_mm", "Size_class"]

    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        let table = try CSVTable(contentsOf: path)
        var index: [String: Int] = [:]
        for name in fixedColumns { index[name] = try table.column(name) }
        let countColumn = table.optionalColumn("Particle_count")
        let weightColumn = table.optionalColumn("Weight_dry_sand_g")
        let zoneColumn = table.optionalColumn("Beach_Zone")
        let categoryColumns = countColumn == nil
            ? table.header.indices.filter { !fixedColumns.contains(table.header[$0]) }
            : []
        // Colour and shape files count the same particles as the particle file, each its own
        // way: their totals are kept as separate methods so no quadrat is counted twice in a group.
        let compositionKind = categoryColumns.contains { table.header[$0].lowercased().contains("fragment") } ? "shape composition" : "colour composition"
        var rows = SampleRows(path: path, requiresPosition: true)
        var location = ""
        for row in table.rows {
            rows.read("line \(row.line)") { () throws(IngestError) -> PlasticSample in
                let dateText = try table.field(row, index["Date_YYYY-MM-DD"]!)
                guard let day = UTCTime.parse(dateText) else {
                    throw IngestError(path: path, location: "line \(row.line), column 'Date_YYYY-MM-DD'", reason: "'\(dateText)' is not YYYY-MM-DD")
                }
                location = try table.field(row, index["Location_name"]!)
                let lat = try table.number(row, index["Location_lat"]!), lon = try table.number(row, index["Location_lon"]!)
                let transect = try table.field(row, index["Transect"]!), position = try table.field(row, index["Position"]!)
                let sizeMin = try table.number(row, index["Size_min_mm"]!), sizeMax = try table.number(row, index["Size_max_mm"]!)
                let sizeClass = try table.field(row, index["Size_class"]!)
                let zone = try zoneColumn.map { (i) throws(IngestError) in try table.field(row, i) }
                var concentration: Double?
                var unit = PlasticUnit.piecesPerSample
                var sourceUnit = "pieces per transect quadrat"
                var composition: [String: Double]?
                if let countColumn {
                    let count = try table.number(row, countColumn)
                    if let weightColumn, let grams = try table.number(row, weightColumn), grams > 0, let count {
                        concentration = count / (grams / 1000)
                        unit = .piecesPerKilogramDryWeight
                        sourceUnit = "count per quadrat with dry sand weight (g)"
                        composition = ["count": count, "dry_sand_g": grams]
                    } else {
                        concentration = count
                    }
                } else {
                    var parts: [String: Double] = [:]
                    for i in categoryColumns { parts[table.header[i]] = try table.number(row, i) ?? 0 }
                    composition = parts
                    concentration = parts.values.reduce(0, +)
                }
                return PlasticSample(
                    sourceID: "\(dateText)/\(transect)/\(position)/\(sizeClass)", time: day + 12 * 3600, latitude: lat, longitude: lon,
                    place: [location.replacingOccurrences(of: "_", with: " "), zone].compactMap { $0 }.joined(separator: ", "),
                    matrix: .beach, method: "beach transect quadrat (\(sizeClass))\(countColumn == nil ? ", \(compositionKind)" : "")", meshMicrometres: sizeMin.map { $0 * 1000 },
                    maxSizeMicrometres: sizeMax.map { $0 * 1000 }, concentration: concentration, unit: unit, sourceUnit: sourceUnit,
                    composition: composition, citation: "unknown: survey authors not stated by the data source")
            }
        }
        let samples = try rows.finish()
        let kind = countColumn != nil ? "particle counts" : "composition (\(categoryColumns.map { table.header[$0] }.prefix(3).joined(separator: ", "))…)"
        var dataset = context.dataset(format: .beachSurvey, title: "\(location.replacingOccurrences(of: "_", with: " ")) beach survey, \(kind)")
        dataset.provider = dataset.provider ?? "unknown (transect survey of NE Taiwan beaches)"
        dataset.citation = dataset.citation ?? "unknown: the survey's authors are not stated; cite before publishing derived results"
        dataset.samples = samples
        dataset.rejected = rows.rejected
        return dataset
    }
}

/// Rows of a sample table read one at a time: a row that cannot be read or fails the checks
/// every sample must pass becomes a ``RejectedRow`` and the rest of the file still ingests.
/// Checks: a concentration present and not negative; latitude in −90…90 and longitude in
/// −180…360 (stored as −180…180) when a position is given, and a position when the format
/// always has one.
struct SampleRows {
    let path: String
    let requiresPosition: Bool
    var samples: [PlasticSample] = []
    var rejected: [RejectedRow] = []

    init(path: String, requiresPosition: Bool) {
        self.path = path
        self.requiresPosition = requiresPosition
    }

    mutating func read(_ location: String, _ body: () throws(IngestError) -> PlasticSample) {
        do {
            var sample = try body()
            if let reason = Self.problem(&sample, requiresPosition: requiresPosition) {
                rejected.append(RejectedRow(location: location, reason: reason))
            } else {
                samples.append(sample)
            }
        } catch {
            rejected.append(RejectedRow(location: error.location ?? location, reason: error.reason))
        }
    }

    /// What is wrong with a sample, or nil; normalises its longitude.
    static func problem(_ s: inout PlasticSample, requiresPosition: Bool) -> String? {
        guard let c = s.concentration, c.isFinite else { return "missing concentration" }
        if c < 0 { return "negative concentration (\(c))" }
        switch (s.latitude, s.longitude) {
        case (nil, nil): if requiresPosition { return "missing coordinates" }
        case (nil, _), (_, nil): return "missing latitude or longitude"
        case let (lat?, lon?):
            guard (-90...90).contains(lat) else { return "latitude out of range (\(lat))" }
            guard (-180...360).contains(lon) else { return "longitude out of range (\(lon))" }
            if lon > 180 { s.longitude = lon - 360 }
        }
        return nil
    }

    /// The samples, or an error when rows existed and none could be read.
    func finish() throws(IngestError) -> [PlasticSample] {
        if samples.isEmpty, let first = rejected.first {
            throw IngestError(path: path, location: first.location, reason: "no row could be read (\(rejected.count) rejected); first: \(first.reason)")
        }
        return samples
    }
}
