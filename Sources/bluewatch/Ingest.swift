import ArgumentParser
import BlueWatchCore
import BlueWatchIngest
import BlueWatchStore
import BlueWatchWorkflows
import Foundation

extension BlueWatch {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read data files into the store.",
            discussion: """
                Give files or folders. In a folder every file of a known format is read (see \
                `bluewatch info FILE` and Docs/DATA.md); notes, scripts and metadata are listed as \
                skipped. Each file is stored in one transaction: a file that fails to read leaves \
                nothing behind, and a file whose content is already stored (same SHA-256, any \
                name) is not stored again.

                Sea-level and DART series are quality-controlled on the way in (QARTOD tests \
                with the thresholds of stations/qc.toml); each value is stored with its aggregate \
                flag, and `bluewatch qc STATION` shows what the tests found.

                Output: one line per file (unless --quiet), then a summary. A progress bar is \
                drawn on standard error when it is a terminal. Exit status 1 if any file failed.
                """)

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Files or folders to ingest.", valueName: "path"))
        var paths: [String]

        @Flag(name: .shortAndLong, help: "Print only the summary and failures.")
        var quiet = false

        @Option(help: "Output: table (lines) or json.")
        var format: SummaryFormat = .table

        func validate() throws {
        }

        func run() throws {
            try reporting {
                let resources = try store.resources()
                let db = try store.openStore(resources, creating: true)
                let workflow = IngestWorkflow(reader: DatasetReader(catalog: resources.catalog), qc: resources.qc, registry: resources.registry)
                let files: [String]
                do { files = try IngestWorkflow.files(under: paths) } catch { throw CLIError.data("\(error)") }
                var progress = ProgressBar(total: files.count)
                var results: [IngestWorkflow.Outcome] = []
                let started = Date()
                for (index, path) in files.enumerated() {
                    progress.update(index, label: path)
                    let result: IngestWorkflow.Outcome
                    do { result = try workflow.ingest(path, into: db) } catch {
                        result = IngestWorkflow.Outcome(path: path, status: .failed, detail: "the store refused it: \(error)")
                    }
                    results.append(result)
                    if format == .table, !quiet || result.status == .failed {
                        progress.finish()
                        Console.line("\(result.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(path)  \(result.detail)")
                        if let dropped = result.dropped, !dropped.isEmpty {
                            let reasons = dropped.tally.map { "\($0.count) × \($0.reason)" }.joined(separator: "; ")
                            Console.line("         dropped \(dropped.count) row(s): \(reasons) (first: \(dropped[0].location))")
                        }
                    }
                }
                progress.finish()
                let count = { (s: IngestWorkflow.Outcome.Status) in results.filter { $0.status == s }.count }
                let summary = try db.summary()
                let elapsed = Date().timeIntervalSince(started)
                if format == .json {
                    struct Report: Encodable { var files: [IngestWorkflow.Outcome]; var store: StoreSummary; var database: String; var seconds: Double }
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    Console.line(String(decoding: try encoder.encode(Report(files: results, store: summary, database: db.location, seconds: elapsed)), as: UTF8.self))
                } else {
                    Console.line("ingest: \(count(.stored)) stored, \(count(.present)) already present, \(count(.skipped)) skipped, \(count(.failed)) failed in \(String(format: "%.1f", elapsed)) s")
                    Console.line(describe(summary, path: db.location))
                }
                if count(.failed) > 0 { throw CLIError.data("\(count(.failed)) file(s) failed; nothing of them was stored") }
            }
        }
    }
}

/// The store summary as two lines of text.
func describe(_ s: StoreSummary, path: String) -> String {
    """
        store \(path) (\(String(format: "%.1f", Double(s.bytes) / 1_048_576)) MB): \(s.datasets) datasets; \(s.series) series with \(s.observations.formatted) values at \(s.stationsWithData) stations (\(s.stationsRegistered) registered); \
        \(s.grids) grids; \(s.plasticSamples.formatted) microplastic samples; \(s.earthquakes.formatted) earthquakes
        """
}
