import BlueWatchCore
import Foundation
import Geodesy
import NetCDF

/// Per-cell trends of one gridded variable, ready to write as CF-1.8 NetCDF.
public struct GridTrendResult: Sendable {
    public var sourcePath: String
    public var variable: String
    public var variableAttributes: [String: String]
    public var globalAttributes: [String: String]
    public var latitudes: [Double]
    public var longitudes: [Double]
    public var times: [Double]
    public var model: TrendModel
    public var minimumCount: Int
    /// Sen's slope and the Mann-Kendall test were computed.
    public var robust: Bool
    /// Latitude-major: `y * nx + x`.
    public var cells: [GridTrend.Cell]
    /// Where a tile's rows sit in the whole (nil for a whole result).
    public var tile: TilePlacement?

    public struct TilePlacement: Sendable, Equatable {
        public var tile: GridTrendRunner.Tile
        /// The tile's first row among the rows of the whole result, and their count.
        public var firstRow: Int
        public var rowsInAll: Int
    }

    public var nx: Int { longitudes.count }
    public var ny: Int { latitudes.count }

    /// Cells with a trend.
    public var fittedCells: Int { cells.filter { !$0.trend.isNaN }.count }

    /// Years spanned by the time axis (365.2425-day years).
    public var spanYears: Double { ((times.last ?? 0) - (times.first ?? 0)) / TrendModel.secondsPerYear }

    /// What a reader must know before using the trends, for every front end (CLI, service,
    /// the NetCDF file's `comment`): a span under 10 years measures seasonal and interannual
    /// change, not sea-level rise.
    public var warnings: [String] {
        spanYears < 10
            ? [String(format: "the file spans %.2f years; over so short a span a trend measures seasonal and interannual change, not sea-level rise", spanYears)]
            : []
    }

    static let fill: Float = -9999

    /// Writes the trends as a CF-1.8 / ACDD-1.3 NetCDF-4 file, atomically.
    /// `created`: the time written as `date_created` and in `history` (default now); the
    /// service passes the grid's ingest time so the same request gives the same bytes.
    public func write(to path: String, command: String, created: Double? = nil) throws {
        try writeNetCDFAtomically(to: path) { file in
            let root = file.root
            let latDim = try root.defineDimension("lat", length: ny)
            let lonDim = try root.defineDimension("lon", length: nx)
            let lat = try root.defineVariable("lat", type: .double, dimensions: [latDim])
            for (k, v) in [("standard_name", "latitude"), ("long_name", "latitude"), ("units", "degrees_north"), ("axis", "Y")] { try lat.setAttribute(k, .text(v)) }
            let lon = try root.defineVariable("lon", type: .double, dimensions: [lonDim])
            for (k, v) in [("standard_name", "longitude"), ("long_name", "longitude"), ("units", "degrees_east"), ("axis", "X")] { try lon.setAttribute(k, .text(v)) }
            let source = variableAttributes["long_name"] ?? variable
            // Every result in the root group, so CDO and xarray's default open see all of them.
            // Interval bounds are values of the trend's quantity (its standard name, long_name
            // says which bound); the p-values and the autocorrelation have no CF standard name:
            // long_name, units "1" and a comment describe them (ACDD's checker notes the missing
            // standard_name; Docs/METHODS.md says why).
            let tendency = "tendency_of_sea_surface_height_above_mean_sea_level"
            typealias Field = (name: String, standardName: String?, longName: String, units: String, value: KeyPath<GridTrend.Cell, Double>)
            var fields: [Field] = [
                ("trend", tendency, "linear trend of \(source)", "mm yr-1", \.trend),
                ("trend_standard_error", tendency + " standard_error", "standard error of the trend, corrected for AR(1) serial correlation (Santer et al. 2000)", "mm yr-1", \.standardError),
                ("trend_lower", tendency, "lower bound of the 95% confidence interval of the trend", "mm yr-1", \.lower),
                ("trend_upper", tendency, "upper bound of the 95% confidence interval of the trend", "mm yr-1", \.upper),
                ("p_value", nil, "two-sided p-value of the trend (Student t, effective degrees of freedom)", "1", \.pValue),
                ("lag1_autocorrelation", nil, "lag-1 autocorrelation of the residuals", "1", \.lag1),
            ]
            if robust {
                fields += [
                    ("sen_slope", tendency, "Sen's slope (median of pairwise slopes) of \(source)", "mm yr-1", \.sen),
                    ("sen_lower", tendency, "lower bound of the 95% confidence interval of Sen's slope (Sen 1968)", "mm yr-1", \.senLower),
                    ("sen_upper", tendency, "upper bound of the 95% confidence interval of Sen's slope (Sen 1968)", "mm yr-1", \.senUpper),
                    ("mann_kendall_p", nil, "two-sided p-value of the Mann-Kendall trend test", "1", \.mannKendallP),
                ]
            }
            var data: [(Variable, [Float])] = []
            for field in fields {
                let v = try root.defineVariable(field.name, type: .float, dimensions: [latDim, lonDim], deflateLevel: 4)
                try v.setAttribute("_FillValue", .floats([GridTrendResult.fill]))
                if let standardName = field.standardName {
                    try v.setAttribute("standard_name", .text(standardName))
                } else {
                    try v.setAttribute("comment", .text("CF has no standard name for this statistic of the trend fit"))
                }
                try v.setAttribute("long_name", .text(field.longName))
                try v.setAttribute("units", .text(field.units))
                try v.setAttribute("coverage_content_type", .text(field.name == "trend" || field.name == "sen_slope" ? "modelResult" : "qualityInformation"))
                if field.name == "trend" { try v.setAttribute("ancillary_variables", .text("trend_standard_error trend_lower trend_upper p_value lag1_autocorrelation count")) }
                if field.name == "sen_slope" { try v.setAttribute("ancillary_variables", .text("sen_lower sen_upper mann_kendall_p count")) }
                data.append((v, cells.map { $0[keyPath: field.value].isNaN ? GridTrendResult.fill : Float($0[keyPath: field.value]) }))
            }
            let count = try root.defineVariable("count", type: .int, dimensions: [latDim, lonDim], deflateLevel: 4)
            try count.setAttribute("standard_name", .text(tendency + " number_of_observations"))
            try count.setAttribute("long_name", .text("number of valid time steps used"))
            try count.setAttribute("units", .text("1"))
            try count.setAttribute("coverage_content_type", .text("auxiliaryInformation"))
            let start = times.first ?? 0, end = times.last ?? 0
            let now = UTCTime.iso((created ?? Date().timeIntervalSince1970).rounded())
            let globals: [(String, AttributeValue)] = [
                ("Conventions", .text("CF-1.8, ACDD-1.3")),
                ("title", .text("Trend of \(source) per grid cell")),
                ("summary", .text("Per-cell least-squares trend of '\(variable)' from \(URL(fileURLWithPath: sourcePath).lastPathComponent) (\(times.count) steps, \(UTCTime.isoDate(start)) to \(UTCTime.isoDate(end))); model: \(model.columns.joined(separator: " + ")); standard errors corrected for AR(1) serial correlation with the effective sample size of Santer et al. (2000); cells with fewer than \(minimumCount) valid steps are left empty.")),
                ("keywords", .text("sea level, trend, satellite altimetry, " + variable)),
                ("id", .text("bluewatch.gridtrend.\(variable).\(URL(fileURLWithPath: sourcePath).deletingPathExtension().lastPathComponent)")),
                ("naming_authority", .text("org.bluewatch")),
                ("history", .text([globalAttributes["history"], "\(now) \(command)"].compactMap { $0 }.joined(separator: "\n"))),
                ("source", .text("\(globalAttributes["source"] ?? "gridded data") via \(URL(fileURLWithPath: sourcePath).lastPathComponent)")),
                ("processing_level", .text("derived: per-cell trend")),
                ("comment", .text((warnings.map { "Warning: \($0). " }.joined()) + "Trend units mm/yr; time in years of 365.2425 days. Every result is a variable of the root group. Method: Docs/METHODS.md of BlueWatch.")),
                ("acknowledgement", .text(globalAttributes["acknowledgement"] ?? globalAttributes["credit"] ?? "see the source file")),
                ("license", .text(globalAttributes["license"] ?? "as the source file")),
                ("date_created", .text(now)),
                ("institution", .text(globalAttributes["institution"] ?? "BlueWatch")),
                ("project", .text(globalAttributes["project"] ?? "BlueWatch")),
                ("references", .text([globalAttributes["references"], "Santer, B.D. et al. (2000) J. Geophys. Res. 105(D6), 7337-7356"].compactMap { $0 }.joined(separator: "; "))),
                ("time_coverage_start", .text(UTCTime.iso(start))), ("time_coverage_end", .text(UTCTime.iso(end))),
                ("source_file", .text(URL(fileURLWithPath: sourcePath).lastPathComponent)),
            ] + ACDDBox.attributes(latitudes: latitudes, longitudes: longitudes)
            for (k, v) in globals + tileAttributes { try root.setAttribute(k, v) }
            for (k, v) in Publisher.acddAttributes { try root.setAttribute(k, .text(v)) }
            try file.endDefinitions()
            try lat.write(latitudes)
            try lon.write(longitudes)
            for (v, values) in data { try v.write(values) }
            try count.write(cells.map { Int32($0.count) })
        }
    }
}

extension GridTrendResult {
    /// Global attributes of a part: which part, where its rows go, and what the merge needs
    /// to check that parts belong together and to rebuild the whole file's metadata.
    var tileAttributes: [(String, AttributeValue)] {
        guard let t = tile else { return [] }
        return [
            ("bluewatch_tile", .text(t.tile.description)),
            ("bluewatch_tile_first_row", .int32s([Int32(t.firstRow)])),
            ("bluewatch_tile_rows_in_all", .int32s([Int32(t.rowsInAll)])),
            ("bluewatch_source_path", .text(URL(fileURLWithPath: sourcePath).standardizedFileURL.path)),
            ("bluewatch_variable", .text(variable)),
            ("bluewatch_model", .text(model.seasonal ? "seasonal" : "linear")),
            ("bluewatch_minimum_count", .int32s([Int32(minimumCount)])),
            ("bluewatch_robust", .text(robust ? "true" : "false")),
        ]
    }
}
