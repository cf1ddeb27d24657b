import ArgumentParser
import BlueWatchCore
import BlueWatchExport
import BlueWatchStore
import Foundation

extension BlueWatch {
    struct Stations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List stations: the registry plus any station met in ingested files.",
            discussion: """
                Each station is one physical site with the ids its providers use ("psmsl:155", \
                "coops:1612340"), the projects it serves, and how many series the store holds for it.

                Examples:
                  bluewatch stations --project blue-21-sids-sealevel
                  bluewatch stations --kind dart_buoy --format geojson > darts.geojson
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("Only stations serving this project (see stations/projects.toml).", valueName: "id"))
        var project: String?

        @Option(help: ArgumentHelp("Only stations of this kind: \(StationKind.allCases.map { $0.rawValue }.joined(separator: ", ")).", valueName: "kind"))
        var kind: String?

        @Option(help: "Output: table, json, csv or geojson.")
        var format: FeatureFormat = .table

        func validate() throws {
            if let kind, StationKind(rawValue: kind) == nil {
                throw ValidationError("--kind must be one of \(StationKind.allCases.map { $0.rawValue }.joined(separator: ", "))")
            }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                if let project, resources.projects.project(id: project) == nil {
                    throw CLIError.usage("unknown project '\(project)'; known: \(resources.projects.projects.map { $0.id }.joined(separator: ", "))")
                }
                let db = try store.openStore(resources)
                let stations = try db.stations(project: project, kind: kind.flatMap(StationKind.init(rawValue:)))
                let counts = Dictionary(grouping: try db.seriesList(stationID: nil), by: { $0.stationId }).mapValues { $0.count }
                let rows = stations.map { StationListing.Row(station: $0, seriesCount: counts[$0.id] ?? 0) }
                switch format {
                case .json: Console.line(String(decoding: try StationListing.json(rows), as: UTF8.self))
                case .csv: Console.out(StationListing.csv(rows))
                case .geojson: Console.line(String(decoding: try StationListing.geojson(rows), as: UTF8.self))
                default:
                    Console.out(StationListing.table(rows))
                    Console.line("\(rows.count) stations\(project.map { " serving \($0)" } ?? "")")
                }
            }
        }
    }
}
