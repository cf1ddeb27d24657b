import ArgumentParser
import BlueWatchCore
import BlueWatchExport
import BlueWatchStore
import Foundation

extension BlueWatch {
    struct Series: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List and export stored series.",
            subcommands: [List.self, Export.self],
            defaultSubcommand: List.self)
    }
}

extension BlueWatch.Series {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the series of one station, or of all.",
            discussion: """
                The same observations often arrive in several files (a PSMSL record as .rlrdata and \
                in a CF NetCDF, a DART record as NDBC text and NetCDF, fast-delivery and \
                research-quality versions). Such copies are recognised at ingest (same variable and \
                sampling, equal values on common times) and one is canonical: research quality > \
                unspecified > fast delivery > derived, then the most values, then the first stored. \
                Every command uses the canonical record; the others are listed here as "copy of ID" \
                and can be named with `series export --series ID`.

                Examples:
                  bluewatch series list honolulu
                  bluewatch series list --format csv > series.csv
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("A station id (see `bluewatch stations`); all stations when omitted.", valueName: "station"))
        var station: String?

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let db = try store.openStore(resources)
                if let station, try db.station(id: station) == nil { throw CLIError.data("no station '\(station)'") }
                let records = try db.seriesList(stationID: station, includeAlternates: true)
                let datasets = Dictionary(uniqueKeysWithValues: try db.datasets().map { ($0.id!, $0) })
                let header = ["id", "station", "variable", "units", "sampling", "start", "end", "values", "missing", "derived", "role", "version", "source"]
                let rows = records.map { r -> [String] in
                    [String(r.id!), r.stationId, r.variable, r.units, r.descriptor.samplingLabel, UTCTime.isoDate(r.timeStart), UTCTime.isoDate(r.timeEnd),
                     String(r.valueCount), String(r.valueCount - r.validCount), r.isDerived ? "yes" : "no",
                     r.canonicalId.map { "copy of \($0)" } ?? "canonical", datasets[r.datasetId]?.version.map { String($0.prefix(24)) } ?? "",
                     datasets[r.datasetId].map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "?"]
                }
                switch format {
                case .json:
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    Console.line(String(decoding: try encoder.encode(records), as: UTF8.self))
                case .csv:
                    Console.out(([header] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n") + "\n")
                default:
                    Console.out(TextTable.render(header: header, rows: rows))
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one series as CSV, JSON or CF-1.8 NetCDF.",
            discussion: """
                Choose the series by station and variable (and sampling when a station has several), \
                or by its id from `bluewatch series list`. Values are in metres for lengths, times \
                in UTC; each value carries its QARTOD flag. NetCDF output follows CF-1.8 \
                (featureType timeSeries) and ACDD-1.3 and is written atomically.

                Examples:
                  bluewatch series export honolulu --sampling hourly --format csv > hnl.csv
                  bluewatch series export suva --series 12 --from 1993 --to 2020 \\
                      --format netcdf --out suva.nc
                  bluewatch series export honolulu --sampling hourly --datum MHHW > hnl.csv

                --datum gives heights above a tidal datum (MHHW, MLLW, …) instead of the record's \
                datum: the datum's height comes from the harmonic prediction over 1983–2001 of the \
                station's longest hourly record (`bluewatch tides datums`), which must share the \
                record's station datum; the output says which datum and how it was computed.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Station id.", valueName: "station"))
        var station: String

        @Option(help: "Variable (sea_level, sea_level_residual, water_column_height, …).")
        var variable = SeriesKind.seaLevel.variable

        @Option(help: ArgumentHelp("Sampling label to pick among several series: 1 min, hourly, monthly, annual, ….", valueName: "label"))
        var sampling: String?

        @Option(help: ArgumentHelp("Series id (from `series list`); overrides --variable and --sampling.", valueName: "id"))
        var series: Int64?

        @Option(help: ArgumentHelp("Start: YYYY, YYYY-MM, YYYY-MM-DD or an ISO time (UTC).", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("End (inclusive), same forms as --from.", valueName: "date"))
        var to: String?

        @Option(help: ArgumentHelp("Heights above this tidal datum (\(TidalDatums.levelNames.joined(separator: ", "))) instead of the record's datum.", valueName: "datum"))
        var datum: String?

        @Option(help: "Output: csv, json or netcdf.")
        var format: SeriesFileFormat = .csv

        @Option(name: [.customShort("o"), .customLong("out"), .customLong("output")],
                help: ArgumentHelp("Output file (required for netcdf; default standard output). --output is the older name.", valueName: "file"))
        var output: String?

        func validate() throws {
            if format == .netcdf && output == nil { throw ValidationError("--format netcdf needs --out FILE") }
            let start = try parseTimeOption(from, end: false, name: "from"), end = try parseTimeOption(to, end: true, name: "to")
            if let start, let end, end < start { throw ValidationError("--to is before --from") }
            if let datum, !TidalDatums.levelNames.contains(datum.uppercased()) {
                throw ValidationError("--datum must be one of \(TidalDatums.levelNames.joined(separator: ", "))")
            }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let db = try store.openStore(resources)
                guard let site = try db.station(id: station) else { throw CLIError.data("no station '\(station)' (see `bluewatch stations`)") }
                // Copies of a canonical record are used only when named with --series.
                let all = try db.seriesList(stationID: station, includeAlternates: series != nil)
                let candidates: [SeriesRecord]
                if let series {
                    candidates = all.filter { $0.id == series }
                    if candidates.isEmpty { throw CLIError.data("station '\(station)' has no series \(series)") }
                } else {
                    candidates = all.filter { $0.variable == variable && (sampling == nil || $0.descriptor.samplingLabel == sampling) }
                }
                guard let record = candidates.first else {
                    throw CLIError.data("station '\(station)' has no \(variable) series\(sampling.map { " sampled \($0)" } ?? ""); it has: \(Set(all.map { "\($0.variable) (\($0.descriptor.samplingLabel))" }).sorted().joined(separator: ", "))")
                }
                if candidates.count > 1 {
                    let list = candidates.map { "  \($0.id!): \($0.descriptor.samplingLabel), \(UTCTime.isoDate($0.timeStart)) to \(UTCTime.isoDate($0.timeEnd)), \($0.valueCount) values" }
                    throw CLIError.data("station '\(station)' has \(candidates.count) \(variable) series; choose one with --series ID or --sampling:\n" + list.joined(separator: "\n"))
                }
                let start = try parseTimeOption(from, end: false, name: "from"), end = try parseTimeOption(to, end: true, name: "to")
                var values = try db.readSeries(id: record.id!, from: start, to: end)
                if values.isEmpty { throw CLIError.data("series \(record.id!) has no values between \(from ?? "its start") and \(to ?? "its end")") }
                guard let dataset = try db.datasets().first(where: { $0.id == record.datasetId }) else { throw CLIError.data("dataset of series \(record.id!) is missing") }
                var shown = record
                if let datum {
                    guard record.units == "m", record.kind == .seaLevel || record.kind == .seaLevelMonthlyMaximum else {
                        throw CLIError.usage("--datum applies to sea-level heights in metres (a residual or a depth has no tidal datum); \(record.variable) is not one")
                    }
                    let station = resources.registry.station(id: site.id) ?? site
                    let tidal = try store.tidalDatum(datum.uppercased(), station: station, resources: resources)
                    for i in values.values.indices { values.values[i] -= tidal.height }
                    shown.datum = String(format: "%@ (%.4f m above %@; %@)", tidal.name, tidal.height, record.datum ?? "the record's datum", tidal.origin)
                }
                let export = SeriesExport(station: site, record: shown, dataset: dataset, series: values)
                switch format {
                case .netcdf:
                    do {
                        try SeriesExporter.netcdf(export, to: output!, command: CommandLine.arguments.joined(separator: " "), software: "bluewatch \(BlueWatch.version)")
                    } catch { throw CLIError.data("cannot write \(output!): \(error)") }
                    Console.error("wrote \(output!): \(values.count) values of \(record.variable) at \(station)")
                case .json:
                    try write(try SeriesExporter.json(export))
                default:
                    try write(Data(SeriesExporter.csv(export).utf8))
                }
            }
        }

        func write(_ data: Data) throws {
            guard let output else { FileHandle.standardOutput.write(data); return }
            do { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                throw CLIError.data("cannot write \(output): \(error.localizedDescription)")
            }
        }
    }
}
