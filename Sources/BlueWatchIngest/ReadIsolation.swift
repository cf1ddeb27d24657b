import Foundation

/// Reads that a C library may crash on, tried first in a child process.
///
/// libnetcdf and HDF5 1.10 trust a NetCDF-4 file's metadata: a corrupt object header or global
/// heap can corrupt the heap and kill the process (SIGSEGV or SIGABRT inside `nc_open`). A
/// crash there must not take `serve`, `alerts run` or the ingest of a folder with it, so when
/// isolation is on, ``DatasetReader`` first has a child process read the file
/// (`bluewatch check-file --format netcdf FILE`): if the child dies by a signal or outlives the
/// timeout the file is refused with that reason; if the child refuses it, it is refused with
/// the child's reason and never opened here (HDF5's error paths on corrupt files are where it
/// frees memory twice, and whether that kills a process depends on the state of its heap);
/// only a file the child read completely is read here.
///
/// On by default in the `bluewatch` executable (the child is `/proc/self/exe`); off in other
/// processes (tests, library users) unless a reader is given one; off in any process whose
/// environment has `BLUEWATCH_READ_ISOLATION=off` (the child itself).
public struct ReadIsolation: Sendable, Equatable {
    /// The `bluewatch` executable that checks a file.
    public var executable: String
    /// How long a check may take before the file is refused as hanging.
    public var timeout: Double

    /// The formats read through C libraries that may crash on them.
    public static let guardedFormats: Set<DataFormat> = [.netcdf]

    public init(executable: String, timeout: Double = ReadIsolation.defaultTimeout) {
        self.executable = executable
        self.timeout = timeout
    }

    /// The isolation of this process, decided once: on in the `bluewatch` executable unless
    /// `BLUEWATCH_READ_ISOLATION=off`, off elsewhere.
    public static let current: ReadIsolation? = {
        guard ProcessInfo.processInfo.environment["BLUEWATCH_READ_ISOLATION"] != "off",
              let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              URL(fileURLWithPath: exe).lastPathComponent == "bluewatch" else { return nil }
        return ReadIsolation(executable: exe)
    }()

    /// Seconds a check may take: `$BLUEWATCH_READ_TIMEOUT`, else 60. Reading a file at ingest
    /// touches its metadata and its series, never whole grids: a check of the largest shared
    /// file takes under a second. HDF5 can loop forever on a corrupt global heap.
    public static var defaultTimeout: Double {
        ProcessInfo.processInfo.environment["BLUEWATCH_READ_TIMEOUT"].flatMap(Double.init).map { max($0, 0.1) } ?? 60
    }

    /// The child's account of a refusal, one JSON object on its standard output.
    public struct Refusal: Codable, Sendable {
        public var location: String?
        public var reason: String
        public init(location: String?, reason: String) { self.location = location; self.reason = reason }
    }

    /// Has the checker read `path` as `format`. Returns when the child read it completely;
    /// throws the child's refusal, or a crash or hang of the child.
    public func check(_ path: String, as format: DataFormat) throws(IngestError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["check-file", "--format", format.rawValue, path]
        var environment = ProcessInfo.processInfo.environment
        environment["BLUEWATCH_READ_ISOLATION"] = "off"
        // HDF5's own error stack would print to the child's stderr; nobody reads it.
        // Fresh allocations filled with a pattern, so that reading freed or uninitialised memory
        // fails in the child rather than passing there and failing here.
        environment["MALLOC_PERTURB_"] = "165"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch {
            throw IngestError(path: path, reason: "the checking process could not start (\(executable)): \(error.localizedDescription)")
        }
        // The child writes at most one short line; read it while waiting (up to 64 KiB).
        let reading = output.fileHandleForReading
        nonisolated(unsafe) var said = Data()
        let readDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while said.count < 65_536, let chunk = try? reading.read(upToCount: 4096), !chunk.isEmpty { said.append(chunk) }
            readDone.signal()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
            readDone.wait()
            throw IngestError(path: path, reason: "reading it did not finish within \(formatNumber(timeout)) s in a checking process; not read")
        }
        readDone.wait()
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            let name = signal == SIGSEGV ? "SIGSEGV" : signal == SIGABRT ? "SIGABRT" : signal == SIGBUS ? "SIGBUS" : signal == SIGKILL ? "SIGKILL" : "signal \(signal)"
            throw IngestError(path: path, reason: "the \(format.summary) library crashed reading this file (\(name) in a checking process): the file is corrupt; not read")
        }
        guard process.terminationStatus == 0 else {
            let refusal = try? JSONDecoder().decode(Refusal.self, from: said)
            throw IngestError(path: path, location: refusal?.location,
                              reason: refusal?.reason ?? "refused by the checking process (exit \(process.terminationStatus))")
        }
    }
}
