import BlueWatchCore
import Foundation
import NetCDF

/// Any NetCDF file: a CF timeSeries collection becomes station series, a CF point collection
/// becomes microplastic samples, latitude/longitude grids become grid descriptors.
enum NetCDFDatasetReader {
    static func read(_ context: ReadContext) throws(IngestError) -> ParsedDataset {
        let path = context.path
        do {
            let file = try NetCDFFile.open(path)
            let globals = textAttributes(try file.root.attributes())
            let featureType = globals["featureType"]?.lowercased()
            let cdm = globals["cdm_data_type"]?.lowercased()
            var dataset = context.dataset(format: .netcdf, title: globals["title"] ?? context.fileName)
            dataset.provider = dataset.provider ?? globals["institution"] ?? globals["creator_institution"]
            dataset.licence = dataset.licence ?? globals["license"] ?? globals["licence"]
            dataset.citation = dataset.citation ?? globals["citation"] ?? globals["references"]
            dataset.doi = dataset.doi ?? globals["doi"] ?? globals["DOI"]
            dataset.version = dataset.version ?? globals["product_version"] ?? dataMode(globals["data_mode"]) ?? globals["processing_level"]
            if let provenance = globals["provenance"] { dataset.notes.append("file provenance: \(provenance)") }
            if featureType == "timeseries" || cdm == "station" || cdm == "timeseries" {
                dataset.series = try stationSeries(file, globals: globals, path: path, notes: &dataset.notes)
            } else if featureType == "point" {
                (dataset.samples, dataset.rejected) = try PointSampleDecoder.samples(try CFPointCollection.read(file), path: path)
            } else {
                dataset.grids = try CFGrid.grids(in: file).map(describe)
                if dataset.grids.isEmpty {
                    throw IngestError(path: path, reason: "holds neither a CF timeSeries or point collection (featureType) nor a latitude/longitude grid")
                }
            }
            return dataset
        } catch let error as NetCDFError {
            throw IngestError(path: path, location: error.variable.map { "variable '\($0)'" }, reason: error.reason)
        } catch let error as IngestError {
            throw error
        } catch {
            throw IngestError(path: path, reason: "\(error)")
        }
    }

    static func dataMode(_ mode: String?) -> String? {
        switch mode?.uppercased() {
        case "D": "delayed mode"
        case "R": "real-time"
        case "P": "provisional"
        case "M": "mixed"
        default: nil
        }
    }

    /// Series of every station; data variables are the numeric, non-flag variables with
    /// physical units.
    static func stationSeries(_ file: NetCDFFile, globals: [String: String], path: String, notes: inout [String]) throws -> [ParsedSeries] {
        let collection = try CFTimeSeriesCollection.read(file)
        notes.append("CF timeSeries, \(collection.layout.rawValue), \(collection.stations.count) station\(collection.stations.count == 1 ? "" : "s")")
        let isOceanSITES = globals["Conventions"]?.contains("OceanSITES") == true || globals["format_version"] != nil && globals["site_code"] != nil
        var result: [ParsedSeries] = []
        let assembler = SeriesAssembler(path: path)
        for station in collection.stations {
            var reference = try stationReference(station, file: file, globals: globals, oceanSITES: isOceanSITES)
            // A fill or absurd position (-999, NaN, 1e36) is not a place: keep the data, drop the
            // position, and say so.
            if reference.latitude != nil || reference.longitude != nil {
                let lat = reference.latitude ?? .nan, lon = reference.longitude ?? .nan
                if !((-90...90).contains(lat) && (-180...360).contains(lon)) {
                    notes.append("station \(station.id): position \(lat), \(lon) is not a latitude/longitude; kept without a position")
                    reference.latitude = nil
                    reference.longitude = nil
                }
            }
            let ranks = station.variables.first { $0.name == "measurement_type" && $0.isAncillary }
            for v in station.variables where !v.isAncillary {
                guard let units = v.units, !units.isEmpty, units != "1", !units.lowercased().contains(" since ") else { continue }
                let variable = canonicalName(v)
                // "DERIVED by …" marks computed values; "pressure-derived height" is still a measurement.
                let comment = v.attributes["comment"]?.uppercased() ?? ""
                let derived = v.name.lowercased().contains("resid") || comment.hasPrefix("DERIVED") || comment.contains("DERIVED BY")
                var policy = SeriesAssembler.DuplicatePolicy.refuse
                if let ranks, ranks.values.count == v.values.count { policy = .highestRank(ranks.values.map { $0.isFinite ? Int(min(max($0, -1e9), 1e9)) : 0 }) }
                var local: [String] = []
                result.append(try assembler.make(
                    station: reference, variable: variable, standardName: v.standardName, longName: v.longName,
                    times: v.times, values: v.values, units: units, datum: v.attributes["reference_datum"],
                    derived: derived, duplicates: policy, notes: &local))
                notes += local.map { "station \(station.id): \($0)" }
            }
        }
        guard !result.isEmpty else { throw IngestError(path: path, reason: "timeSeries file without any data variable that has physical units") }
        return result
    }

    /// BlueWatch's name for a variable from its standard name or source name.
    static func canonicalName(_ v: CFStationVariable) -> String {
        let lower = v.name.lowercased()
        if lower.contains("resid") { return SeriesKind.seaLevelResidual.variable }
        switch v.standardName {
        case "water_surface_height_above_reference_datum", "sea_surface_height", "tide_gauge_sea_level",
             "sea_surface_height_above_reference_ellipsoid": return SeriesKind.seaLevel.variable
        case "sea_floor_depth_below_sea_surface": return SeriesKind.waterColumnHeight.variable
        default: return lower
        }
    }

    /// The provider namespace of a station's id, from the id variable's metadata and the file's.
    static func stationReference(_ station: CFStation, file: NetCDFFile, globals: [String: String], oceanSITES: Bool) throws -> StationReference {
        var provider = "file"
        let root = try file.root.variables()
        if let idVariable = try root.first(where: { try $0.text("cf_role") == "timeseries_id" }) {
            let text = [idVariable.name, try idVariable.text("naming_authority") ?? "", try idVariable.text("long_name") ?? ""].joined(separator: " ").lowercased()
            if text.contains("psmsl") { provider = "psmsl" }
            else if text.contains("co-ops") || text.contains("coops") { provider = "coops" }
            else if text.contains("ioc") { provider = "ioc" }
            else if text.contains("ndbc") { provider = "ndbc" }
            else if text.contains("uhslc") { provider = "uhslc" }
        }
        if provider == "file" && oceanSITES { provider = "oceansites" }
        if provider == "file", globals["institution"]?.contains("NDBC") == true { provider = "ndbc" }
        let isDART = station.variables.contains { $0.standardName == "sea_floor_depth_below_sea_surface" }
        return StationReference(provider: provider, id: station.id, name: station.name, latitude: station.latitude,
                                longitude: station.longitude.map { $0 > 180 ? $0 - 360 : $0 }, country: station.properties["station_country"],
                                kind: isDART ? .dartBuoy : oceanSITES ? .mooring : .tideGauge)
    }

    static func describe(_ grid: CFGrid) throws -> GridDescriptor {
        let first = try grid.slice(time: 0)
        let attributes = textAttributes(try grid.variable.variable.attributes())
        return GridDescriptor(
            variable: grid.name, standardName: attributes["standard_name"], longName: attributes["long_name"], units: attributes["units"],
            nx: grid.nx, ny: grid.ny, nt: grid.nt, south: grid.latitudes.min() ?? .nan, north: grid.latitudes.max() ?? .nan,
            west: grid.longitudes.min() ?? .nan, east: grid.longitudes.max() ?? .nan,
            timeStart: grid.times.first, timeEnd: grid.times.last, missingCells: first.reduce(0) { $1.isNaN ? $0 + 1 : $0 })
    }
}

/// Microplastic samples from a CF point collection: a data variable with a concentration unit
/// BlueWatch knows; `sampling_method`, `matrix`, `mesh_size` travel with it when present.
enum PointSampleDecoder {
    /// The samples, and the points dropped (missing or out-of-range position, negative or
    /// missing concentration) with their reasons.
    static func samples(_ points: CFPointCollection, path: String) throws(IngestError) -> ([PlasticSample], [RejectedRow]) {
        guard let data = points.variables.first(where: { !$0.isAncillary && $0.units.flatMap(PlasticUnit.init(parsing:)) != nil }),
              let units = data.units, let unit = PlasticUnit(parsing: units) else {
            throw IngestError(path: path, reason: "point collection without a concentration variable in a known unit (pieces/m3, pieces/L, pieces/km2, pieces/kg dw)")
        }
        let mesh = points.variables.first { $0.name.lowercased().contains("mesh") }
        let method = points.texts.first { $0.key.lowercased().contains("method") }?.value
        let matrixText = points.texts.first { $0.key.lowercased().contains("matrix") }?.value
        func present(_ v: Double) -> Double? { v.isNaN ? nil : v }
        var rows = SampleRows(path: path, requiresPosition: true)
        for i in points.times.indices {
            rows.read("variable '\(data.name)', point \(i)") { () throws(IngestError) -> PlasticSample in
                PlasticSample(sourceID: String(i), time: present(points.times[i]), latitude: present(points.latitudes[i]), longitude: present(points.longitudes[i]),
                              matrix: matrixText.flatMap { PlasticMatrix(rawValue: $0[i]) } ?? .surfaceWater, method: method?[i],
                              meshMicrometres: mesh.flatMap { present($0.values[i]) },
                              concentration: present(data.values[i]), unit: unit, sourceUnit: units)
            }
        }
        return (try rows.finish(), rows.rejected)
    }
}
