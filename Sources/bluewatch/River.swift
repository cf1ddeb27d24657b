import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchStore
import Foundation

extension BlueWatch {
    struct River: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Flood and drought indicators of a river gauge, per year.",
            discussion: """
                For a river gauge (kind river_gauge in stations/registry.toml) with stored daily \
                stage: per calendar year the days with a value, the highest and lowest daily stage, \
                the days at or above each published level (alarm, flood, NWS action/minor/moderate/\
                major; from the daily maximum when the gauge reports one), the same within the \
                station's wet season, and drought days (below the record's 10th percentile for \
                that time of year, ±15 days). Stages in metres above the gauge zero. Method: \
                Docs/METHODS.md, "River indicators".

                Examples:
                  bluewatch ingest ../shared/data/river
                  bluewatch river eno-hillsborough
                  bluewatch river eno-hillsborough --from 2018 --to 2019 --format json
                  bluewatch river eno-hillsborough --format csv > eno-indicators.csv
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("A river gauge's station id.", valueName: "station"))
        var station: String

        @Option(help: ArgumentHelp("Start: YYYY, YYYY-MM, YYYY-MM-DD or a full ISO time (UTC).", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("End (inclusive), same forms.", valueName: "date"))
        var to: String?

        @Option(help: "Output: table, json or csv.")
        var format: TabularFormat = .table

        func validate() throws {
            _ = try parseTimeOption(from, end: false, name: "from")
            _ = try parseTimeOption(to, end: true, name: "to")
        }

        struct Row: Encodable {
            var year: Int, days: Int
            var maximum_m: Double?, maximum_day: String?, minimum_m: Double?, minimum_day: String?
            var days_at_or_above: [String: Int], wet_season_days_at_or_above: [String: Int]
            var drought_days: Int, drought_days_judged: Int
        }

        struct Report: Encodable {
            struct Level: Encodable { var kind: String; var stage_m: Double; var source: String }
            var station: String, name: String, river: String?
            var stage_series: String, maximum_series: String?
            var levels: [Level], wet_season_months: [Int]
            var years: [Row]
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                guard let s = resources.registry.station(id: station) else { throw CLIError.data("no station '\(station)' in the registry") }
                guard s.kind == .riverGauge else { throw CLIError.data("\(station) is a \(s.kind.rawValue), not a river gauge") }
                let db = try store.openStore(resources)
                let runner = RiverIndicatorRunner(from: try parseTimeOption(from, end: false, name: "from"), to: try parseTimeOption(to, end: true, name: "to"))
                guard let result = try runner.run(station: s, store: db) else {
                    throw CLIError.data("\(station) has no river stage stored; ingest its files first (bluewatch ingest FILE)")
                }
                let i = result.indicators
                let names = i.levels.map(\.kind.rawValue)
                let rows = i.years.map { y in
                    Row(year: y.year, days: y.days, maximum_m: y.maximum, maximum_day: y.maximumDay.map(UTCTime.isoDate), minimum_m: y.minimum,
                        minimum_day: y.minimumDay.map(UTCTime.isoDate), days_at_or_above: Dictionary(uniqueKeysWithValues: zip(names, y.daysAtOrAbove)),
                        wet_season_days_at_or_above: Dictionary(uniqueKeysWithValues: zip(names, y.wetSeasonDaysAtOrAbove)),
                        drought_days: y.droughtDays, drought_days_judged: y.droughtDaysJudged)
                }
                switch format {
                case .json:
                    try Console.json(Report(station: s.id, name: s.name, river: s.river, stage_series: result.stage.sourceIdentifier,
                                            maximum_series: result.maximum?.sourceIdentifier,
                                            levels: i.levels.map { .init(kind: $0.kind.rawValue, stage_m: $0.stage, source: $0.source) },
                                            wet_season_months: i.wetSeasonMonths.sorted(), years: rows))
                case .csv:
                    Console.line((["year", "days", "maximum_m", "maximum_day", "minimum_m", "minimum_day"] + names.map { "days_at_or_above_\($0)" }
                                  + names.map { "wet_season_days_at_or_above_\($0)" } + ["drought_days", "drought_days_judged"]).joined(separator: ","))
                    for (r, y) in zip(rows, i.years) {
                        let maximum: String = r.maximum_m.map { String($0) } ?? ""
                        let minimum: String = r.minimum_m.map { String($0) } ?? ""
                        var fields: [String] = [String(r.year), String(r.days), maximum, r.maximum_day ?? "", minimum, r.minimum_day ?? ""]
                        fields += y.daysAtOrAbove.map { String($0) }
                        fields += y.wetSeasonDaysAtOrAbove.map { String($0) }
                        fields += [String(r.drought_days), String(r.drought_days_judged)]
                        Console.line(fields.joined(separator: ","))
                    }
                default:
                    Console.line("\(s.name) (\(s.id))\(s.river.map { ", \($0)" } ?? ""): stage from \(result.stage.sourceIdentifier) \(result.stage.variable)"
                                 + (result.maximum.map { "; levels judged on \($0.variable)" } ?? ""))
                    for l in i.levels { Console.line("  \(l.kind.label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", l.stage)) m  (\(l.source))") }
                    if i.levels.isEmpty { Console.line("  no published levels in the registry") }
                    let wet = i.wetSeasonMonths.isEmpty ? "" : "  wet season: months \(i.wetSeasonMonths.sorted().map(String.init).joined(separator: ","))"
                    Console.line(wet)
                    let levelHead = names.map { "≥\($0)".padding(toLength: 10, withPad: " ", startingAt: 0) }.joined()
                    Console.line("year  days  max m   (day)        min m   (day)        \(levelHead)wet-season ≥  drought")
                    for (r, y) in zip(rows, i.years) {
                        let mx = r.maximum_m.map { String(format: "%6.2f", $0) } ?? "     –"
                        let mn = r.minimum_m.map { String(format: "%6.2f", $0) } ?? "     –"
                        let counts = y.daysAtOrAbove.map { String($0).padding(toLength: 10, withPad: " ", startingAt: 0) }.joined()
                        Console.line("\(r.year)  \(String(r.days).padding(toLength: 4, withPad: " ", startingAt: 0))  \(mx)  (\(r.maximum_day ?? "–"))  \(mn)  (\(r.minimum_day ?? "–"))  \(counts)\(y.wetSeasonDaysAtOrAbove.map(String.init).joined(separator: "/").padding(toLength: 13, withPad: " ", startingAt: 0))\(r.drought_days)/\(r.drought_days_judged)")
                    }
                }
            }
        }
    }
}
