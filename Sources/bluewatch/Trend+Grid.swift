import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import Foundation

extension BlueWatch.Trend {
    struct Grid: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per-cell trends of a gridded sea-level file, written as CF-1.8 NetCDF.",
            discussion: """
                The station model for every cell (trend, plus annual and semi-annual cycles when the \
                file spans two years of monthly or finer steps; --model linear to match `cdo trend`), \
                NaN-aware, AR(1)-corrected standard errors, streamed in latitude bands and computed in \
                parallel. Output variables: trend, trend_standard_error, trend_lower, trend_upper, \
                p_value, lag1_autocorrelation, count (mm/yr); with --robust also sen_slope, sen_lower, \
                sen_upper, mann_kendall_p. --region adds the trend of the region's \
                area-weighted mean (geodesic cell areas; regions in grids/regions.geojson).

                Large grids: --jobs N runs N tiles (bands of rows) as parallel processes and joins \
                them; --tile I/N computes only part I (from 1) of N, for your own scheduler; \
                `bluewatch trend merge part-*.nc --out FILE` joins parts into the file the untiled \
                run writes (every variable bit for bit); --slurm DIR writes a Slurm job array of \
                --jobs tiles and a dependent merge job (submit with DIR/submit.sh).

                Examples:
                  bluewatch trend grid sla.nc --var sla --out sla-trend.nc
                  bluewatch trend grid sla.nc --var sla --bbox 100,0,125,25 \\
                      --region south-china-sea
                  bluewatch trend grid sla.nc --var sla --jobs 2 --out sla-trend.nc
                  bluewatch trend grid sla.nc --var sla --tile 1/4 --out part-1.nc
                  bluewatch trend grid sla.nc --var sla --jobs 8 --slurm jobs --out sla-trend.nc
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("A NetCDF file with a latitude/longitude/time grid.", valueName: "file"))
        var file: String

        @Option(name: [.customLong("var"), .customLong("variable")], help: ArgumentHelp("The grid variable (e.g. sla, adt).", valueName: "name"))
        var variable: String

        @Option(help: ArgumentHelp("Box west,south,east,north in degrees (the order of OGC and of the service's bbox=).", valueName: "w,s,e,n"))
        var bbox: String?

        @Option(help: "Model: auto, linear or seasonal.")
        var model: GridTrendRunner.ModelChoice = .auto

        @Option(help: ArgumentHelp("Minimum valid time steps per cell (default two thirds of the steps).", valueName: "n"))
        var minCount: Int?

        @Flag(help: "Also Sen's slope (with its interval) and the Mann-Kendall p-value per cell; O(steps²) per cell.")
        var robust = false

        @Option(name: .shortAndLong, help: ArgumentHelp("Output NetCDF file.", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Also report the trend of this region's area-weighted mean (repeatable).", valueName: "id"))
        var region: [String] = []

        @Option(help: "Summary output: table or json.")
        var format: SummaryFormat = .table

        @Option(help: ArgumentHelp("Compute only part I (from 1) of N of the rows; join parts with `trend merge`.", valueName: "I/N"))
        var tile: String?

        @Option(help: ArgumentHelp("Tiles run as parallel processes on this machine (or, with --slurm, array tasks).", valueName: "n"))
        var jobs: Int?

        @Option(help: ArgumentHelp("Write a Slurm job array of --jobs tiles and a dependent merge job into this folder instead of running.", valueName: "dir"))
        var slurm: String?

        @Option(name: .customLong("sbatch"), help: ArgumentHelp("An extra #SBATCH option for --slurm scripts (repeatable), e.g. --sbatch partition=compute.", valueName: "option"))
        var sbatchOptions: [String] = []

        func box() throws -> GridTrendRunner.Box? {
            guard let bbox else { return nil }
            let v = bbox.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard v.count == 4, v[1] < v[3], v.allSatisfy(\.isFinite) else { throw ValidationError("--bbox needs west,south,east,north (as OGC orders them) with south < north") }
            return GridTrendRunner.Box(south: v[1], north: v[3], west: v[0], east: v[2])
        }

        func validate() throws {
            _ = try box()
            if let minCount, minCount < 3 { throw ValidationError("--min-count must be at least 3") }
            if let tile {
                do { _ = try GridTrendRunner.Tile(parsing: tile) } catch { throw ValidationError("--tile: \(error)") }
                if jobs != nil || slurm != nil { throw ValidationError("--tile computes one part; it does not combine with --jobs or --slurm") }
                if out == nil { throw ValidationError("--tile needs --out for the part file") }
            }
            if let jobs, !(1...10_000).contains(jobs) { throw ValidationError("--jobs must be 1 to 10000") }
            if slurm != nil && (out == nil || jobs == nil) { throw ValidationError("--slurm needs --jobs (the number of tiles) and --out (the merged file)") }
            if !sbatchOptions.isEmpty && slurm == nil { throw ValidationError("--sbatch only applies with --slurm") }
        }

        /// The arguments of one tile's process (after the executable).
        func tileArguments(tile: String, part: String, quoted: Bool) -> [String] {
            let q = { (s: String) in quoted ? GridTrendTiles.shellQuote(s) : s }
            var a = ["trend", "grid", q(absolute(file)), "--var", q(variable), "--model", model.rawValue, "--tile", tile, "--out", part]
            if let bbox { a += ["--bbox", q(bbox)] }
            if let minCount { a += ["--min-count", "\(minCount)"] }
            if robust { a.append("--robust") }
            return a
        }

        func absolute(_ path: String) -> String {
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
        }

        /// This executable, for child processes and job scripts.
        static func executable() -> String {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        }

        func run() throws {
            try reporting {
                let started = Date()
                if let slurm, let jobs, let out {
                    try writeSlurm(directory: absolute(slurm), jobs: jobs, out: absolute(out))
                    return
                }
                var runner = GridTrendRunner(variable: variable, box: try box(), model: model, minimumCount: minCount)
                runner.robust = robust
                do { runner.tile = try tile.map { try GridTrendRunner.Tile(parsing: $0) } } catch { throw CLIError.data("\(error)") }
                let result: GridTrendResult
                do {
                    if let jobs, jobs > 1 {
                        let parts = (out.map(absolute) ?? absolute("bluewatch-trend")) + ".parts-\(getpid())"
                        defer { try? FileManager.default.removeItem(atPath: parts) }
                        result = try GridTrendTiles.runLocally(count: jobs, parallel: jobs, directory: parts, executable: Self.executable(),
                                                               command: { tileArguments(tile: $0.description, part: $1, quoted: false) }) { done, total in
                            if Console.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[Ktiles \(done)/\(total)".utf8)) }
                        }
                    } else {
                        result = try runner.run(path: file) { done, total in
                            if Console.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[Kbands \(done)/\(total)".utf8)) }
                        }
                    }
                } catch { throw CLIError.data("\(error)") }
                if Console.stderrIsTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                if let out {
                    do { try result.write(to: out, command: CommandLine.arguments.joined(separator: " ")) } catch { throw CLIError.data("cannot write \(out): \(error)") }
                }
                var regional: [RegionalTrend] = []
                if !region.isEmpty {
                    let root = store.home ?? ResourceLocator.home() ?? "."
                    let catalog: RegionCatalog
                    do { catalog = try RegionCatalog(contentsOf: root + "/grids/regions.geojson") } catch { throw CLIError.configuration("\(error)") }
                    for id in region {
                        guard let polygon = catalog.regions.first(where: { $0.id == id }) else {
                            throw CLIError.usage("unknown region '\(id)'; known: \(catalog.regions.map { $0.id }.joined(separator: ", "))")
                        }
                        do { regional.append(try RegionalTrend.compute(path: file, variable: variable, region: polygon)) } catch { throw CLIError.data("\(error)") }
                    }
                }
                let trends = result.cells.map { $0.trend }.filter { !$0.isNaN }.sorted()
                if format == .json {
                    struct Summary: Encodable {
                        var file: String; var variable: String; var cells: Int; var fitted: Int; var model: [String]; var steps: Int
                        var medianTrend: Double?; var output: String?; var seconds: Double; var regions: [RegionalTrend]; var warnings: [String]
                    }
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "NaN")
                    let summary = Summary(file: file, variable: variable, cells: result.cells.count, fitted: trends.count, model: result.model.columns,
                                          steps: result.times.count, medianTrend: trends.isEmpty ? nil : trends[trends.count / 2], output: out,
                                          seconds: Date().timeIntervalSince(started), regions: regional, warnings: result.warnings)
                    Console.line(String(decoding: try encoder.encode(summary), as: UTF8.self))
                } else {
                    Console.line("\(variable): \(result.ny) × \(result.nx) cells, \(result.times.count) steps \(UTCTime.isoDate(result.times.first!))…\(UTCTime.isoDate(result.times.last!)); model \(result.model.columns.joined(separator: " + "))")
                    for w in result.warnings { Console.line("warning: \(w)") }
                    if trends.isEmpty {
                        Console.line("no cell has \(result.minimumCount) valid steps")
                    } else {
                        Console.line(String(format: "%d cells fitted (of %d); trend median %.2f mm/yr, 5–95%% %.2f to %.2f mm/yr", trends.count, result.cells.count,
                                            trends[trends.count / 2], trends[trends.count / 20], trends[trends.count * 19 / 20]))
                    }
                    for r in regional {
                        if let t = r.trend {
                            Console.line(String(format: "%@: %+.2f mm/yr [%.2f, %.2f] over %d cells (%.0f km²)%@", r.regionName, t.ols.estimate, t.ols.lower, t.ols.upper,
                                                r.cells, r.areaSquareKilometres, t.meaningful ? "" : " — not meaningful: " + t.reasons.joined(separator: "; ")))
                        } else {
                            Console.line("\(r.regionName): \(r.failure ?? "no trend")")
                        }
                    }
                    if let out { Console.line("wrote \(out)") }
                }
            }
        }
    }
}

extension BlueWatch.Trend.Grid {
    /// Writes the job array, the merge job and submit.sh into `directory`.
    func writeSlurm(directory: String, jobs: Int, out: String) throws {
        let exe = Self.executable()
        let scripts = GridTrendTiles.slurmScripts(
            count: jobs, directory: directory, executable: exe, options: sbatchOptions,
            tileCommand: { tileArguments(tile: $0, part: $1, quoted: true) },
            mergeCommand: { ["trend", "merge"] + $0 + ["--out", GridTrendTiles.shellQuote(out)] })
        do {
            for sub in ["", "/logs", "/parts"] { try FileManager.default.createDirectory(atPath: directory + sub, withIntermediateDirectories: true) }
            for (name, text) in scripts {
                let path = directory + "/" + name
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
        } catch { throw CLIError.data("cannot write the Slurm scripts in \(directory): \(error)") }
        Console.line("wrote \(directory)/trend-tiles.sbatch (array of \(jobs) tiles), trend-merge.sbatch (runs after all succeed, writes \(out)) and submit.sh")
        Console.line("submit with: \(directory)/submit.sh")
    }
}

extension BlueWatch.Trend {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join the parts of a tiled grid trend into one NetCDF file.",
            discussion: """
                The parts written by `bluewatch trend grid … --tile I/N --out PART` (in any order) \
                become the file the untiled run writes, every variable bit for bit. Every part \
                1…N must be given once, from the same source file, variable and options; the \
                source file must still be readable (its times and attributes are copied).

                Example:
                  bluewatch trend merge part-*.nc --out sla-trend.nc
                """)

        @Argument(help: ArgumentHelp("The part files.", valueName: "part"))
        var parts: [String]

        @Option(name: .shortAndLong, help: ArgumentHelp("The merged NetCDF file.", valueName: "file"))
        var out: String

        func run() throws {
            try reporting {
                let result: GridTrendResult
                do { result = try GridTrendResult.merge(parts: parts) } catch { throw CLIError.data("\(error)") }
                do { try result.write(to: out, command: CommandLine.arguments.joined(separator: " ")) } catch { throw CLIError.data("cannot write \(out): \(error)") }
                Console.line("\(result.variable): \(parts.count) parts, \(result.ny) × \(result.nx) cells, \(result.fittedCells) fitted; wrote \(out)")
            }
        }
    }
}

extension GridTrendRunner.ModelChoice: ExpressibleByArgument {}
