import ArgumentParser
import BlueWatchAnalysis
import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import Foundation

extension BlueWatch {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reports per cooperation project: traffic lights, station trends and charts, tsunami, microplastics, alerts, every dataset cited.",
            discussion: """
                Each report states what the project monitors (stations/projects.toml, from the source \
                documents in ../shared/seeds), a traffic light per indicator with the rule and the \
                numbers that set it, per station the monthly values with the trend line and its \
                interval and the trend by every method, data availability and QC, tsunami findings, \
                microplastic hot spots in the project's regions, the alerts raised, the methods \
                actually run, and the datasets it rests on (provider, version, DOI, file hash, span \
                used, ingest date), with a reproducibility footer (software, commit, command, store \
                fingerprint). HTML is self-contained (inline CSS and SVG) and prints well.

                Examples:
                  bluewatch report --project blue-21-sids-sealevel
                  bluewatch report --all --from 2000 --out reports --lang zh
                  bluewatch report --project blue-23-apac-microplastics --format json
                """)

        @OptionGroup var store: StoreOptions

        @Option(help: ArgumentHelp("Project id (see stations/projects.toml); repeat for several.", valueName: "id"))
        var project: [String] = []

        @Flag(help: "Every project.")
        var all = false

        @Option(help: ArgumentHelp("Period start (2010, 2010-03, 2010-03-11).", valueName: "date"))
        var from: String?

        @Option(help: ArgumentHelp("Period end.", valueName: "date"))
        var to: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Folder for the reports.", valueName: "dir"))
        var out = "bluewatch-data/reports"

        @Option(help: "Report file: html, md, json, or pdf (printed from the HTML by headless Chromium).")
        var format: ReportFileFormat = .html

        @Option(help: "Headings and labels: en, zh or both.")
        var lang = "both"

        func validate() throws {
            guard all != !project.isEmpty else { throw ValidationError("give --project ID or --all") }
            guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang must be en, zh or both") }
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                guard let home = store.home ?? ResourceLocator.home() else { throw CLIError.configuration("cannot find grids/regions.geojson") }
                let regions: RegionCatalog
                do { regions = try RegionCatalog(contentsOf: home + "/grids/regions.geojson") } catch { throw CLIError.configuration("\(error)") }
                let projects = all ? resources.projects.projects : try project.map { id in
                    guard let p = resources.projects.project(id: id) else {
                        throw CLIError.usage("unknown project '\(id)'; known: \(resources.projects.projects.map(\.id).joined(separator: ", "))")
                    }
                    return p
                }
                let db = try store.openStore(resources)
                let builder = ProjectReportBuilder(
                    registry: resources.registry, regions: regions, from: try parseTimeOption(from, end: false, name: "--from"),
                    to: try parseTimeOption(to, end: true, name: "--to").map { $0 + 0.001 }, software: "BlueWatch \(BlueWatch.version)",
                    commit: Self.commit(home), command: CommandLine.arguments.joined(separator: " "))
                do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
                    throw CLIError.configuration("cannot create \(out): \(error)")
                }
                let language = ReportLanguage(rawValue: lang)!
                let chromium = format == .pdf ? try Self.chromium() : nil
                for p in projects {
                    let report: ProjectReport
                    do { report = try builder.build(p, store: db, databasePath: db.location) } catch { throw CLIError.data("report \(p.id): \(error)") }
                    let path = "\(out)/\(p.id).\(format.rawValue)"
                    let data: Data
                    switch format {
                    case .json:
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "NaN")
                        data = try encoder.encode(report)
                    case .md: data = Data(report.markdown(language: language).utf8)
                    case .pdf:
                        data = try Self.printPDF(Data(report.html(language: language, shorelines: Self.shorelines(report)).utf8), chromium: chromium!, near: path)
                    case .html:
                        data = Data(report.html(language: language, shorelines: Self.shorelines(report)).utf8)
                    }
                    do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch { throw CLIError.data("writing \(path): \(error)") }
                    Console.line("\(report.status.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(path)  (\(report.stations.count) stations, \(report.tsunami.count) tsunami records, \(report.references.count) datasets cited)")
                }
            }
        }

        /// Coastlines for the report's map from GSHHG when installed (Debian gmt-gshhg-low).
        static func shorelines(_ report: ProjectReport) -> [[(longitude: Double, latitude: Double)]] {
            guard ShorelineReader.isInstalled else {
                Console.error("note: no coastlines on the map (install gmt-gshhg-low: scripts/bootstrap.sh --test)")
                return []
            }
            guard let box = report.mapExtent else { return [] }
            return (try? ShorelineReader().segments(south: box.south, north: box.north, west: box.west, east: box.east)) ?? []
        }

        /// Headless Chromium: $BLUEWATCH_CHROMIUM, else chromium or google-chrome on the PATH.
        static func chromium() throws -> String {
            var candidates: [String] = []
            if let env = ProcessInfo.processInfo.environment["BLUEWATCH_CHROMIUM"], !env.isEmpty { candidates.append(env) }
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
                for name in ["chromium", "chromium-browser", "google-chrome"] { candidates.append("\(dir)/\(name)") }
            }
            guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
                throw CLIError.configuration("--format pdf prints the HTML with headless Chromium, which is not installed (scripts/bootstrap.sh --test installs it)")
            }
            return found
        }

        /// Prints an HTML page to PDF with headless Chromium (A4, no header or footer lines).
        static func printPDF(_ html: Data, chromium: String, near path: String) throws -> Data {
            let scratch = path + ".partial-\(UUID().uuidString.prefix(8))"
            defer { try? FileManager.default.removeItem(atPath: scratch + ".html"); try? FileManager.default.removeItem(atPath: scratch + ".pdf") }
            try html.write(to: URL(fileURLWithPath: scratch + ".html"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf=\(scratch).pdf",
                                 URL(fileURLWithPath: scratch + ".html").absoluteString]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let pdf = FileManager.default.contents(atPath: scratch + ".pdf"), pdf.starts(with: Array("%PDF".utf8)) else {
                throw CLIError.data("Chromium (\(chromium)) could not print \(path) (exit \(process.terminationStatus))")
            }
            return pdf
        }

        /// The checkout's commit, read from .git without running git.
        static func commit(_ home: String) -> String? {
            guard let head = try? String(contentsOfFile: home + "/.git/HEAD", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
            guard head.hasPrefix("ref: ") else { return String(head.prefix(12)) }
            let ref = String(head.dropFirst(5))
            if let sha = try? String(contentsOfFile: home + "/.git/" + ref, encoding: .utf8) { return String(sha.prefix(12)) }
            let packed = (try? String(contentsOfFile: home + "/.git/packed-refs", encoding: .utf8)) ?? ""
            return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix(12)) }
        }
    }
}
