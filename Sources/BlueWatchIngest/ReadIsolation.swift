import Foundation

/// Reads that a C library may crash on, tried first in a child process.
///
/// libnetcdf and HDF5 1.10 trust a NetCDF-4 file's metadata: a corrupt object header or global
/// heap can corrupt the heap and kill the process (SIGSEGV or SIGABRT inside `nc_open`). A
/// crash there must not take `serve`, `alerts run` or the ingest of a folder with it, so when
/// isolation is on, ``DatasetReader`` first has a child process read the file
/// (`bluewatch check-file --format netcdf FILE`): if the child dies by a signal or outlives the
/// timeout the file is refused with that reason; otherwise it is read here (a file the child
/// refused cleanly gives the same error here).
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

    /// Has the checker read `path` as `format`. Throws when the child crashed or hung; returns
    /// when it ended by itself (whether it accepted the file or refused it).
    public func check(_ path: String, as format: DataFormat) throws(IngestError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["check-file", "--format", format.rawValue, path]
        var environment = ProcessInfo.processInfo.environment
        environment["BLUEWATCH_READ_ISOLATION"] = "off"
        // HDF5's own error stack would print to the child's stderr; nobody reads it.
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch {
            throw IngestError(path: path, reason: "the checking process could not start (\(executable)): \(error.localizedDescription)")
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
            throw IngestError(path: path, reason: "reading it did not finish within \(Int(timeout)) s in a checking process; not read")
        }
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            let name = signal == SIGSEGV ? "SIGSEGV" : signal == SIGABRT ? "SIGABRT" : signal == SIGBUS ? "SIGBUS" : signal == SIGKILL ? "SIGKILL" : "signal \(signal)"
            throw IngestError(path: path, reason: "the \(format.summary) library crashed reading this file (\(name) in a checking process): the file is corrupt; not read")
        }
    }
}
