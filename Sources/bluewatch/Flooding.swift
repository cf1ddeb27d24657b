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
        var format: OutputFormat = .table

        func validate() throws {
            try fit.validateCommon()
            guard [.table, .json, .csv].contains(format) else { throw ValidationError("--format must be table, json or csv") }
            guard (threshold == nil) != (noaa == nil) else { throw ValidationError("give --threshold or --noaa (minor, moderate or major)") }
            if noaa != nil && datum.uppercased() != "MHHW" { throw ValidationError("NOAA's thresholds are above MHHW; leave out --datum") }
            if datum.lowercased() != "record", !["HAT", "MHHW", "MHW", "DTL", "MTL", "MSL", "MLW", "MLLW", "LAT"].contains(datum.uppercased()) {
                throw ValidationError("--datum must be one of MHHW, MHW, DTL, MTL, MSL, MLW, MLLW, HAT, LAT or 'record'")
            }
            if let outlook, !(1900...2200).contains(outlook) { throw ValidationError("--outlook must be a year between 1900 and 2200") }
            if let trend, !(-100...100).contains(trend) { throw ValidationError("--trend must be within ±100 mm/yr") }
        }

        struct Output: Encodable {
            var station: String
            var series: String
            var units = "m"
            var threshold: Double
            var thresholdText: String
            var datums: [String: Double]
            var years: [HighTideFlooding.Year]
            var outlook: OutlookOutput?
            var notes: [String]
        }

        struct OutlookOutput: Encodable {
            var year: Int
            var expectedDays: Double
            var low: Double
            var high: Double
            var byMonth: [Double]
            var trendMillimetresPerYear: Double
            var trendSource: String
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let (record, tide) = try fit.longestFit(store: store, resources: resources)
                guard let datums = tide.datums() else { throw CLIError.data("cannot compute datums for \(record.identifier)") }
                let level: Double, text: String
                if let noaa {
                    level = datums.mhhw + noaa.aboveMHHW(greatDiurnalRange: datums.gt)
                    text = String(format: "NOAA derived %@ flood threshold: %.3f m above MHHW (GT %.3f m; Sweet et al. 2018)", noaa.rawValue, level - datums.mhhw, datums.gt)
                } else if datum.lowercased() == "record" {
                    level = threshold ?? 0
                    text = String(format: "%.3f m on the record's datum", level)
                } else {
                    let base = datums.height(of: datum) ?? 0
                    level = base + (threshold ?? 0)
                    text = String(format: "%.3f m above %@", threshold ?? 0, datum.uppercased())
                }
                var series = record.series
                series.values = zip(series.values, series.flags).map { $1 == .fail || $1 == .suspect ? .nan : $0 }
                let step = record.sampling ?? 3600
                let perDay = max(1, Int((0.75 * 86_400 / step).rounded(.up)))
                let years = HighTideFlooding.floodDays(series, threshold: level, minimumPerDay: perDay)
                var notes = ["datums from the harmonic prediction over 1983–2001 of \(record.identifier) (\(UTCTime.isoDate(tide.recordSpan.lowerBound))…\(UTCTime.isoDate(tide.recordSpan.upperBound)))"]
                var outlookOut: OutlookOutput?
                if let year = outlook {
                    let (perYear, source) = try trendForOutlook(station: record.station, resources: resources)
                    let start = UTCTime.seconds(year: year, month: 1, day: 1), end = UTCTime.seconds(year: year + 1, month: 1, day: 1)
                    let waters = tide.highLowWaters(from: start, to: end)
                    var daily: [Double: Double] = [:]
                    for e in waters.events where e.kind.isHigh {
                        let day = (e.time / 86_400).rounded(.down) * 86_400
                        daily[day] = max(daily[day] ?? -.infinity, e.height)
                    }
                    // Skew surges: each day's highest observed water minus its highest predicted tide
                    // (Williams et al. 2016), so the tide's maximum and the anomaly are not both maxima.
                    let predicted = TimeSeries(times: series.times, values: tide.predict(at: series.times, trendBeyondRecord: false))
                    let tideByDay = Dictionary(HighTideFlooding.dailyMaxima(predicted).map { ($0.day, $0.maximum) }, uniquingKeysWith: max)
                    let residualMaxima = HighTideFlooding.dailyMaxima(series).filter { $0.count >= perDay }.compactMap { d in tideByDay[d.day].map { d.maximum - $0 } }
                    let offset = perYear / 1000 * ((start + end) / 2 - tide.recordSpan.upperBound) / (365.2425 * 86_400)
                    guard let o = HighTideFlooding.outlook(dailyTideMaxima: daily.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                                           residualDailyMaxima: residualMaxima, offset: offset, threshold: level) else {
                        throw CLIError.data("no residual days to build the outlook from")
                    }
                    outlookOut = OutlookOutput(year: year, expectedDays: o.expectedDays, low: o.low, high: o.high, byMonth: o.byMonth,
                                               trendMillimetresPerYear: perYear, trendSource: source)
                    notes.append("outlook skew-surge climatology (daily highest water minus highest predicted tide) from \(residualMaxima.count) days of \(record.identifier); mean sea level moved \(String(format: "%+.1f", offset * 1000)) mm from the fitted record to mid-\(year)")
                }
                let out = Output(station: record.station.id, series: record.identifier, threshold: level, thresholdText: text,
                                 datums: Dictionary(uniqueKeysWithValues: datums.named.map { ($0.name, $0.value) }), years: years, outlook: outlookOut, notes: notes)
                print(out)
            }
        }

        /// The trend that moves mean sea level to the outlook year: --trend, else the station's
        /// longest meaningful stored record, else none (said so).
        func trendForOutlook(station: Station, resources: Resources) throws -> (Double, String) {
            if let trend { return (trend, "given with --trend") }
            if let db = try? store.openStore(resources) {
                let reports = try StationTrendRunner().reports(station: station, store: db)
                if let best = reports.compactMap({ r in r.trend.flatMap { $0.meaningful ? (r.series, $0) : nil } }).max(by: { $0.1.spanYears < $1.1.spanYears }) {
                    return (best.1.ols.estimate, "OLS trend of \(best.0) \(best.1.start)…\(best.1.end)")
                }
            }
            return (0, "no meaningful trend stored for \(station.id): mean sea level held at the fitted record's")
        }

        func print(_ out: Output) {
            switch format {
            case .json:
                try? Console.json(out)
            case .csv:
                var lines = ["station,year,flood_days,days_judged,maximum_m,threshold_m"]
                for y in out.years { lines.append("\(out.station),\(y.year),\(y.floodDays),\(y.daysJudged),\(String(format: "%.4f", y.maximum)),\(String(format: "%.4f", out.threshold))") }
                if let o = out.outlook { lines.append("\(out.station),\(o.year),\(String(format: "%.1f", o.expectedDays)),outlook,,\(String(format: "%.4f", out.threshold))") }
                Console.out(lines.joined(separator: "\n") + "\n")
            default:
                Console.line("\(out.station) · \(out.series) · threshold \(out.thresholdText) = \(String(format: "%.3f", out.threshold)) m on the record's datum")
                Console.out(TextTable.render(header: ["year", "flood days", "days judged", "highest (m)"],
                                             rows: out.years.map { [String($0.year), String($0.floodDays), String($0.daysJudged), String(format: "%.3f", $0.maximum)] }))
                if let o = out.outlook {
                    Console.line(String(format: "outlook %d: %.1f flood days expected (5–95%%: %.1f–%.1f); trend %+.2f mm/yr (%@)", o.year, o.expectedDays, o.low, o.high, o.trendMillimetresPerYear, o.trendSource))
                }
                for n in out.notes { Console.line("  note: \(n)") }
            }
        }
    }
}
extension HighTideFlooding.Severity: ExpressibleByArgument {}
