import ArgumentParser
import BlueWatchIngest
import BlueWatchService
import BlueWatchStore
import BlueWatchWorkflows
import Foundation
import Hummingbird

extension BlueWatch {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the store over HTTP: stations, series, trends, tides, grids, projects and reports, alerts and their CAP feed, uploads.",
            discussion: """
                Endpoints are described by Docs/openapi.yaml, served at /openapi.yaml. Errors are RFC \
                9457 problem details. Binds to 127.0.0.1 by default; put a TLS proxy in front for \
                anything else. Reading needs no token; POST /ingest and POST /alerts/{id}/ack need \
                a bearer token from `bluewatch tokens create`. Uploaded files are kept beside the \
                store (--uploads) since they become the datasets' files. Metrics for Prometheus at \
                /metrics.

                Examples:
                  bluewatch serve
                  curl 'localhost:8080/stations?project=blue-21-sids-sealevel'
                  curl 'localhost:8080/stations/honolulu/series?from=2010-02-27&format=csv'
                  curl 'localhost:8080/stations/honolulu/series?from=2010&resample=day'
                  curl -H "Authorization: Bearer $TOKEN" --data-binary @HNL2010.asc \\
                      'localhost:8080/ingest?filename=HNL2010.asc'
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: "Address to listen on.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on.")
        var port = 8080

        @Option(help: ArgumentHelp("Keep uploaded files here (default: uploads/ beside the store).", valueName: "dir"))
        var uploads: String?

        @Option(help: ArgumentHelp("Largest upload accepted, MB.", valueName: "MB"))
        var maxUploadMb = 256

        @Option(help: ArgumentHelp("Close a connection that sends nothing for this long (an idle client, or one that stalls in its headers), seconds.", valueName: "s"))
        var idleTimeout: Int64 = BlueWatchService.idleTimeoutSeconds

        @Option(name: .customLong("access-log"), help: ArgumentHelp("One line per request on standard error: text, json (one object per line, for log shippers) or off.", valueName: "format"))
        var accessLog: AccessLogFormat = .text

        func validate() throws {
            guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1–3600 seconds") }
            guard (1...65535).contains(port) else { throw ValidationError("--port must be 1–65535") }
            guard (1...16_384).contains(maxUploadMb) else { throw ValidationError("--max-upload-mb must be 1–16384") }
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
                var service = BlueWatchService(store: db, registry: resources.registry, projects: resources.projects, regions: regions,
                                               openAPI: openAPI, databasePath: db.location)
                // Uploads lie beside a SQLite store; a PostgreSQL store has no folder, so its server
                // takes uploads only with --uploads (without, POST /ingest answers 503 saying so).
                let directory = uploads ?? (PostgresStore.isURL(store.databasePath) ? nil
                    : URL(fileURLWithPath: store.databasePath).deletingLastPathComponent().appendingPathComponent("uploads").path)
                service.accessLog = accessLog.logger()
                if let directory {
                    service.ingestion = .init(catalog: resources.catalog, qc: resources.qc, directory: directory, maximumBytes: maxUploadMb << 20)
                } else {
                    Console.error("bluewatch: no --uploads DIR for a PostgreSQL store: serving read-only (POST /ingest answers 503)")
                }
                Console.error("bluewatch: serving \(db.location) on http://\(host):\(port) (Ctrl-C stops)")
                try await service.buildApplication(host: host, port: port, idleTimeout: idleTimeout).runService()
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
    } catch let error as WorkflowError {
        Console.error("bluewatch: \(error.description)")
        throw error.exitCode
    }
}

extension AccessLogFormat: ExpressibleByArgument {}
