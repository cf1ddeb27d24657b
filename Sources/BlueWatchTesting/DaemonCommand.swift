import Foundation

/// Running the commands that start and stop test daemons (Slurm, PostgreSQL).
enum DaemonCommand {
    /// Runs a command to its end with `posix_spawn` and `waitpid`; output goes through a file
    /// in `scratch`, since daemons keep their parent's descriptors (a pipe would never reach its
    /// end), and Foundation's `Process` was seen never to reap a daemonising parent here. The
    /// child gets an empty signal mask and default handlers: the test process's threads block
    /// signals, and a daemon inheriting that mask ignores SIGTERM for good.
    static func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:], scratch: String) throws -> (Int32, String) {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let outputPath = "\(scratch)/command-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let env = ProcessInfo.processInfo.environment.merging(extra) { _, b in b }.map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw DaemonFailure(description: "cannot start \(executable): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
    }
}

/// A test daemon that would not start or answer.
public struct DaemonFailure: Error, CustomStringConvertible {
    public var description: String
}
