import Foundation

/// A throwaway Slurm cluster of one node on loopback (Debian `slurm-wlm` and `munge`), in a
/// temporary directory with its own munge key, ports, state and logs: `munged`, `slurmctld`
/// and `slurmd` are started by ``start()`` and stopped by ``stop()`` through their pid files.
/// Commands reach it with `SLURM_CONF` set to ``configuration``.
public final class SlurmCluster {
    public let directory: String
    public var configuration: String { directory + "/slurm.conf" }
    /// Environment for `sbatch`, `squeue` and job scripts.
    public var environment: [String: String] { ["SLURM_CONF": configuration] }

    public init(directory: String) { self.directory = directory }

    public typealias Failure = DaemonFailure

    /// Where a daemon lives: Debian puts them in /usr/sbin.
    static func binary(_ name: String) throws -> String {
        for dir in ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        throw Failure(description: "\(name) is not installed: run `bash scripts/bootstrap.sh --test` (Debian slurm-wlm and munge)")
    }

    @discardableResult
    func run(_ executable: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> (Int32, String) {
        try DaemonCommand.run(executable, arguments, environment: environment.merging(extra) { _, b in b }, scratch: "\(directory)/run")
    }

    /// Starts munge, the controller and the node; waits until the node is idle.
    public func start(cpus: Int = 2) throws {
        let fm = FileManager.default
        for sub in ["state", "spool", "log", "run", "munge"] { try fm.createDirectory(atPath: "\(directory)/\(sub)", withIntermediateDirectories: true) }
        var key = [UInt8](repeating: 0, count: 1024)
        for i in key.indices { key[i] = UInt8.random(in: 0...255) }
        let keyPath = "\(directory)/munge/key"
        fm.createFile(atPath: keyPath, contents: Data(key), attributes: [.posixPermissions: 0o400])
        let m = "\(directory)/munge"
        let (status, text) = try run(try Self.binary("munged"), ["--key-file=\(keyPath)", "--socket=\(m)/sock", "--pid-file=\(m)/pid",
                                                                 "--log-file=\(m)/log", "--seed-file=\(m)/seed", "--force"])
        guard status == 0 else { throw Failure(description: "munged failed: \(text)") }
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        // Ports from the pid, so parallel runs on one machine do not collide, below Linux's
        // ephemeral range (32768–60999: a client connection of another test, e.g. to the
        // PostgreSQL cluster, once held slurmctld's port) and PostgresCluster's (30000–49999);
        // a pair found taken is skipped.
        var base = 10_000 + Int(getpid() % 5_000) * 2
        for _ in 0..<5_000 where !(Self.isFree(base) && Self.isFree(base + 1)) { base = base + 2 < 20_000 ? base + 2 : 10_000 }
        let conf = """
            ClusterName=bluewatchtest
            SlurmctldHost=\(host)(127.0.0.1)
            SlurmctldPort=\(base)
            SlurmdPort=\(base + 1)
            AuthType=auth/munge
            AuthInfo=socket=\(m)/sock
            CredType=cred/munge
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            SelectType=select/cons_tres
            SlurmUser=\(user)
            SlurmdUser=\(user)
            StateSaveLocation=\(directory)/state
            SlurmdSpoolDir=\(directory)/spool
            SlurmctldPidFile=\(directory)/run/slurmctld.pid
            SlurmdPidFile=\(directory)/run/slurmd.pid
            SlurmctldLogFile=\(directory)/log/slurmctld.log
            SlurmdLogFile=\(directory)/log/slurmd.log
            ReturnToService=2
            MpiDefault=none
            NodeName=\(host) NodeAddr=127.0.0.1 CPUs=\(cpus) State=UNKNOWN
            PartitionName=main Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

            """
        try Data(conf.utf8).write(to: URL(fileURLWithPath: configuration))
        for daemon in ["slurmctld", "slurmd"] {
            let (s, t) = try run(try Self.binary(daemon), ["-f", configuration])
            guard s == 0 else { throw Failure(description: "\(daemon) failed: \(t)\n\(log(daemon))") }
        }
        for _ in 0..<60 {
            let (s, t) = try run(try Self.binary("sinfo"), ["-h", "-o", "%t"])
            if s == 0, t.contains("idle") { return }
            Thread.sleep(forTimeInterval: 0.5)
        }
        throw Failure(description: "the Slurm node did not become idle in 30 s:\n\(log("slurmctld"))\n\(log("slurmd"))")
    }

    /// True when a TCP socket can bind 127.0.0.1:`port` now.
    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// The last lines of a daemon's log.
    public func log(_ daemon: String) -> String {
        let text = (try? String(contentsOfFile: "\(directory)/log/\(daemon).log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// Waits until no job is queued or running (or `timeout` seconds pass: false).
    public func waitUntilIdle(timeout: Double) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let (s, t) = try run(try Self.binary("squeue"), ["-h"])
            if s == 0, t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return true }
            Thread.sleep(forTimeInterval: 1)
        }
        return false
    }

    /// Stops the node, the controller and munge (SIGTERM by pid file, then waits).
    public func stop() {
        for pidFile in ["run/slurmd.pid", "run/slurmctld.pid", "munge/pid"] {
            guard let text = try? String(contentsOfFile: "\(directory)/\(pidFile)", encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { continue }
            kill(pid, SIGTERM)
            for _ in 0..<50 where kill(pid, 0) == 0 { Thread.sleep(forTimeInterval: 0.1) }
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
    }

    deinit { stop() }
}
