import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import BlueWatchIngest
import BlueWatchStore
import Foundation

extension BlueWatch {
    struct Tides: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tidal harmonic analysis, prediction and non-tidal residuals.",
            subcommands: [Analyse.self, Predict.self, HighLow.self, Datums.self, Constituents.self],
            defaultSubcommand: Analyse.self)
    }
}

/// Options shared by `tides analyse` and `tides predict`: which record, and how to fit it.
struct TideFitOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A station id or a data file (read without storing).", valueName: "station|file"))
    var target: String

    @Option(help: ArgumentHelp("Constituents: auto (Rayleigh criterion) or a comma-separated list such as M2,S2,N2,K1,O1.", valueName: "auto|list"))
    var constituents = "auto"

    @Option(help: ArgumentHelp("Rayleigh factor for auto selection (1 = conventional; lower admits closer pairs).", valueName: "r"))
    var rayleigh = 1.0

    @Flag(help: "Robust fit: iteratively reweighted least squares with Cauchy weights (UTide's robust option).")
    var robust = false

    @Flag(help: "Do not fit a linear trend with the mean.")
    var noTrend = false

    @Flag(help: "Confidence intervals from a white residual spectrum (default: the residual spectrum in each tidal band).")
    var white = false

    @Flag(help: "Use values flagged suspect too.")
    var admitSuspect = false

    @Option(help: ArgumentHelp("Latitude in degrees north, when the registry or file does not give it.", valueName: "deg"))
    var latitude: Double?

    @Option(help: ArgumentHelp("Which stored record, by id (see `bluewatch series list STATION`), when a station has several.", valueName: "id"))
    var series: Int64?

    func tideOptions() throws -> TideOptions {
        var o = TideOptions()
        if constituents.lowercased() != "auto" {
            let names = constituents.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for name in names where TideConstituentTable.named(name) == nil {
                throw ValidationError("unknown constituent '\(name)'; `bluewatch tides constituents` lists them")
            }
            o.constituents = .named(names)
        } else {
            o.constituents = .automatic(rayleigh: rayleigh)
        }
        o.robust = robust
        o.includesTrend = !noTrend
        o.whiteNoise = white
        o.admitSuspect = admitSuspect
        return o
    }

    func validateCommon() throws {
        _ = try tideOptions()
        if rayleigh <= 0 { throw ValidationError("--rayleigh must be positive") }
        if let latitude, !(-90...90).contains(latitude) { throw ValidationError("--latitude must be within ±90") }
    }

    /// The records to analyse: a file's tidal series, or a station's stored ones.
    func records(_ runner: TideRunner, store: StoreOptions, resources: Resources) throws -> [TideRunner.Record] {
        let records: [TideRunner.Record]
        if FileManager.default.fileExists(atPath: target) {
            records = try runner.records(file: try resources.readChecked(target), registry: resources.registry)
            if records.isEmpty { throw CLIError.data("\(target) holds no measured \(runner.variable) record sampled at 3 hours or finer") }
        } else {
            let db = try store.openStore(resources)
            guard let station = try db.station(id: target) else {
                throw CLIError.usage("'\(target)' is neither a file nor a station id (see `bluewatch stations`)")
            }
            records = try runner.records(station: resources.registry.station(id: station.id) ?? station, store: db, seriesId: series)
            if records.isEmpty {
                throw CLIError.data(series.map { "station '\(target)' has no stored record \($0)" }
                                    ?? "station '\(target)' has no stored \(runner.variable) record sampled at 3 hours or finer; ingest one or give a file")
            }
        }
        return records
    }
}

extension BlueWatch.Tides {
    struct Analyse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "analyse",
            abstract: "Harmonic constants of a station's sea-level record (or a file's).",
            discussion: """
                Least-squares harmonic analysis as UTide does it (Codiga 2011): the mean, a linear \
                trend and the constituents the record resolves by the Rayleigh criterion (from the \
                146 of UTide/T_TIDE, shallow-water ones included), with nodal corrections and \
                astronomical arguments evaluated along the record; gappy and irregular sampling are \
                fine. 95% intervals come from the residual spectrum in each tidal band; SNR = \
                (A/σ_A)², and constituents with SNR < 2 cannot be told from noise. Correct at the \
                equator (UTide fails at latitude 0). Values flagged fail or missing are never used; \
                suspect ones only with --admit-suspect. Method: Docs/METHODS.md.

                Examples:
                  bluewatch tides analyse honolulu
                  bluewatch tides analyse ../shared/data/sealevel/hourly/HNL2010.asc \\
                      --format json
                  bluewatch tides analyse nukualofa --constituents M2,S2,N2,K1,O1 --robust
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var fit: TideFitOptions

        @Option(help: ArgumentHelp("Start of the span to analyse: YYYY, YYYY-MM, YYYY-MM-DD or ISO time (UTC).", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("End of the span (inclusive), same forms.", valueName: "date"))
        var to: String?

        @Flag(help: "List constituents with SNR < 2 in the table too.")
        var all = false

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func validate() throws {
            try fit.validateCommon()
            _ = try parseTimeOption(from, end: false, name: "from")
            _ = try parseTimeOption(to, end: true, name: "to")
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let runner = TideRunner(options: try fit.tideOptions(), from: try parseTimeOption(from, end: false, name: "from"),
                                        to: try parseTimeOption(to, end: true, name: "to"), latitude: fit.latitude)
                let reports = try fit.records(runner, store: store, resources: resources).map { runner.analyse($0) }
                try print(reports)
                if reports.allSatisfy({ $0.fit == nil }) { throw CLIError.data("no record could be analysed") }
            }
        }

        func print(_ reports: [TideReport]) throws {
            switch format {
            case .json:
                try Console.json(reports)
            case .csv:
                var lines = ["station,series,constituent,frequency_cph,amplitude_m,amplitude_ci_m,phase_deg,phase_ci_deg,snr,percent_energy"]
                for r in reports {
                    for c in r.fit?.constituents ?? [] {
                        let cells = [r.station, r.series, c.name] + [c.frequency, c.amplitude, c.amplitudeInterval, c.phase, c.phaseInterval, c.snr, c.percentEnergy]
                            .map { String(format: "%.8g", $0) }
                        lines.append(cells.map(csvField).joined(separator: ","))
                    }
                }
                Console.out(lines.joined(separator: "\n") + "\n")
            default:
                for r in reports {
                    Console.line("\(r.stationName) (\(r.station)) · \(r.series) · \(r.sampling)")
                    guard let f = r.fit else {
                        Console.line("  cannot analyse: \(r.failure ?? "unknown reason")\n")
                        continue
                    }
                    Console.line("  \(UTCTime.iso(f.firstTime)) – \(UTCTime.iso(f.lastTime)) (\(String(format: "%.1f", f.lengthDays)) days), latitude \(String(format: "%.3f", f.latitude))°\(f.nodalLatitude != f.latitude ? " (satellite terms at \(f.nodalLatitude)°)" : "")")
                    Console.line("  \(f.selection.used.formatted) values used; left out: \(f.selection.exclusionSummary); \(f.method)\(f.iterations > 1 ? ", \(f.iterations) iterations" : "")")
                    Console.line(String(format: "  mean %.4f m%@; tide explains %.1f%% of the variance; residual RMS %.4f m", f.mean,
                                        // Always shown when fitted: predictions use it (issue 22).
                                        f.trendPerYear.map { String(format: ", trend %+.4f m/yr fitted with it (over %.0f days; describes this record only, not a sea-level trend)", $0, f.lengthDays) } ?? "",
                                        f.varianceExplained, f.residualRMS))
                    for w in f.warnings { Console.line("  warning: \(w)") }
                    let shown = all ? f.constituents : f.constituents.filter { $0.isSignificant }
                    let rows = shown.map { c in
                        [c.name, String(format: "%.7f", c.frequency), String(format: "%.4f", c.amplitude), String(format: "%.4f", c.amplitudeInterval),
                         String(format: "%.2f", c.phase), String(format: "%.2f", c.phaseInterval), String(format: "%.1f", c.snr), String(format: "%.2f", c.percentEnergy)]
                    }
                    let table = TextTable.render(header: ["name", "freq (cph)", "A (m)", "± A", "g (°)", "± g", "SNR", "PE %"], rows: rows)
                    Console.out(table.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n")
                    let hidden = f.constituents.count - shown.count
                    if hidden > 0 { Console.line("  (\(hidden) more with SNR < 2 not shown; --all lists them)") }
                    for s in r.sources { Console.line("  source: \(s.title) — \(s.path) (sha256 \(s.sha256.prefix(12)))") }
                    Console.line("")
                }
            }
        }
    }

    struct Predict: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Predicted tide for any span, or observed, predicted and residual.",
            discussion: """
                Fits the record (as `tides analyse`, over --fit-from/--fit-to when given) and \
                predicts the tide, with the mean and trend, from --from to --to every --step. Outside \
                the fitted record the trend is held at its end value unless --trend extends it. With \
                --residual, prints the observations in that span with the prediction and the \
                non-tidal residual (observed − predicted), the series that alert and tsunami \
                detection use. Constituents with SNR < --min-snr are left out of the prediction \
                (UTide's reconstruct uses 2; 0 keeps all).

                Examples:
                  bluewatch tides predict honolulu --from 2010-07-01 --to 2010-07-03
                  bluewatch tides predict nukualofa --from 2011-03-11 --to 2011-03-12 --residual
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var fit: TideFitOptions

        @Option(help: ArgumentHelp("Start of the prediction (UTC).", valueName: "date"))
        var from: String

        @Option(help: ArgumentHelp("End of the prediction (inclusive).", valueName: "date"))
        var to: String

        @Option(help: ArgumentHelp("Time step: seconds, or with a unit (60s, 1min, 15min, 1h). Default: the record's sampling.", valueName: "step"))
        var step: String?

        @Option(help: ArgumentHelp("Start of the record to fit (default: all of it).", valueName: "date"))
        var fitFrom: String?

        @Option(help: ArgumentHelp("End of the record to fit.", valueName: "date"))
        var fitTo: String?

        @Flag(help: "Print observed, predicted and residual at the record's times instead of a regular prediction.")
        var residual = false

        @Flag(help: "Extend the linear trend fitted with the mean beyond the fitted record (by default it is held at its value at the record's ends).")
        var trend = false

        @Option(help: ArgumentHelp("Leave out constituents below this SNR.", valueName: "snr"))
        var minSnr = 2.0

        @Option(help: "Output: csv, json or table.")
        var format: TabularFormat = .csv

        func stepSeconds() throws -> Double? {
            try step.map { try parseDurationOption($0, name: "step") }
        }

        func validate() throws {
            try fit.validateCommon()
            let start = try parseTimeOption(from, end: false, name: "from")!, end = try parseTimeOption(to, end: true, name: "to")!
            guard end > start else { throw ValidationError("--to must come after --from") }
            _ = try parseTimeOption(fitFrom, end: false, name: "fit-from")
            _ = try parseTimeOption(fitTo, end: true, name: "fit-to")
            if let s = try stepSeconds(), (end - start) / s > 10_000_000 { throw ValidationError("--from..--to at this --step gives more than 10 million times") }
            if residual && step != nil { throw ValidationError("--residual prints the record's own times; leave out --step") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let start = try parseTimeOption(from, end: false, name: "from")!, end = try parseTimeOption(to, end: true, name: "to")!
                let runner = TideRunner(options: try fit.tideOptions(), from: try parseTimeOption(fitFrom, end: false, name: "fit-from"),
                                        to: try parseTimeOption(fitTo, end: true, name: "fit-to"), latitude: fit.latitude)
                let records = try fit.records(runner, store: store, resources: resources)
                // Several records: for --residual the one with most values in the span, else the
                // longest (the best-determined constants); ties go to the first stored.
                func inSpan(_ r: TideRunner.Record) -> Int { r.series.upperBound(of: end) - r.series.lowerBound(of: start) }
                let ranked = records.enumerated().sorted { a, b in
                    let ka = residual ? inSpan(a.element) : a.element.series.count, kb = residual ? inSpan(b.element) : b.element.series.count
                    return ka != kb ? ka > kb : a.offset < b.offset
                }
                let record = ranked[0].element
                if residual && inSpan(record) == 0 { throw CLIError.data("no record of \(fit.target) has observations between \(from) and \(to)") }
                if records.count > 1 {
                    Console.error("tides: \(fit.target) has \(records.count) tidal records; using \(record.identifier)\(record.seriesId.map { " (series \($0))" } ?? "") from \(record.sources.first?.path ?? "?"); choose another with --series")
                }
                let report = runner.analyse(record)
                guard let tide = report.fit else { throw CLIError.data("cannot analyse \(record.identifier): \(report.failure ?? "")") }
                var rows: [(Double, Double?, Double, Double?)] = []
                if residual {
                    let observed: TimeSeries
                    if let id = record.seriesId {
                        observed = try store.openStore(resources).readSeries(id: id, from: start, to: end)
                    } else if fitFrom == nil && fitTo == nil {
                        observed = record.series.slice(from: start, to: end)
                    } else {
                        let whole = try fit.records(TideRunner(variable: runner.variable), store: store, resources: resources)
                        observed = (whole.first { $0.identifier == record.identifier } ?? whole[0]).series.slice(from: start, to: end)
                    }
                    if observed.isEmpty { throw CLIError.data("no observations of \(record.identifier) between \(from) and \(to)") }
                    let predicted = tide.predict(at: observed.times, minimumSNR: minSnr, trendBeyondRecord: trend)
                    for i in observed.times.indices {
                        let o = observed.values[i], usable = !o.isNaN && observed.flags[i] != .fail
                        rows.append((observed.times[i], o.isNaN ? nil : o, predicted[i], usable ? o - predicted[i] : nil))
                    }
                } else {
                    let dt = try stepSeconds() ?? record.sampling ?? 3600
                    let times = stride(from: start, through: end, by: dt).map { $0 }
                    let predicted = tide.predict(at: times, minimumSNR: minSnr, trendBeyondRecord: trend)
                    rows = zip(times, predicted).map { ($0, nil, $1, nil) }
                }
                // Say what happened to the trend when the prediction leaves the fitted record.
                let span = tide.recordSpan
                if let slope = tide.trendPerYear, let first = rows.first?.0, let last = rows.last?.0, first < span.lowerBound || last > span.upperBound {
                    Console.error(String(format: "tides: the prediction reaches beyond the fitted record (%@ – %@); its trend of %+.4f m/yr is %@",
                                         UTCTime.isoDate(span.lowerBound), UTCTime.isoDate(span.upperBound), slope,
                                         trend ? "extended there, as --trend asks" : "held at its value at the record's end (--trend extends it)"))
                }
                output(rows, station: record.station.id, series: record.identifier, tide: tide)
            }
        }

        func output(_ rows: [(Double, Double?, Double, Double?)], station: String, series: String, tide: TideFit) {
            func g(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "" }
            switch format {
            case .json:
                struct Row: Encodable { var time: String; var observed: Double?; var predicted: Double; var residual: Double? }
                struct Out: Encodable { var station: String; var series: String; var units: String; var constituents: Int; var rows: [Row] }
                let out = Out(station: station, series: series, units: "m", constituents: tide.constituents.filter { $0.snr >= minSnr }.count,
                              rows: rows.map { Row(time: UTCTime.iso($0.0), observed: $0.1, predicted: $0.2, residual: $0.3) })
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                Console.line(String(decoding: (try? encoder.encode(out)) ?? Data(), as: UTF8.self))
            case .table:
                let table = TextTable.render(header: residual ? ["time", "observed (m)", "predicted (m)", "residual (m)"] : ["time", "predicted (m)"],
                                             rows: rows.map { residual ? [UTCTime.iso($0.0), g($0.1), g($0.2), g($0.3)] : [UTCTime.iso($0.0), g($0.2)] })
                Console.out(table)
            default:
                var lines = [residual ? "time,observed_m,predicted_m,residual_m" : "time,predicted_m"]
                lines.reserveCapacity(rows.count + 1)
                for r in rows { lines.append(residual ? "\(UTCTime.iso(r.0)),\(g(r.1)),\(g(r.2)),\(g(r.3))" : "\(UTCTime.iso(r.0)),\(g(r.2))") }
                Console.out(lines.joined(separator: "\n") + "\n")
            }
        }
    }

    struct Constituents: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The constituent list (UTide/T_TIDE's 146), with frequencies and Rayleigh differences.",
            discussion: """
                A record of T hours resolves a constituent by the Rayleigh criterion when its \
                difference from the constituent it is compared with is at least R/T cph (R = 1). \
                Give --days to see which a record of that length resolves.
                """)

        @Option(help: ArgumentHelp("Only those a record of this many days resolves.", valueName: "days"))
        var days: Double?

        @Option(help: "Output: table or csv.")
        var format: ListingFormat = .table

        func run() throws {
            let list = days.map { TideConstituentTable.automatic(recordHours: $0 * 24) } ?? Array(TideConstituentTable.all.dropFirst())
            let rows = list.map { c in
                [c.name, String(format: "%.10f", c.frequency), String(format: "%.4f", 1 / c.frequency), c.isShallowWater ? "shallow-water" : "",
                 String(format: "%.3g", c.rayleighDifference), String(format: "%.1f", c.rayleighDifference > 0 ? 1 / c.rayleighDifference / 24 : .infinity)]
            }
            let header = ["name", "freq (cph)", "period (h)", "kind", "Rayleigh Δf (cph)", "days to resolve"]
            if format == .csv {
                Console.out((["name,frequency_cph,period_h,kind,rayleigh_difference_cph,days_to_resolve"] + rows.map { $0.map(csvField).joined(separator: ",") }).joined(separator: "\n") + "\n")
            } else {
                Console.out(TextTable.render(header: header, rows: rows))
                if let days { Console.line("\(list.count) constituents resolved by \(days) days of data") }
            }
        }
    }
}
