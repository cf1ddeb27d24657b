import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import Foundation

/// Grid size, cell statistic and the files a gridding writes.
struct PlasticGridOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Cell size, degrees.", valueName: "deg"))
    var resolution = 1.0

    @Option(help: ArgumentHelp("Cell value used for maps and hot spots: median, mean, maximum or count.", valueName: "stat"))
    var statistic: String = "median"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the grid as CF-1.8 NetCDF.", valueName: "file.nc"))
    var out: String?

    @Option(help: ArgumentHelp("Write the cells as GeoJSON polygons.", valueName: "file.geojson"))
    var geojson: String?

    @Option(name: .customLong("samples-geojson"), help: ArgumentHelp("Write the gridded samples as GeoJSON points.", valueName: "file.geojson"))
    var samplesGeojson: String?

    @Option(help: ArgumentHelp("Write an SVG map.", valueName: "file.svg"))
    var map: String?

    @Option(help: "Output: table, json, csv (cells) or geojson (cells; hot and cold spots only for `hotspots`).")
    var format: FeatureFormat = .table

    func validate() throws {
        guard SampleGrid.Statistic(rawValue: statistic) != nil else { throw ValidationError("--statistic must be median, mean, maximum or count") }
        guard resolution > 0, resolution <= 30 else { throw ValidationError("--resolution must be between 0 and 30 degrees") }
    }

    /// Runs the analysis on the chosen group and writes what was asked for.
    func run(_ ctx: PlasticContext, options base: PlasticGridAnalysis.Options, command: String) throws -> PlasticGridAnalysis {
        var options = base
        options.resolution = resolution
        options.statistic = SampleGrid.Statistic(rawValue: statistic)!
        let (group, values) = try ctx.chosen()
        ctx.noteOtherGroups(group)
        let analysis: PlasticGridAnalysis
        do { analysis = try PlasticGridAnalysis(group: group, values: values, options: options) } catch { throw CLIError.data("\(error)") }
        let cited = ctx.citations(analysis.values)
        if let out {
            do { try analysis.writeNetCDF(to: out, command: command, sources: cited) } catch { throw CLIError.data("writing \(out): \(error)") }
        }
        try write(geojson) { try analysis.cellsGeoJSON() }
        try write(samplesGeojson) { try analysis.samplesGeoJSON(ctx.samples) }
        try write(map) { Data(analysis.svg(regions: ctx.regions.regions).utf8) }
        return analysis
    }

    /// Writes a file atomically (a failed write leaves nothing behind).
    func write(_ path: String?, _ body: () throws -> Data) throws {
        guard let path else { return }
        do { try body().write(to: URL(fileURLWithPath: path), options: .atomic) } catch { throw CLIError.data("writing \(path): \(error)") }
    }
}

extension BlueWatch.Plastics {
    struct GridCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grid",
            abstract: "Bin one harmonised group of samples on a grid (WGS84 cell areas); optional IDW surface.",
            discussion: """
                Each cell gets its sample count, mean, median, minimum and maximum; cell areas are \
                exact on the WGS84 ellipsoid. --idw KM interpolates to every cell centre by inverse \
                geodesic distance (power 2, 12 nearest samples within KM).

                Examples:
                  bluewatch plastics grid --resolution 2 --out plastics.nc --map plastics.svg
                  bluewatch plastics grid --matrix surface_water --idw 300 --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var filters: PlasticFilterOptions
        @OptionGroup var grid: PlasticGridOptions

        @Option(help: ArgumentHelp("Also interpolate by inverse distance within this radius.", valueName: "km"))
        var idw: Double?

        func validate() throws {
            if let idw, idw <= 0 { throw ValidationError("--idw must be a positive radius in km") }
        }

        func run() throws {
            try reporting {
                let ctx = try PlasticContext(store: store, filters: filters)
                var options = PlasticGridAnalysis.Options()
                options.idwRadiusKm = idw
                let a = try grid.run(ctx, options: options, command: CommandLine.arguments.joined(separator: " "))
                try printCells(a, format: grid.format, spotsOnly: false, citations: ctx.citations(a.values))
            }
        }
    }

    struct HotSpots: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hotspots",
            abstract: "Getis-Ord Gi* hot and cold spots of one harmonised group, with a permutation test and FDR control.",
            discussion: """
                Gi* is computed on the cell statistic (median by default) with binary distance-band \
                weights (cells whose centres lie within --band-km, geodesic, each cell its own \
                neighbour), as PySAL's esda.G_Local(star=True). Significance: --permutations \
                conditional permutations per cell, then Benjamini-Hochberg at --alpha over all \
                cells. --seed makes the permutations reproducible.

                Examples:
                  bluewatch plastics hotspots --resolution 1 --map hotspots.svg
                  bluewatch plastics hotspots --band-km 500 --permutations 9999 --format json
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var filters: PlasticFilterOptions
        @OptionGroup var grid: PlasticGridOptions

        @Option(name: .customLong("band-km"), help: ArgumentHelp("Neighbourhood distance band (default: 3 cells at the equator).", valueName: "km"))
        var bandKm: Double?

        @Option(help: ArgumentHelp("Conditional permutations per cell (0: normal approximation).", valueName: "n"))
        var permutations = 999

        @Option(help: ArgumentHelp("False-discovery rate.", valueName: "q"))
        var alpha = 0.05

        @Option(help: ArgumentHelp("Random seed of the permutations.", valueName: "n"))
        var seed: UInt64 = 1

        func validate() throws {
            if let bandKm, bandKm <= 0 { throw ValidationError("--band-km must be positive") }
            guard permutations >= 0, permutations <= 99_999 else { throw ValidationError("--permutations must be between 0 and 99999") }
            guard alpha > 0, alpha < 1 else { throw ValidationError("--alpha must be between 0 and 1") }
        }

        func run() throws {
            try reporting {
                let ctx = try PlasticContext(store: store, filters: filters)
                var options = PlasticGridAnalysis.Options()
                options.hotSpots = true
                options.bandKm = bandKm
                options.permutations = permutations
                options.alpha = alpha
                options.seed = seed
                let a = try grid.run(ctx, options: options, command: CommandLine.arguments.joined(separator: " "))
                try printCells(a, format: grid.format, spotsOnly: true, citations: ctx.citations(a.values))
            }
        }
    }
}

/// Prints a grid analysis: a table (summary and the cells or spots), JSON, or CSV of the cells.
func printCells(_ a: PlasticGridAnalysis, format: FeatureFormat, spotsOnly: Bool, citations: [String]) throws {
    switch format {
    case .csv:
        Console.out(a.cellsCSV())
    case .geojson:
        Console.line(String(decoding: try a.cellsGeoJSON(onlySpots: spotsOnly), as: UTF8.self))
    case .json:
        struct Report: Encodable {
            var group: HarmonisedGroup
            var options: PlasticGridAnalysis.Options
            var samples: Int
            var unplaced: Int
            var cells: [PlasticGridAnalysis.Cell]
            var hotSpots: Int?
            var coldSpots: Int?
            var fdrThreshold: Double?
            var sources: [String]
        }
        try Console.json(Report(group: a.group, options: a.options, samples: a.values.count, unplaced: a.unplaced, cells: a.cellRows,
                                hotSpots: a.giStar?.hotSpots, coldSpots: a.giStar?.coldSpots, fdrThreshold: a.giStar?.fdrThreshold, sources: citations))
    default:
        let g = a.cells.grid
        Console.line("\(a.group)")
        Console.line("\(a.values.count.formatted) samples in \(a.cells.cells.count) cells of \(a.options.resolution)° (grid \(g.rows)×\(g.columns), \(g.south)…\(g.north)°N, \(g.west)…\(g.east)°E)\(a.unplaced > 0 ? "; \(a.unplaced) without coordinates not gridded" : "")")
        if let gi = a.giStar {
            Console.line("Gi* of the cell \(a.options.statistic.rawValue): band \(Int(a.options.band)) km, \(gi.permutations) permutations, FDR \(gi.alpha) → p ≤ \(String(format: "%.4g", gi.fdrThreshold)): \(gi.hotSpots) hot spots, \(gi.coldSpots) cold spots")
        }
        let rows = a.cellRows.filter { !spotsOnly || $0.spot != nil }
        let shown = spotsOnly ? rows.sorted { abs($0.giZ ?? 0) > abs($1.giZ ?? 0) } : rows.sorted { $0.median > $1.median }
        Console.line(spotsOnly ? "\nSpots (strongest first):" : "\nCells (highest median first\(rows.count > 25 ? ", 25 of \(rows.count); --format csv for all" : "")):")
        Console.line("  lat      lon       n    median      mean        max  unit\(a.giStar != nil ? "        z       p  spot" : "")")
        for r in shown.prefix(spotsOnly ? 200 : 25) {
            var line = String(format: "  %7.2f %8.2f %4d %@ %@ %@  %@", r.latitude, r.longitude, r.samples, formatValue(r.median).leftPad(9), formatValue(r.mean).leftPad(9),
                              formatValue(r.maximum).leftPad(9), a.group.unit.rawValue)
            if let z = r.giZ, let p = r.giP { line += String(format: " %8.2f %7.4f  %@", z, p, r.spot ?? "") }
            Console.line(line)
        }
        Console.line("\nSources: " + citations.joined(separator: "; "))
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
