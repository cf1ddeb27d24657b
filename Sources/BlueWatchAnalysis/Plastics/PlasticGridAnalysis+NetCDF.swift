import BlueWatchCore
import Foundation
import Geodesy
import NetCDF

extension PlasticUnit {
    /// The unit as UDUNITS understands it (pieces are counts, dimensionless).
    var udunits: String {
        switch self {
        case .piecesPerCubicMetre: "m-3"
        case .piecesPerLitre: "L-1"
        case .piecesPerSquareKilometre: "km-2"
        case .piecesPerKilogramDryWeight: "kg-1"
        case .piecesPerSample: "1"
        }
    }
}

extension PlasticGridAnalysis {
    static let fill: Float = -9999

    /// Writes the grid as CF-1.8 / ACDD-1.3 NetCDF-4, atomically: cell bounds and areas, the
    /// number of samples and their mean, median, minimum and maximum per cell, the IDW surface
    /// and the Gi* z-scores, p-values and hot/cold-spot flags when they were computed.
    /// Empty cells hold the fill value.
    /// Added to the grid's longitudes in the file: −360 when the whole grid lies east of 180°
    /// (as −180…180 gives them), else 0 (a grid across the antimeridian stays monotonic).
    var longitudeShift: Double { cells.grid.west >= 180 ? -360 : 0 }

    public func writeNetCDF(to path: String, command: String, sources: [String]) throws {
        let grid = cells.grid
        let n = grid.cellCount
        func full(_ perCell: [Double]) -> [Float] {
            var out = [Float](repeating: Self.fill, count: n)
            for (k, c) in cells.cells.enumerated() where perCell[k].isFinite { out[c] = Float(perCell[k]) }
            return out
        }
        try writeNetCDFAtomically(to: path) { file in
            let root = file.root
            let latDim = try root.defineDimension("lat", length: grid.rows)
            let lonDim = try root.defineDimension("lon", length: grid.columns)
            let nv = try root.defineDimension("nv", length: 2)
            let lat = try root.defineVariable("lat", type: .double, dimensions: [latDim])
            for (k, v) in [("standard_name", "latitude"), ("long_name", "latitude of cell centre"), ("units", "degrees_north"), ("axis", "Y"), ("bounds", "lat_bnds")] {
                try lat.setAttribute(k, .text(v))
            }
            let lon = try root.defineVariable("lon", type: .double, dimensions: [lonDim])
            for (k, v) in [("standard_name", "longitude"), ("long_name", "longitude of cell centre"), ("units", "degrees_east"), ("axis", "X"), ("bounds", "lon_bnds")] {
                try lon.setAttribute(k, .text(v))
            }
            let latBounds = try root.defineVariable("lat_bnds", type: .double, dimensions: [latDim, nv])
            let lonBounds = try root.defineVariable("lon_bnds", type: .double, dimensions: [lonDim, nv])
            let area = try root.defineVariable("cell_area", type: .double, dimensions: [latDim, lonDim], deflateLevel: 4)
            for (k, v) in [("standard_name", "cell_area"), ("long_name", "area of the grid cell on the WGS84 ellipsoid"), ("units", "m2"),
                           ("coverage_content_type", "auxiliaryInformation")] { try area.setAttribute(k, .text(v)) }
            let count = try root.defineVariable("sample_count", type: .int, dimensions: [latDim, lonDim], deflateLevel: 4)
            for (k, v) in [("standard_name", "number_of_observations"), ("long_name", "number of samples in the cell"), ("units", "1"),
                           ("coverage_content_type", "auxiliaryInformation")] {
                try count.setAttribute(k, .text(v))
            }
            var floats: [(Variable, [Float])] = []
            func quantity(_ name: String, _ longName: String, _ values: [Double], method: String?, units: String? = nil, content: String = "physicalMeasurement") throws {
                let v = try root.defineVariable(name, type: .float, dimensions: [latDim, lonDim], deflateLevel: 4)
                try v.setAttribute("_FillValue", .floats([Self.fill]))
                try v.setAttribute("long_name", .text(longName))
                try v.setAttribute("units", .text(units ?? group.unit.udunits))
                if units == nil { try v.setAttribute("comment", .text("microplastic pieces per \(group.unit.rawValue.split(separator: "/").last ?? "") (\(group))")) }
                if let method { try v.setAttribute("cell_methods", .text(method)) }
                try v.setAttribute("coverage_content_type", .text(content))
                floats.append((v, full(values)))
            }
            try quantity("concentration_mean", "mean microplastic concentration of the samples in the cell", cells.mean, method: "area: mean")
            try quantity("concentration_median", "median microplastic concentration of the samples in the cell", cells.median, method: "area: median")
            try quantity("concentration_min", "smallest microplastic concentration in the cell", cells.minimum, method: "area: minimum")
            try quantity("concentration_max", "largest microplastic concentration in the cell", cells.maximum, method: "area: maximum")
            if let interpolated {
                let v = try root.defineVariable("concentration_idw", type: .float, dimensions: [latDim, lonDim], deflateLevel: 4)
                try v.setAttribute("_FillValue", .floats([Self.fill]))
                for (k, t) in [("long_name", "microplastic concentration interpolated to the cell centre by inverse geodesic distance (power 2, 12 nearest within \(Int(options.idwRadiusKm ?? 0)) km)"),
                               ("units", group.unit.udunits), ("coverage_content_type", "modelResult")] { try v.setAttribute(k, .text(t)) }
                floats.append((v, interpolated.map { $0.isFinite ? Float($0) : Self.fill }))
            }
            var spotVariable: Variable?
            if let giStar {
                try quantity("gi_star_z", "Getis-Ord Gi* z-score of the cell \(options.statistic.rawValue) (distance band \(Int(options.band)) km)", giStar.sites.map(\.z),
                             method: nil, units: "1", content: "modelResult")
                try quantity("gi_star_p", giStar.permutations > 0 ? "Gi* pseudo p-value from \(giStar.permutations) conditional permutations" : "Gi* normal p-value",
                             giStar.sites.map { giStar.permutations > 0 ? $0.pPermutation : $0.pNormal }, method: nil, units: "1", content: "qualityInformation")
                let v = try root.defineVariable("hot_spot", type: .byte, dimensions: [latDim, lonDim], deflateLevel: 4)
                try v.setAttribute("_FillValue", .int8s([-127]))
                try v.setAttribute("long_name", .text("hot or cold spot after Benjamini-Hochberg false-discovery control at \(giStar.alpha)"))
                try v.setAttribute("flag_values", .int8s([-1, 0, 1]))
                try v.setAttribute("flag_meanings", .text("cold_spot not_significant hot_spot"))
                try v.setAttribute("coverage_content_type", .text("qualityInformation"))
                spotVariable = v
            }
            let now = UTCTime.iso(Date().timeIntervalSince1970.rounded())
            let times = values.compactMap(\.time)
            var globals: [(String, AttributeValue)] = [
                ("Conventions", .text("CF-1.8, ACDD-1.3")),
                ("title", .text("Microplastic concentrations on a \(options.resolution)° grid: \(group)")),
                ("summary", .text("Samples of one harmonised group (same matrix, unit, sampling method and mesh-size class; no units mixed) binned on a \(options.resolution)° latitude-longitude grid with cell areas on the WGS84 ellipsoid: count, mean, median, minimum and maximum per cell\(giStar == nil ? "" : ", and Getis-Ord Gi* hot and cold spots of the cell \(options.statistic.rawValue) with a conditional permutation test and false-discovery control").")),
                ("keywords", .text("microplastics, marine litter, hot spots, Getis-Ord, gridding")),
                ("id", .text("bluewatch.plastics.\(group.key).\(options.resolution)")),
                ("naming_authority", .text("org.bluewatch")),
                ("history", .text("\(now) \(command)")),
                ("source", .text(sources.joined(separator: "; "))),
                ("processing_level", .text("gridded observations")),
                ("comment", .text("Method in Docs/METHODS.md of BlueWatch. \(values.count) samples gridded." + (grid.west + longitudeShift + Double(grid.columns) * grid.resolution > 180
                    ? " The grid crosses the antimeridian: longitudes run east past 180 (181 is 179°W) to stay monotonic." : " Longitudes in -180...180."))),
                ("acknowledgement", .text("Data providers as listed in source")),
                ("license", .text("as the source data sets")),
                ("date_created", .text(now)),
                ("institution", .text("BlueWatch")),
                ("project", .text("BlueWatch microplastics monitoring")),
                ("references", .text("Ord, J.K. and Getis, A. (1995) Geographical Analysis 27(4), 286-306; Benjamini, Y. and Hochberg, Y. (1995) JRSS B 57(1), 289-300; Nyadjro, E.S. et al. (2023) Scientific Data 10:726")),
            ] + ACDDBox.attributes(south: grid.south, north: grid.north, west: grid.west + longitudeShift,
                                   // ACDD: across the antimeridian the east edge is given in −180…180, below the west edge.
                                   east: grid.east + longitudeShift > 180 ? grid.east + longitudeShift - 360 : grid.east + longitudeShift)
            if let first = times.min(), let last = times.max() {
                globals.append(("time_coverage_start", .text(UTCTime.iso(first))))
                globals.append(("time_coverage_end", .text(UTCTime.iso(last))))
            }
            for (k, v) in globals { try root.setAttribute(k, v) }
            for (k, v) in Publisher.acddAttributes { try root.setAttribute(k, .text(v)) }
            try file.endDefinitions()
            try lat.write((0..<grid.rows).map { grid.latitude(row: $0) })
            // Longitudes in −180…180 as the CSV, GeoJSON and tables give them; a grid that
            // crosses the antimeridian keeps east-running longitudes past 180, which CF needs
            // to stay monotonic (the global `comment` says so).
            try lon.write((0..<grid.columns).map { grid.longitude(column: $0) + longitudeShift })
            func edges(_ start: Double, _ count: Int) -> [Double] {
                var out: [Double] = []
                for k in 0..<count {
                    let low: Double = start + Double(k) * grid.resolution
                    out.append(low)
                    out.append(low + grid.resolution)
                }
                return out
            }
            try latBounds.write(edges(grid.south, grid.rows))
            try lonBounds.write(edges(grid.west + longitudeShift, grid.columns))
            let rowAreas = grid.rowAreas(Geodesy.Geodesic.wgs84)
            try area.write((0..<n).map { rowAreas[$0 / grid.columns] })
            var counts = [Int32](repeating: 0, count: n)
            for (k, c) in cells.cells.enumerated() { counts[c] = Int32(cells.count[k]) }
            try count.write(counts)
            for (v, data) in floats { try v.write(data) }
            if let spotVariable, let giStar {
                var spots = [Int8](repeating: -127, count: n)
                for (k, c) in cells.cells.enumerated() { spots[c] = Int8(giStar.sites[k].spot) }
                try spotVariable.write(spots)
            }
        }
    }
}
