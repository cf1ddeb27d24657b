import BlueWatchCore
import Foundation
import NetCDF

extension GridTrendResult {
    /// Joins the parts of a tiled run (`bluewatch trend grid --tile I/N`) into the whole
    /// result, equal bit for bit in every variable to the untiled run: the parts hold the
    /// cells as the untiled file would (Float), and a Float read back and written again is
    /// unchanged. Every part must be present once, from the same source file, variable,
    /// model, minimum count and robust choice, with the same longitudes; the source file is
    /// opened (not read) for its times and attributes.
    public static func merge(parts paths: [String]) throws -> GridTrendResult {
        guard !paths.isEmpty else { throw GridTrendError(reason: "no part files given") }
        struct Part {
            var path: String
            var tile: GridTrendRunner.Tile
            var firstRow: Int, rowsInAll: Int
            var source: String, variable: String, model: String, minimumCount: Int, robust: Bool
            var latitudes: [Double], longitudes: [Double]
            var cells: [GridTrend.Cell]
        }
        var parts: [Part] = []
        for path in paths {
            let file = try NetCDFFile.open(path)
            let root = file.root
            func text(_ name: String) throws -> String {
                guard let v = try root.attribute(name)?.text else {
                    throw GridTrendError(reason: "\(path): not a part of a tiled grid trend (no global attribute \(name); write parts with `trend grid --tile I/N`)")
                }
                return v
            }
            func int(_ name: String) throws -> Int {
                guard let v = try root.attribute(name)?.number, v >= 0, v < 1e9 else {
                    throw GridTrendError(reason: "\(path): global attribute \(name) is missing or out of range")
                }
                return Int(v)
            }
            func values(_ name: String, count: Int) throws -> [Double] {
                guard let v = try root.variable(named: name) else { throw GridTrendError(reason: "\(path): variable \(name) is missing") }
                let raw = try v.read(Float.self)
                guard raw.count == count else { throw GridTrendError(reason: "\(path): variable \(name) has \(raw.count) values, not \(count)") }
                return raw.map { $0 == GridTrendResult.fill ? .nan : Double($0) }
            }
            let tile = try GridTrendRunner.Tile(parsing: try text("bluewatch_tile"))
            guard let latVar = try root.variable(named: "lat"), let lonVar = try root.variable(named: "lon") else {
                throw GridTrendError(reason: "\(path): lat or lon is missing")
            }
            let latitudes = try latVar.read(Double.self), longitudes = try lonVar.read(Double.self)
            let n = latitudes.count * longitudes.count
            let robust = try text("bluewatch_robust") == "true"
            var cells = [GridTrend.Cell](repeating: GridTrend.Cell(), count: n)
            let fields: [(String, WritableKeyPath<GridTrend.Cell, Double>)] = [
                ("trend", \.trend), ("trend_standard_error", \.standardError), ("trend_lower", \.lower), ("trend_upper", \.upper),
                ("p_value", \.pValue), ("lag1_autocorrelation", \.lag1),
            ] + (robust ? [("sen_slope", \.sen), ("sen_lower", \.senLower), ("sen_upper", \.senUpper), ("mann_kendall_p", \.mannKendallP)] : [])
            for (name, key) in fields {
                for (i, v) in try values(name, count: n).enumerated() { cells[i][keyPath: key] = v }
            }
            guard let countVar = try root.variable(named: "count") else { throw GridTrendError(reason: "\(path): variable count is missing") }
            let counts = try countVar.read(Int32.self)
            guard counts.count == n else { throw GridTrendError(reason: "\(path): variable count has \(counts.count) values, not \(n)") }
            for i in 0..<n { cells[i].count = Int(counts[i]) }
            parts.append(Part(path: path, tile: tile, firstRow: try int("bluewatch_tile_first_row"), rowsInAll: try int("bluewatch_tile_rows_in_all"),
                              source: try text("bluewatch_source_path"), variable: try text("bluewatch_variable"), model: try text("bluewatch_model"),
                              minimumCount: try int("bluewatch_minimum_count"), robust: robust,
                              latitudes: latitudes, longitudes: longitudes, cells: cells))
            try file.close()
        }
        parts.sort { $0.tile.index < $1.tile.index }
        let first = parts[0]
        let count = first.tile.count
        for p in parts {
            for (what, a, b) in [("source file", p.source, first.source), ("variable", p.variable, first.variable), ("model", p.model, first.model),
                                 ("minimum count", "\(p.minimumCount)", "\(first.minimumCount)"), ("robust choice", "\(p.robust)", "\(first.robust)"),
                                 ("tile count", "\(p.tile.count)", "\(count)"), ("rows in all", "\(p.rowsInAll)", "\(first.rowsInAll)")] where a != b {
                throw GridTrendError(reason: "\(p.path) and \(first.path) are parts of different runs: \(what) \(a) vs \(b)")
            }
            guard p.longitudes == first.longitudes else { throw GridTrendError(reason: "\(p.path): its longitudes differ from \(first.path)'s") }
        }
        let indices = parts.map(\.tile.index)
        if indices != Array(1...count) {
            let missing = Set(1...count).subtracting(indices).sorted()
            let twice = Dictionary(grouping: indices, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            throw GridTrendError(reason: "the parts of a \(count)-tile run are incomplete:"
                + (missing.isEmpty ? "" : " missing \(missing.map { "\($0)/\(count)" }.joined(separator: ", "))")
                + (twice.isEmpty ? "" : " given twice \(twice.map { "\($0)/\(count)" }.joined(separator: ", "))"))
        }
        var row = 0
        for p in parts {
            guard p.firstRow == row else { throw GridTrendError(reason: "\(p.path): its rows start at \(p.firstRow), expected \(row)") }
            row += p.latitudes.count
        }
        guard row == first.rowsInAll else { throw GridTrendError(reason: "the parts hold \(row) rows of \(first.rowsInAll)") }

        // The source's times and attributes, as the untiled run saw them.
        let source = try NetCDFFile.open(first.source)
        guard let grid = try CFGrid.grids(in: source).first(where: { $0.name == first.variable }) else {
            throw GridTrendError(reason: "\(first.source): variable \(first.variable) is no longer a grid there")
        }
        let model = TrendModel(seasonal: first.model == "seasonal")
        return GridTrendResult(
            sourcePath: first.source, variable: first.variable, variableAttributes: textAttributes(try grid.variable.variable.attributes()),
            globalAttributes: textAttributes(try source.root.attributes()),
            latitudes: parts.flatMap(\.latitudes), longitudes: first.longitudes, times: grid.times, model: model,
            minimumCount: first.minimumCount, robust: first.robust, cells: parts.flatMap(\.cells), tile: nil)
    }
}
