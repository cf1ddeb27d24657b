import ArgumentParser
import BlueWatchCore
import BlueWatchIngest
import BlueWatchExport
import Foundation
import NetCDF

extension BlueWatch {
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what a file holds, as BlueWatch understands it (nothing is stored).",
            discussion: """
                Detects the format, reads the file with the same reader `ingest` uses and prints its \
                provider, stations, series (units, sampling, span, missing values), grids, samples \
                and events, with any reading notes. A file BlueWatch cannot read gets the same error \
                `ingest` would give. For NetCDF the on-disk format and CF layout are shown too.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The file to describe.", valueName: "file"))
        var file: String

        @Option(help: "Output: table (text) or json.")
        var format: SummaryFormat = .table

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let reader = DatasetReader(catalog: resources.catalog)
                let kind: DataFormat
                switch reader.disposition(of: file) {
                case .skip(let reason):
                    Console.line("\(file): not a data file BlueWatch reads (\(reason))")
                    return
                case .read(let f): kind = f
                }
                let dataset: ParsedDataset
                do { dataset = try reader.read(file, as: kind) } catch { throw CLIError.data("\(error)") }
                if format == .json {
                    try printJSON(dataset, registry: resources.registry)
                    return
                }
                var lines: [String] = []
                lines.append("file       \(file)")
                lines.append("format     \(kind.summary)\(try netcdfDetail(kind))")
                lines.append("sha256     \(dataset.source.sha256)  (\(dataset.source.size.formatted) bytes)")
                lines.append("title      \(dataset.title)")
                if let p = dataset.provider { lines.append("provider   \(p)") }
                if let v = dataset.version { lines.append("version    \(v)") }
                if let l = dataset.licence { lines.append("licence    \(l)") }
                if let c = dataset.citation { lines.append("citation   \(c)") }
                if let d = dataset.doi { lines.append("doi        \(d)") }
                lines.append("content    \(dataset.contentSummary)")
                if !dataset.series.isEmpty {
                    let rows = dataset.series.map { p -> [String] in
                        let s = p.series
                        let station = (try? resources.registry.resolve(p.station))
                        return ["\(station?.id ?? "?") (\(p.station.provider):\(p.station.id))", p.descriptor.variable, p.descriptor.units,
                                p.descriptor.samplingLabel, UTCTime.iso(s.times.first ?? .nan), UTCTime.iso(s.times.last ?? .nan),
                                String(s.count), String(s.count - s.validCount), p.descriptor.isDerived ? "derived" : ""]
                    }
                    lines.append("")
                    lines.append(TextTable.renderPlain(header: ["station", "variable", "units", "sampling", "start", "end", "values", "missing", ""], rows: rows))
                }
                for g in dataset.grids {
                    lines.append("grid       \(g.variable) [\(g.units ?? "-")] \(g.nx) × \(g.ny) × \(g.nt); lat \(g.south)…\(g.north), lon \(g.west)…\(g.east)\(g.timeStart.map { ", from \(UTCTime.iso($0))" } ?? ""); \(g.missingCells) cells missing in step 1")
                }
                if !dataset.samples.isEmpty {
                    let groups = Dictionary(grouping: dataset.samples) { "\($0.matrix.rawValue) in \($0.unit.rawValue)" }
                    for (key, group) in groups.sorted(by: { $0.key < $1.key }) { lines.append("samples    \(group.count.formatted) \(key)") }
                }
                if let first = dataset.events.first, let last = dataset.events.last {
                    let mags = dataset.events.compactMap { $0.magnitude }
                    lines.append("events     \(dataset.events.count.formatted) from \(UTCTime.iso(first.time)) to \(UTCTime.iso(last.time)); magnitude \(mags.min() ?? .nan)–\(mags.max() ?? .nan)")
                }
                for note in dataset.notes { lines.append("note       \(note)") }
                Console.line(lines.joined(separator: "\n"))
            }
        }

        func netcdfDetail(_ kind: DataFormat) throws -> String {
            guard kind == .netcdf, let file = try? NetCDFFile.open(file) else { return "" }
            let variables = (try? file.root.variables().count) ?? 0
            return " (\((try? file.format()) ?? "?"), \(variables) variables, libnetcdf \(NetCDFFile.libraryVersion.split(separator: " ").first ?? ""))"
        }

        func printJSON(_ d: ParsedDataset, registry: StationRegistry) throws {
            struct SeriesInfo: Encodable { var station: String; var providerID: String; var variable: String; var units: String; var sourceUnits: String; var sampling: String; var start: String; var end: String; var values: Int; var missing: Int; var derived: Bool }
            struct Doc: Encodable {
                var file: String, format: String, sha256: String, size: Int, title: String
                var provider: String?, version: String?, licence: String?, citation: String?, doi: String?
                var series: [SeriesInfo]; var grids: [GridDescriptor]; var samples: Int; var events: Int; var notes: [String]
            }
            let series = d.series.map { p in
                SeriesInfo(station: (try? registry.resolve(p.station).id) ?? "?", providerID: "\(p.station.provider):\(p.station.id)", variable: p.descriptor.variable,
                           units: p.descriptor.units, sourceUnits: p.descriptor.sourceUnits, sampling: p.descriptor.samplingLabel,
                           start: UTCTime.iso(p.series.times.first ?? .nan), end: UTCTime.iso(p.series.times.last ?? .nan),
                           values: p.series.count, missing: p.series.count - p.series.validCount, derived: p.descriptor.isDerived)
            }
            let doc = Doc(file: file, format: d.format.rawValue, sha256: d.source.sha256, size: d.source.size, title: d.title, provider: d.provider,
                          version: d.version, licence: d.licence, citation: d.citation, doi: d.doi, series: series, grids: d.grids,
                          samples: d.samples.count, events: d.events.count, notes: d.notes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Console.line(String(decoding: try encoder.encode(doc), as: UTF8.self))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Summarise what the store holds.")

        @OptionGroup var store: StoreOptions

        @Option(help: "Output: table (text) or json.")
        var format: SummaryFormat = .table

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let db = try store.openStore(resources)
                let summary = try db.summary()
                if format == .json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    Console.line(String(decoding: try encoder.encode(summary), as: UTF8.self))
                } else {
                    Console.line(describe(summary, path: db.location))
                    if let last = summary.lastIngest { Console.line("last ingest \(UTCTime.iso(last.rounded()))") }
                }
            }
        }
    }
}

extension TextTable {
    /// A table without a trailing newline, for embedding in other output.
    static func renderPlain(header: [String], rows: [[String]]) -> String {
        String(render(header: header, rows: rows).dropLast())
    }
}
