import ArgumentParser
import BlueWatchIngest
import BlueWatchService
import Foundation
import Hummingbird

extension BlueWatch {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the store over HTTP (stations GeoJSON, series, trends, projects and reports, alerts).",
            discussion: """
                Endpoints are described by Docs/openapi.yaml, served at /openapi.yaml. Errors are RFC \
                9457 problem details. Binds to 127.0.0.1 by default; put a TLS proxy in front for \
                anything else.

                Examples:
                  bluewatch serve
                  curl 'http://127.0.0.1:8080/stations?project=blue-21-sids-sealevel'
                  curl 'http://127.0.0.1:8080/stations/honolulu/series?from=2010-02-27&to=2010-02-28&format=csv'
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on.")
        var port = 8080

        func validate() throws {
            guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535") }
        }

        func run() async throws {
            try await reportingAsync {
                let resources = try store.resources()
                guard let home = store.home ?? ResourceLocator.home() else { throw CLIError.configuration("cannot find the checkout (grids/, Docs/)") }
                let regions: RegionCatalog
                do { regions = try RegionCatalog(contentsOf: home + "/grids/regions.geojson") } catch { throw CLIError.configuration("\(error)") }
                guard let openAPI = try? String(contentsOfFile: home + "/Docs/openapi.yaml", encoding: .utf8) else {
                    throw CLIError.configuration("cannot read \(home)/Docs/openapi.yaml")
                }
                let db = try store.openStore(resources)
                let service = BlueWatchService(store: db, registry: resources.registry, projects: resources.projects, regions: regions,
                                               openAPI: openAPI, databasePath: store.databasePath)
                Console.error("bluewatch: serving \(store.databasePath) on http://\(host):\(port) (Ctrl-C stops)")
                try await service.buildApplication(host: host, port: port).runService()
            }
        }
    }
}

/// `reporting` for async command bodies.
func reportingAsync(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as CLIError {
        Console.error("bluewatch: \(error.description)")
        throw error.exitCode
    }
}
