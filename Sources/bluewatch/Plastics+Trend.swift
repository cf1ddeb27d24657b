import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import Foundation

extension BlueWatch.Plastics {
    struct TrendCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trend",
            abstract: "Trends of annual medians per region or per cell (Sen's slope, Mann-Kendall), within one harmonised group.",
            discussion: """
                Each calendar year with at least --min-per-year samples contributes its median; Sen's \
                slope (per year, 95% interval) and the Mann-Kendall test run on those medians in \
                year order. Three qualifying years at least; fewer say "too few years".

                Examples:
                  bluewatch plastics trend
                  bluewatch plastics trend --by cell --resolution 5 --format json
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var filters: PlasticFilterOptions

        @Option(help: ArgumentHelp("Trend per region (grids/regions.geojson) or per grid cell.", valueName: "region|cell"))
        var by = "region"

        @Option(help: ArgumentHelp("Cell size for --by cell, degrees.", valueName: "deg"))
        var resolution = 5.0

        @Option(name: .customLong("min-per-year"), help: ArgumentHelp("Samples a year needs to count.", valueName: "n"))
        var minPerYear = 3

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func validate() throws {
            guard ["region", "cell"].contains(by) else { throw ValidationError("--by must be region or cell") }
            guard minPerYear >= 1 else { throw ValidationError("--min-per-year must be at least 1") }
            guard resolution > 0, resolution <= 30 else { throw ValidationError("--resolution must be between 0 and 30 degrees") }
        }

        func run() throws {
            try reporting {
                let ctx = try PlasticContext(store: store, filters: filters)
                let (group, values) = try ctx.chosen()
                ctx.noteOtherGroups(group)
                let analysis = PlasticTrendAnalysis(group: group, values: values, regions: by == "region" ? ctx.regions.regions : [],
                                                    cellResolution: by == "cell" ? resolution : nil, minimumPerYear: minPerYear)
                switch format {
                case .json:
                    struct Report: Encodable { var group: HarmonisedGroup; var minimumPerYear: Int; var rows: [PlasticTrendAnalysis.Row]; var sources: [String] }
                    try Console.json(Report(group: group, minimumPerYear: minPerYear, rows: analysis.rows, sources: ctx.citations(values)))
                case .csv:
                    Console.line("area,name,years,first_year,last_year,sen_slope_per_year,sen_lower,sen_upper,mk_s,mk_z,mk_p,verdict,unit")
                    for r in analysis.rows {
                        let t = r.trend
                        let cols: [String] = [r.area, "\"\(r.name)\"", "\(t.years.count)", t.years.first.map { "\($0.year)" } ?? "", t.years.last.map { "\($0.year)" } ?? "",
                                              t.sen.map { "\($0.slope)" } ?? "", t.sen.map { "\($0.lower)" } ?? "", t.sen.map { "\($0.upper)" } ?? "",
                                              t.mannKendall.map { "\($0.s)" } ?? "", t.mannKendall.map { "\($0.z)" } ?? "", t.mannKendall.map { "\($0.p)" } ?? "",
                                              t.verdict, group.unit.rawValue]
                        Console.line(cols.joined(separator: ","))
                    }
                default:
                    Console.line("\(group): annual medians (years with ≥ \(minPerYear) samples)")
                    if analysis.rows.isEmpty { Console.line("  no \(by) has three qualifying years") }
                    for r in analysis.rows {
                        let t = r.trend
                        let span = t.years.first.map { "\($0.year)–\(t.years.last!.year)" } ?? "—"
                        var line = "  \(r.name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(t.years.count) years \(span)"
                        if let s = t.sen, let mk = t.mannKendall {
                            line += "  Sen \(formatValue(s.slope)) [\(formatValue(s.lower)), \(formatValue(s.upper))] \(group.unit.rawValue)/yr  MK p=\(String(format: "%.3f", mk.p))"
                        }
                        Console.line(line + "  \(t.verdict)")
                    }
                    Console.line("\nSources: " + ctx.citations(values).joined(separator: "; "))
                }
            }
        }
    }
}
