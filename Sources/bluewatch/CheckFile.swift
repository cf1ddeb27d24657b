import ArgumentParser
import BlueWatchIngest
import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension BlueWatch {
    /// The child side of ``ReadIsolation``: reads one file and exits 0 (read) or 1 (refused, with
/// the refusal as one JSON object on standard output).
    /// A crash of the C library ends this process, not the one that asked.
    struct CheckFile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-file",
            abstract: "Read one file in isolation (used by ingest, alerts and serve before reading NetCDF).",
            shouldDisplay: false)

        @Option(help: "The format to read the file as.")
        var format: String

        @Argument(help: "The file.")
        var file: String

        func run() throws {
            // Stop after the CPU time the parent would wait anyway (the kernel sends SIGXCPU,
            // then SIGKILL), so a library loop cannot spin on when the parent was killed first.
            var cpu = rlimit()
            cpu.rlim_cur = rlim_t(ReadIsolation.defaultTimeout.rounded(.up)) + 5
            cpu.rlim_max = cpu.rlim_cur + 5
            _ = setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &cpu)
            guard let kind = DataFormat(rawValue: format) else { throw ValidationError("unknown format '\(format)'") }
            let reader = DatasetReader(catalog: SourceCatalog(entries: []), isolation: nil)
            do { _ = try reader.read(file, as: kind) } catch {
                let refusal = ReadIsolation.Refusal(location: error.location, reason: error.reason)
                FileHandle.standardOutput.write((try? JSONEncoder().encode(refusal)) ?? Data())
                throw ExitCode(1)
            }
        }
    }
}
