import Foundation

/// A throwaway PostgreSQL cluster on loopback (Debian `postgresql`), in a temporary directory:
/// `initdb` with trust authentication, `pg_ctl start` on a port of its own with its socket in
/// that directory, fsync off; stopped (`pg_ctl -m immediate stop`) and removed when the test
/// process exits. As root, the cluster runs as the `postgres` user (PostgreSQL refuses root).
/// Every test takes a database of its own (``freshDatabase()``), so tests run in parallel.
public final class PostgresCluster: @unchecked Sendable {
    public let directory: String
    public let port: Int
    private let owner: String?

    /// The cluster of this test process, started on first use.
    public static let shared: Result<PostgresCluster, DaemonFailure> = {
        do {
            let cluster = try PostgresCluster()
            atexit { if case .success(let c) = PostgresCluster.shared { c.stop() } }
            return .success(cluster)
        } catch let error as DaemonFailure {
            return .failure(error)
        } catch {
            return .failure(DaemonFailure(description: "\(error)"))
        }
    }()

    /// The URL of a new, empty database on the shared cluster.
    public static func freshDatabase() throws -> String {
        try shared.get().freshDatabase()
    }

    static func binary(_ name: String) throws -> String {
        for version in ["17", "16", "15", "14", "13"] where FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\(version)/bin/\(name)") {
            return "/usr/lib/postgresql/\(version)/bin/\(name)"
        }
        throw DaemonFailure(description: "PostgreSQL's \(name) is not installed: run `bash scripts/bootstrap.sh --test` (Debian postgresql)")
    }

    init() throws {
        directory = NSTemporaryDirectory() + "/bluewatch-pg-\(UUID().uuidString.prefix(8))"
        port = 30_000 + Int(getpid() % 20_000)
        owner = getuid() == 0 ? "postgres" : nil
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let owner { try chown(directory, to: owner) }
        let (s1, t1) = try run(try Self.binary("initdb"), ["-D", "\(directory)/data", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync", "--locale=C"])
        guard s1 == 0 else { throw DaemonFailure(description: "initdb failed: \(t1)") }
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        let (s2, t2) = try run(try Self.binary("pg_ctl"), ["-D", "\(directory)/data", "-o", options, "-l", "\(directory)/log", "-w", "-t", "60", "start"])
        guard s2 == 0 else {
            throw DaemonFailure(description: "pg_ctl start failed: \(t2)\n\((try? String(contentsOfFile: "\(directory)/log", encoding: .utf8)) ?? "")")
        }
    }

    private func chown(_ path: String, to user: String) throws {
        guard let pw = getpwnam(user) else { throw DaemonFailure(description: "no user \(user) (Debian's postgresql package creates it)") }
        guard Foundation.chown(path, pw.pointee.pw_uid, pw.pointee.pw_gid) == 0 else {
            throw DaemonFailure(description: "chown \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Runs a PostgreSQL program as the cluster's owner.
    private func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let scratch = directory + "/run"
        if let owner {
            let quoted = ([executable] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try chown(scratch, to: owner)
            return try DaemonCommand.run("/usr/sbin/runuser", ["-u", owner, "--", "/bin/sh", "-c", "cd / && " + quoted], scratch: scratch)
        }
        return try DaemonCommand.run(executable, arguments, scratch: scratch)
    }

    /// Creates an empty database and returns its URL.
    public func freshDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let (s, t) = try run(try Self.binary("createdb"), ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", name])
        guard s == 0 else { throw DaemonFailure(description: "createdb failed: \(t)") }
        return url(database: name)
    }

    /// Runs SQL as the superuser on a database of this cluster (`psql`) and returns its output.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let (s, t) = try run(try Self.binary("psql"), ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql])
        guard s == 0 else { throw DaemonFailure(description: "psql failed: \(t)") }
        return t
    }

    /// The database name in one of this cluster's URLs.
    public static func databaseName(_ url: String) -> String {
        String(url.split(separator: "/").last?.split(separator: "?").first ?? "")
    }

    /// The URL of a database of this cluster (TLS off: loopback).
    public func url(database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)?sslmode=disable" }

    /// Stops the server at once and removes its files.
    public func stop() {
        _ = try? run(try Self.binary("pg_ctl"), ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }
}
