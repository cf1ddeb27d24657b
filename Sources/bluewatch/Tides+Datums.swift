import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import Foundation

extension TideFitOptions {
    /// The harmonic fit of the target's longest tidal record (the best-determined constants).
    func longestFit(store: StoreOptions, resources: Resources) throws -> (TideRunner.Record, TideFit) {
        let runner = TideRunner(options: try tideOptions(), latitude: latitude)
        let records = try self.records(runner, store: store, resources: resources)
        guard let record = records.enumerated().max(by: { a, b in
            a.element.series.count != b.element.series.count ? a.element.series.count < b.element.series.count : a.offset > b.offset
        })?.element else { throw CLIError.data("\(target) has no tidal record") }
        let report = runner.analyse(record)
        guard let tide = report.fit else { throw CLIError.data("cannot analyse \(record.identifier): \(report.failure ?? "")") }
        return (record, tide)
    }
}

extension BlueWatch.Tides {
    struct Datums: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tidal datums (MHHW, MHW, MTL, MSL, DTL, MLW, MLLW, GT, MN, DHQ, DLQ, HAT, LAT).",
            discussion: """
                As NOAA CO-OPS defines them (Tidal Datums and Their Applications, 2000; \
                Computational Techniques for Tidal Datums Handbook, 2003): MHHW is the mean of each \
                tidal day's higher high water, MHW of all high waters, MLW and MLLW likewise, MSL \
                the mean of the hourly heights, MTL = (MHW+MLW)/2, DTL = (MHHW+MLLW)/2, GT = \
                MHHW−MLLW, MN = MHW−MLW, DHQ = MHHW−MHW, DLQ = MLW−MLLW, HAT/LAT the extremes.

                CO-OPS computes datums from observed highs and lows over the 19-year National \
                Tidal Datum Epoch (1983–2001). No record here is that long, so BlueWatch computes \
                them from the harmonic prediction of the record's own fit over the epoch (--epoch \
                changes it), and says so. The prediction's mean is the fitted record's mean sea \
                level: the datums describe the tide about that year's sea level (CO-OPS would \
                adjust a short record by simultaneous comparison with a control station; this is \
                not done). Heights are in metres on the record's datum.

                Examples:
                  bluewatch tides datums honolulu
                  bluewatch tides datums ../shared/data/sealevel/hourly/HNL2010.asc \\
                      --format json
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var fit: TideFitOptions

        @Option(help: ArgumentHelp("The epoch: FIRST-LAST years (default 1983-2001, the National Tidal Datum Epoch).", valueName: "years"))
        var epoch = "1983-2001"

        @Option(help: ArgumentHelp("Leave out constituents below this SNR.", valueName: "snr"))
        var minSnr = 2.0

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func epochSpan() throws -> ClosedRange<Double> {
            let parts = epoch.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, (1900...2200).contains(parts[0]), parts[1] >= parts[0], parts[1] - parts[0] < 40 else {
                throw ValidationError("--epoch takes FIRST-LAST years between 1900 and 2200, at most 40 years (e.g. 1983-2001)")
            }
            return UTCTime.seconds(year: parts[0], month: 1, day: 1)...UTCTime.seconds(year: parts[1] + 1, month: 1, day: 1)
        }

        func validate() throws {
            try fit.validateCommon()
            _ = try epochSpan()
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let (record, tide) = try fit.longestFit(store: store, resources: resources)
                guard let (datums, observed) = tide.datums(for: record.series, epoch: try epochSpan(), minimumSNR: minSnr) else { throw CLIError.data("the record gives no high and low waters") }
                let method = observed
                    ? "from the observed high and low waters over \(epoch) (the record spans the epoch), as CO-OPS computes them"
                    : "from the harmonic prediction over \(epoch) of a fit to \(UTCTime.isoDate(tide.recordSpan.lowerBound))…\(UTCTime.isoDate(tide.recordSpan.upperBound)) (the record does not span the epoch, over which CO-OPS averages observed highs and lows)"
                switch format {
                case .json:
                    struct Out: Encodable { var station: String; var series: String; var units = "m"; var epoch: String; var method: String; var datums: [String: Double]; var highs: Int; var lows: Int }
                    try Console.json(Out(station: record.station.id, series: record.identifier, epoch: epoch, method: method,
                                         datums: Dictionary(uniqueKeysWithValues: datums.named.map { ($0.name, $0.value) }), highs: datums.highs, lows: datums.lows))
                case .csv:
                    Console.out((["station,series,epoch,datum,height_m"] + datums.named.map { "\(record.station.id),\(record.identifier),\(epoch),\($0.name),\(String(format: "%.4f", $0.value))" }).joined(separator: "\n") + "\n")
                default:
                    Console.line("\(record.station.name) (\(record.station.id)) · \(record.identifier) · datums \(method)")
                    Console.out(TextTable.render(header: ["datum", "height (m)", "above MLLW (m)"],
                                                 rows: datums.named.map { d in [d.name, String(format: "%.4f", d.value), ["GT", "MN", "DHQ", "DLQ"].contains(d.name) ? "" : String(format: "%.4f", d.value - datums.mllw)] }))
                    Console.line("  \(datums.highs) high and \(datums.lows) low waters; heights on the record's datum")
                }
            }
        }
    }

    struct HighLow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "highlow",
            abstract: "Times and heights of predicted (or observed) high and low waters, as tide tables give them.",
            discussion: """
                The record is fitted (as `tides analyse`) and its tide predicted every 6 minutes; \
                each turning point is placed by a parabola through its neighbours and its height \
                taken from the prediction there. Labels as NOAA CO-OPS tide tables: in each tidal \
                day (24.84 h from --from) the highest high water is HH and others H, the lowest \
                low LL and others L. --datum gives heights above a tidal datum (MLLW, as CO-OPS \
                tables, or MHHW, MSL, …) instead of the record's datum.

                Examples:
                  bluewatch tides highlow honolulu --from 2026-12-01 --to 2026-12-08
                  bluewatch tides highlow honolulu --from 2010-02-27 --to 2010-03-01 --observed
                  bluewatch tides highlow honolulu --from 2027-01 --to 2027-02 \\
                      --datum MLLW --format csv
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var fit: TideFitOptions

        @Option(help: ArgumentHelp("Start (UTC).", valueName: "date"))
        var from: String

        @Option(help: ArgumentHelp("End (inclusive).", valueName: "date"))
        var to: String

        @Option(help: ArgumentHelp("Heights above this tidal datum (MLLW, MHHW, MSL, …; datums over 1983–2001).", valueName: "datum"))
        var datum: String?

        @Flag(help: "The record's observed high and low waters instead of the prediction's (the fit's tide plus the residual smoothed over 3 hours; wiggles under 0.03 m or 2 h dropped, as CO-OPS does).")
        var observed = false

        @Option(help: ArgumentHelp("Leave out constituents below this SNR.", valueName: "snr"))
        var minSnr = 2.0

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func validate() throws {
            try fit.validateCommon()
            let start = try parseTimeOption(from, end: false, name: "from")!, end = try parseTimeOption(to, end: true, name: "to")!
            guard end > start else { throw ValidationError("--to must come after --from") }
            guard end - start <= 25 * 366 * 86_400 else { throw ValidationError("--from..--to spans more than 25 years") }
            if let datum, !TidalDatums.levelNames.contains(datum.uppercased()) {
                throw ValidationError("--datum must be one of \(TidalDatums.levelNames.joined(separator: ", "))")
            }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let start = try parseTimeOption(from, end: false, name: "from")!, end = try parseTimeOption(to, end: true, name: "to")!
                let (record, tide) = try fit.longestFit(store: store, resources: resources)
                let waters: HighLowWaters
                if observed {
                    guard let w = tide.observedHighLowWaters(record.series, from: start, to: end, minimumSNR: minSnr) else {
                        throw CLIError.data("\(record.identifier) has no observation between \(from) and \(to) (it covers \(UTCTime.isoDate(tide.recordSpan.lowerBound))…\(UTCTime.isoDate(tide.recordSpan.upperBound)))")
                    }
                    waters = w
                } else {
                    waters = tide.highLowWaters(from: start, to: end, minimumSNR: minSnr)
                }
                var offset = 0.0
                if let datum {
                    guard let d = tide.datums(for: record.series, minimumSNR: minSnr)?.datums.height(of: datum) else { throw CLIError.data("cannot compute \(datum) for \(record.identifier)") }
                    offset = d
                }
                let reference = datum?.uppercased() ?? "record datum"
                func h(_ v: Double) -> String { String(format: "%.3f", v - offset) }
                switch format {
                case .json:
                    struct Row: Encodable { var time: String; var height: Double; var type: String }
                    struct Out: Encodable { var station: String; var series: String; var units = "m"; var datum: String; var source: String; var events: [Row] }
                    try Console.json(Out(station: record.station.id, series: record.identifier, datum: reference, source: observed ? "observed" : "predicted",
                                         events: waters.events.map { Row(time: UTCTime.iso($0.time), height: (($0.height - offset) * 1e4).rounded() / 1e4, type: $0.kind.rawValue) }))
                case .csv:
                    Console.out((["time,height_m,type"] + waters.events.map { "\(UTCTime.iso($0.time)),\(h($0.height)),\($0.kind.rawValue)" }).joined(separator: "\n") + "\n")
                default:
                    Console.line("\(record.station.name) (\(record.station.id)) · \(observed ? "observed" : "predicted") high and low waters · heights in m above \(reference) · times UTC")
                    Console.out(TextTable.render(header: ["time (UTC)", "height (m)", "type"], rows: waters.events.map { [String(UTCTime.iso($0.time).prefix(16)) + "Z", h($0.height), $0.kind.rawValue] }))
                }
            }
        }
    }
}
