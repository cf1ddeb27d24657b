import BlueWatchCore
import ArgumentParser
import BlueWatchIngest
import BlueWatchStore
import BlueWatchWorkflows
import Foundation

/// Options every command that touches the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a SQLite file, or a PostgreSQL URL (postgres://user@host:port/database).", discussion: "Default: $BLUEWATCH_DB, else ./bluewatch-data/bluewatch.sqlite.", valueName: "path|url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("The BlueWatch checkout holding stations/ and grids/.", discussion: "Default: $BLUEWATCH_HOME, else found above the working directory.", valueName: "dir"))
    var home: String?

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["BLUEWATCH_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "bluewatch-data/bluewatch.sqlite"
    }

    func resources() throws -> Resources {
        guard let root = home ?? ResourceLocator.home() else {
            throw CLIError.configuration("cannot find stations/registry.toml: run from the BlueWatch checkout, or set BLUEWATCH_HOME or --home")
        }
        do {
            return Resources(
                registry: try StationRegistry(contentsOf: root + "/stations/registry.toml"),
                catalog: try SourceCatalog(contentsOf: root + "/stations/sources.toml"),
                projects: try ProjectRegistry(contentsOf: root + "/stations/projects.toml"),
                qc: try QCCatalog(contentsOf: root + "/stations/qc.toml"))
        } catch {
            throw CLIError.configuration(error.description)
        }
    }

    /// Opens the store and brings the stations in line with the registry. Only commands that
    /// write (`creating: true`: ingest, alerts run, tokens create) may create a missing store;
    /// for the others a missing file is a mistyped `--db`, refused rather than answered with
    /// an empty table.
    func openStore(_ resources: Resources, creating: Bool = false) throws -> any DataStore {
        if !creating && !StoreOpening.exists(databasePath) {
            throw CLIError.configuration("no store at \(databasePath): check --db or $BLUEWATCH_DB, or create one with `bluewatch ingest FILE… --db \(databasePath)`")
        }
        do {
            let store = try StoreOpening.open(databasePath, creating: creating)
            try store.syncRegistry(resources.registry)
            return store
        } catch {
            throw CLIError.configuration("database \(store(databasePath)): \(error)")
        }
    }

    /// Where a store lives, for messages: a URL's password is never printed.
    func store(_ location: String) -> String {
        guard PostgresStore.isURL(location), var components = URLComponents(string: location), components.password != nil else { return location }
        components.password = "***"
        return components.string ?? "postgres://…"
    }

    /// True when the store exists (a PostgreSQL URL always counts; the server says otherwise).
    var storeExists: Bool { StoreOpening.exists(databasePath) }
}

struct Resources {
    var registry: StationRegistry
    var catalog: SourceCatalog
    var projects: ProjectRegistry
    var qc: QCCatalog

    /// Reads a data file and runs QC on its series, as ingest would.
    func readChecked(_ path: String) throws -> ParsedDataset {
        var dataset: ParsedDataset
        do { dataset = try DatasetReader(catalog: catalog).read(path) } catch { throw CLIError.data("\(error)") }
        qc.apply(to: &dataset, registry: registry)
        return dataset
    }
}

/// Errors that end a command with a documented exit status.
enum CLIError: Error, CustomStringConvertible {
    case data(String)
    case configuration(String)
    /// A name the user typed that names nothing (station, project, region): a usage error.
    case usage(String)

    var description: String {
        switch self {
        case .data(let s), .configuration(let s), .usage(let s): s
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .data: ExitCode(1)
        case .configuration: ExitCode(2)
        case .usage: ExitCode(64)
        }
    }
}

/// Runs a command body, printing a CLIError to stderr and exiting with its status.
func reporting(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as CLIError {
        Console.error("bluewatch: \(error.description)")
        throw error.exitCode
    } catch let error as WorkflowError {
        Console.error("bluewatch: \(error.description)")
        throw error.exitCode
    }
}

extension WorkflowError {
    /// The documented exit status of a workflow's refusal.
    var exitCode: ExitCode {
        switch self {
        case .data: ExitCode(1)
        case .configuration: ExitCode(2)
        case .usage: ExitCode(64)
        case .busy: ExitCode(75)
        }
    }
}

// Output formats: each command takes the set it writes, so its `--help` lists exactly those and
// ArgumentParser refuses any other value with the list.

/// A table, or the same rows as JSON or CSV.
enum TabularFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }
/// A text summary, or JSON.
enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case table, json }
/// A table, JSON, CSV, or GeoJSON features.
enum FeatureFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv, geojson }
/// A table or CSV.
enum ListingFormat: String, ExpressibleByArgument, CaseIterable { case table, csv }
/// A project report file.
enum ReportFileFormat: String, ExpressibleByArgument, CaseIterable { case html, md, json, pdf }
/// An alert run's changes: one line each, or one JSON object per line.
enum ChangeFormat: String, ExpressibleByArgument, CaseIterable { case table, jsonl }
/// A series file: CSV, JSON or CF NetCDF.
enum SeriesFileFormat: String, ExpressibleByArgument, CaseIterable { case csv, json, netcdf }

/// Writing to stdout and stderr (Swift 6 forbids touching C's `stderr` global).
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func line(_ text: String) { out(text + "\n") }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(2) != 0 }

    /// Prints a value as pretty, key-sorted JSON (NaN and infinities as strings).
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "NaN")
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// Parses --from/--to values: "2010", "2010-03", "2010-03-11" or a full ISO time.
func parseTimeOption(_ text: String?, end: Bool, name: String) throws -> Double? {
    guard let text else { return nil }
    guard let t = UTCTime.bound(text, end: end) else {
        throw ValidationError("--\(name) '\(text)' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)")
    }
    return t
}

/// Parses a duration option: seconds ("60"), or with a unit ("60s", "15min", "1h").
func parseDurationOption(_ text: String, name: String) throws -> Double {
    for (suffix, factor) in [("min", 60.0), ("h", 3600), ("s", 1)] where text.hasSuffix(suffix) {
        if let v = Double(text.dropLast(suffix.count)), v > 0 { return v * factor }
    }
    if let v = Double(text), v > 0 { return v }
    throw ValidationError("--\(name) '\(text)' is not a duration (e.g. 60, 60s, 1min, 1h)")
}
