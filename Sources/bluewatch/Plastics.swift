import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation
import Geodesy

extension BlueWatch {
    struct Plastics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Microplastics: harmonised groups, gridding, hot spots (Gi*), regional trends.",
            discussion: """
                Samples taken with different nets, mesh sizes, depths and units are never averaged \
                together. Every analysis works on one harmonised group: the same matrix (surface \
                water, water column, sediment, beach), unit (pieces/L is converted to pieces/m³; \
                pieces/km² and pieces/m³ meet only with --tow-depth), sampling method and mesh-size \
                class. `summary` lists the groups; the other commands take the largest group of the \
                selection unless --group names one.
                """,
            subcommands: [Summary.self, GridCommand.self, HotSpots.self, TrendCommand.self])
    }
}

/// Filters and harmonisation shared by the plastics commands.
struct PlasticFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Keep one matrix: surface_water, water_column, sediment or beach.", valueName: "matrix"))
    var matrix: String?

    @Option(help: ArgumentHelp("Express values in this unit (pieces/m3, pieces/L, pieces/km2, 'pieces/kg dw', pieces/sample); samples that do not convert are left out and counted.", valueName: "unit"))
    var unit: String?

    @Option(help: ArgumentHelp("Keep samples whose sampling method contains this text (e.g. neuston).", valueName: "text"))
    var method: String?

    @Option(name: .customLong("tow-depth"), help: ArgumentHelp("Allow pieces/km² ↔ pieces/m³: 'recorded' uses each sample's own depth, a number (metres) is used where none is recorded.", valueName: "recorded|m"))
    var towDepth: String?

    @Option(help: ArgumentHelp("Samples from this date (2010, 2010-03, 2010-03-11).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Samples up to this date.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("Samples inside this region of grids/regions.geojson (e.g. south-china-sea).", valueName: "id"))
    var region: String?

    @Option(help: ArgumentHelp("The harmonised group to analyse, by the key `plastics summary` prints (default: the largest).", valueName: "key"))
    var group: String?

    func validate() throws {
        if let matrix, PlasticMatrix(rawValue: matrix) == nil {
            throw ValidationError("--matrix must be one of \(PlasticMatrix.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let unit, PlasticUnit(rawValue: unit) == nil && PlasticUnit(parsing: unit) == nil {
            throw ValidationError("--unit must be one of \(PlasticUnit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let towDepth, towDepth != "recorded", (Double(towDepth) ?? 0) <= 0 {
            throw ValidationError("--tow-depth must be 'recorded' or a depth in metres greater than 0")
        }
    }

    func selection(regions: RegionCatalog) throws -> PlasticSelection {
        var s = PlasticSelection()
        s.harmoniser = PlasticHarmoniser(
            unit: unit.flatMap { PlasticUnit(rawValue: $0) ?? PlasticUnit(parsing: $0) },
            towDepth: towDepth.map { $0 == "recorded" ? .recorded : .assumed(Double($0)!) } ?? .never,
            matrix: matrix.flatMap(PlasticMatrix.init(rawValue:)), methodContains: method)
        s.from = try parseTimeOption(from, end: false, name: "--from")
        s.to = try parseTimeOption(to, end: true, name: "--to")
        if let region {
            guard let polygon = regions.regions.first(where: { $0.id == region }) else {
                throw CLIError.usage("unknown region '\(region)'; known: \(regions.regions.map(\.id).joined(separator: ", "))")
            }
            s.region = polygon
        }
        s.groupKey = group
        return s
    }
}

/// What every plastics command loads: the selected samples, their harmonised groups and the
/// datasets they come from.
struct PlasticContext {
    let samples: [PlasticSample]
    let datasetIDs: [Int64]
    let harmonised: PlasticHarmoniser.Result
    let sources: [PlasticSource]
    let regions: RegionCatalog
    let selection: PlasticSelection

    init(store: StoreOptions, filters: PlasticFilterOptions) throws {
        let resources = try store.resources()
        guard let root = store.home ?? ResourceLocator.home() else { throw CLIError.configuration("cannot find grids/regions.geojson") }
        do { regions = try RegionCatalog(contentsOf: root + "/grids/regions.geojson") } catch { throw CLIError.configuration("\(error)") }
        selection = try filters.selection(regions: regions)
        let db = try store.openStore(resources)
        (samples, datasetIDs) = try selection.samples(from: db)
        harmonised = selection.harmoniser.harmonise(samples)
        sources = try db.plasticSources()
    }

    func chosen() throws -> (HarmonisedGroup, [HarmonisedValue]) {
        do { return try selection.chooseGroup(harmonised) } catch { throw CLIError.data("\(error)") }
    }

    /// The datasets behind some values, as "title (file, sha256 12…)".
    func citations(_ values: [HarmonisedValue]) -> [String] {
        let ids = Set(values.map { datasetIDs[$0.sample] })
        return sources.filter { ids.contains($0.dataset.id!) }.map { "\($0.dataset.title) (\(URL(fileURLWithPath: $0.dataset.path).lastPathComponent), sha256 \($0.dataset.sha256.prefix(12)))" }
    }

    /// A note on stderr when the selection holds groups other than the one analysed.
    func noteOtherGroups(_ chosen: HarmonisedGroup) {
        let others = harmonised.ordered.filter { $0 != chosen }
        guard !others.isEmpty else { return }
        Console.error("note: analysing \(chosen.key) (\(harmonised.groups[chosen]!.count) samples); \(others.count) other group(s) not mixed in: "
                      + others.prefix(4).map { "\($0.key) (\(harmonised.groups[$0]!.count))" }.joined(separator: ", ")
                      + (others.count > 4 ? ", …" : "") + "; choose with --group")
    }
}

func formatValue(_ v: Double) -> String { String(format: abs(v) >= 1000 || (abs(v) < 0.001 && v != 0) ? "%.3e" : "%.4g", v) }

extension BlueWatch.Plastics {
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What microplastic data there is: sources, dropped rows, harmonised groups, region summaries.",
            discussion: """
                Examples:
                  bluewatch plastics summary
                  bluewatch plastics summary --matrix surface_water --region philippine-sea \\
                      --format json
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var filters: PlasticFilterOptions

        @Option(help: "Output: table or json.")
        var format: SummaryFormat = .table

        func validate() throws {
        }

        struct GroupReport: Encodable {
            var key: String
            var group: HarmonisedGroup
            var samples: Int
            var withPosition: Int
            var regions: [PlasticRegionSummary]
            var sources: [String]
        }
        struct SourceReport: Encodable {
            var dataset: String
            var path: String
            var sha256: String
            var samples: Int
            var dropped: Int
            var droppedReasons: [String: Int]
        }
        struct Report: Encodable {
            var sources: [SourceReport]
            var groups: [GroupReport]
            var excluded: [String: Int]
        }

        func run() throws {
            try reporting {
                let ctx = try PlasticContext(store: store, filters: filters)
                let sources = ctx.sources.map { s in
                    SourceReport(dataset: s.dataset.title, path: s.dataset.path, sha256: s.dataset.sha256, samples: s.samples, dropped: s.rejected.count,
                                 droppedReasons: Dictionary(uniqueKeysWithValues: s.rejected.tally.map { ($0.reason, $0.count) }))
                }
                let groups = ctx.harmonised.ordered.map { g in
                    let values = ctx.harmonised.groups[g]!
                    return GroupReport(key: g.key, group: g, samples: values.count, withPosition: values.filter { $0.latitude != nil }.count,
                                       regions: PlasticRegionSummary.summarise(values, unit: g.unit, regions: ctx.regions.regions),
                                       sources: ctx.citations(values))
                }
                let report = Report(sources: sources, groups: groups, excluded: ctx.harmonised.excluded)
                if format == .json { try Console.json(report); return }
                guard !ctx.samples.isEmpty else { throw CLIError.data("\(PlasticAnalysisError.noSamples)") }
                Console.line("Sources (\(sources.count)):")
                for s in sources {
                    Console.line("  \(s.dataset): \(s.samples.formatted) samples\(s.dropped > 0 ? ", \(s.dropped) rows dropped at ingest" : "")")
                    for (reason, n) in s.droppedReasons.sorted(by: { $0.value > $1.value }) { Console.line("      \(n) × \(reason)") }
                }
                Console.line("\nHarmonised groups (values are averaged only within a group):")
                for g in groups {
                    Console.line("  \(g.key)\n    \(g.group)  —  \(g.samples.formatted) samples, \(g.withPosition.formatted) with coordinates")
                    for r in g.regions {
                        let years = r.firstYear.map { "\($0)–\(r.lastYear!)" } ?? "undated"
                        let classes = r.classes.isEmpty ? "" : "  NCEI classes: " + ConcentrationClass.allCases.compactMap { c in r.classes[c.rawValue].map { "\(c.rawValue) \($0)" } }.joined(separator: ", ")
                        Console.line("      \(r.regionName.padding(toLength: 28, withPad: " ", startingAt: 0)) n=\(r.samples)  \(years)  median \(formatValue(r.median))  p90 \(formatValue(r.p90))  max \(formatValue(r.maximum)) \(g.group.unit.rawValue)\(classes)")
                    }
                }
                if !ctx.harmonised.excluded.isEmpty {
                    Console.line("\nLeft out:")
                    for (reason, n) in ctx.harmonised.excluded.sorted(by: { $0.value > $1.value }) { Console.line("  \(n) × \(reason)") }
                }
            }
        }
    }
}
