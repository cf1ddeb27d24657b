import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchExport
import Foundation

extension BlueWatch {
    struct Flooding: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "High-tide flooding: flood days per year above a threshold, and an outlook for a coming year.",
            discussion: """
                The station's hourly (or finer) record is fitted as `tides analyse` does and its \
                datums computed (`tides datums`). The threshold is --threshold metres above --datum \
                (default MHHW), or NOAA's derived --noaa minor|moderate|major flood threshold (Sweet \
                et al. 2018, NOAA TR NOS CO-OPS 086: minor 0.04·GT + 0.50 m, moderate 0.03·GT + \
                0.80 m, major 0.04·GT + 1.17 m above MHHW, GT the great diurnal range).

                Flood days: calendar days (UTC) whose highest value reaches the threshold; a day \
                needs 18 hourly values (or the same share of finer ones) to be judged.

                --outlook YEAR: the expected flood days of that year, NOAA's annual outlook method \
                in outline (Sweet, Marra & Dusek 2019, NOAA TR NOS CO-OPS 092): each day's highest \
                predicted tide, plus mean sea level moved to that year by the station's trend \
                (its longest meaningful record, or --trend), plus a skew surge (a day's highest \
                water minus its highest predicted tide) drawn from the record's own days; 5–95 % range from the \
                day-to-day spread. The shared data hold one year of hourly data: the residual \
                climatology is that year's, and the output says so.

                Examples:
                  bluewatch flooding honolulu --noaa minor
                  bluewatch flooding honolulu --threshold 0.3 --outlook 2030 --format json
                """)

        @OptionGroup var store: StoreOptions
        @OptionGroup var fit: TideFitOptions

        @Option(help: ArgumentHelp("Flood threshold in metres above --datum.", valueName: "m"))
        var threshold: Double?

        @Option(help: ArgumentHelp("NOAA's derived threshold: minor, moderate or major.", valueName: "severity"))
        var noaa: HighTideFlooding.Severity?

        @Option(help: ArgumentHelp("Datum of --threshold: MHHW (default), MHW, MSL, MLLW, … or 'record' for the record's own.", valueName: "datum"))
        var datum = "MHHW"

        @Option(help: ArgumentHelp("Expected flood days of this year.", valueName: "year"))
        var outlook: Int?

        @Option(help: ArgumentHelp("Mean-sea-level trend for the outlook, mm/yr (default: the station's longest meaningful record).", valueName: "mm/yr"))
        var trend: Double?

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func validate() throws {
            try fit.validateCommon()
            guard (threshold == nil) != (noaa == nil) else { throw ValidationError("give --threshold or --noaa (minor, moderate or major)") }
            if noaa != nil && datum.uppercased() != "MHHW" { throw ValidationError("NOAA's thresholds are above MHHW; leave out --datum") }
            if datum.lowercased() != "record", !TidalDatums.levelNames.contains(datum.uppercased()) {
                throw ValidationError("--datum must be one of \(TidalDatums.levelNames.joined(separator: ", ")) or 'record'")
            }
            if let outlook, !(1900...2200).contains(outlook) { throw ValidationError("--outlook must be a year between 1900 and 2200") }
            if let trend, !(-100...100).contains(trend) { throw ValidationError("--trend must be within ±100 mm/yr") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let (record, tide) = try fit.longestFit(store: store, resources: resources)
                guard let runner = FloodingRunner(record: record, tide: tide) else { throw CLIError.data("cannot compute datums for \(record.identifier)") }
                let level: FloodingRunner.Threshold
                if let noaa {
                    level = runner.threshold(noaa: noaa)
                } else if datum.lowercased() == "record" {
                    level = runner.threshold(onRecordDatum: threshold ?? 0)
                } else {
                    guard let t = runner.threshold(threshold ?? 0, above: datum) else { throw CLIError.usage("unknown datum \(datum)") }
                    level = t
                }
                var report = runner.report(threshold: level)
                if let year = outlook {
                    let (perYear, source) = try trendForOutlook(station: record.station, resources: resources)
                    do { try runner.addOutlooks([year], trend: perYear, trendSource: source, to: &report) } catch let error as FloodingError { throw CLIError.data(error.description) }
                    if let o = report.outlooks.first {
                        report.notes.append("mean sea level moved \(String(format: "%+.1f", o.offset * 1000)) mm from the fitted record to mid-\(year)")
                    }
                }
                print(report)
            }
        }

        /// The trend that moves mean sea level to the outlook year: --trend, else the station's
        /// longest meaningful stored record, else none (said so).
        func trendForOutlook(station: Station, resources: Resources) throws -> (Double, String) {
            if let trend { return (trend, "given with --trend") }
            if let db = try? store.openStore(resources) {
                let found = try FloodingRunner.outlookTrend(station: station, store: db)
                return (found.millimetresPerYear, found.source)
            }
            return (0, "no store to take a trend from: mean sea level held at the fitted record's")
        }

        func print(_ out: FloodingRunner.Report) {
            switch format {
            case .json:
                try? Console.json(out)
            case .csv:
                var lines = ["station,year,flood_days,days_judged,maximum_m,threshold_m"]
                for y in out.years { lines.append("\(out.station),\(y.year),\(y.floodDays),\(y.daysJudged),\(String(format: "%.4f", y.maximum)),\(String(format: "%.4f", out.threshold.level))") }
                if let t = out.daysTrend {
                    Console.line(String(format: "flood days trend: %+.2f days a year, each year [%+.2f, %+.2f] (OLS, 95 %%, %d years with 80 %% of days judged)", t.daysPerYearPerYear, t.lower, t.upper, t.years))
                } else {
                    Console.line("flood days trend: none (needs five years with 80 % of their days judged; the record has \(out.years.filter { $0.daysJudged >= 292 }.count))")
                }
                for o in out.outlooks { lines.append("\(out.station),\(o.year),\(String(format: "%.1f", o.expectedDays)),outlook,,\(String(format: "%.4f", out.threshold.level))") }
                Console.out(lines.joined(separator: "\n") + "\n")
            default:
                Console.line("\(out.station) · \(out.series) · threshold \(out.threshold.text) = \(String(format: "%.3f", out.threshold.level)) m on the record's datum")
                Console.out(TextTable.render(header: ["year", "flood days", "days judged", "highest (m)"],
                                             rows: out.years.map { [String($0.year), String($0.floodDays), String($0.daysJudged), String(format: "%.3f", $0.maximum)] }))
                for o in out.outlooks {
                    Console.line(String(format: "outlook %d: %.1f flood days expected (5–95%%: %.1f–%.1f); trend %+.2f mm/yr (%@)", o.year, o.expectedDays, o.low, o.high,
                                        out.trendMillimetresPerYear ?? 0, out.trendSource ?? ""))
                }
                for n in out.notes { Console.line("  note: \(n)") }
            }
        }
    }
}
extension HighTideFlooding.Severity: ExpressibleByArgument {}
