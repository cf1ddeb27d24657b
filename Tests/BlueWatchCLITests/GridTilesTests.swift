import BlueWatchTesting
import Foundation
import NetCDF
import Testing

/// Grid trends in tiles: parts joined by `trend merge`, `--jobs`, and a Slurm job array on a
/// real (throwaway, loopback) Slurm cluster all give the untiled file, bit for bit.
@Suite(.serialized)
struct GridTilesTests {
    let dir = TemporaryDirectory()
    static let file = TestPaths.data("sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc")

    /// Every variable of every group, as raw bytes, by path ("statistics/p_value").
    static func variables(_ path: String) throws -> [String: Data] {
        let file = try NetCDFFile.open(path)
        defer { try? file.close() }
        var out: [String: Data] = [:]
        func walk(_ group: Group, _ prefix: String) throws {
            for v in try group.variables() {
                let bytes: Data
                switch v.type {
                case .float: bytes = try v.read(Float.self).withUnsafeBytes { Data($0) }
                case .double: bytes = try v.read(Double.self).withUnsafeBytes { Data($0) }
                case .int: bytes = try v.read(Int32.self).withUnsafeBytes { Data($0) }
                default: Issue.record("unexpected type \(v.type) of \(v.name)"); continue
                }
                out[prefix + v.name] = bytes
            }
            for g in try group.groups() { try walk(g, prefix + g.name + "/") }
        }
        try walk(file.root, "")
        return out
    }

    static func expectIdentical(_ a: String, _ b: String) throws {
        let x = try variables(a), y = try variables(b)
        #expect(x.count >= 9 && Set(x.keys) == Set(y.keys), "\(x.keys.sorted()) vs \(y.keys.sorted())")
        for (name, bytes) in x { #expect(y[name] == bytes, "\(name) differs between \(a) and \(b)") }
    }

    @Test("parts written with --tile I/N and joined by `trend merge` (in any order), and --jobs 2, equal the untiled file in every variable, bit for bit; incomplete or mixed parts are refused")
    func tilesAndMerge() throws {
        let cli = CommandRunner(database: dir.file("t.sqlite"))
        let whole = dir.file("whole.nc")
        let base = ["trend", "grid", Self.file, "--var", "adt", "--robust"]
        #expect(try cli.run(base + ["--out", whole]).status == 0)
        var parts: [String] = []
        for i in 1...3 {
            let part = dir.file("part-\(i).nc")
            let r = try cli.run(base + ["--tile", "\(i)/3", "--out", part])
            #expect(r.status == 0, "\(r.stderr)")
            parts.append(part)
        }
        let merged = dir.file("merged.nc")
        let m = try cli.run(["trend", "merge", parts[2], parts[0], parts[1], "--out", merged], withDatabase: false)
        #expect(m.status == 0, "\(m.stderr)")
        try Self.expectIdentical(whole, merged)

        let jobs = dir.file("jobs.nc")
        let j = try cli.run(base + ["--jobs", "2", "--out", jobs])
        #expect(j.status == 0, "\(j.stderr)")
        try Self.expectIdentical(whole, jobs)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains(".parts-") }, "the parts of --jobs are removed")

        // Refusals: a missing part, parts of different runs, a file that is not a part, a bad tile.
        let missing = try cli.run(["trend", "merge", parts[0], parts[2], "--out", dir.file("x.nc")], withDatabase: false)
        #expect(missing.status == 1 && missing.stderr.contains("missing 2/3"), "\(missing.stderr)")
        let linear = dir.file("seasonal-2.nc")
        #expect(try cli.run(["trend", "grid", Self.file, "--var", "adt", "--model", "seasonal", "--robust", "--tile", "2/3", "--out", linear]).status == 0)
        let mixed = try cli.run(["trend", "merge", parts[0], linear, parts[2], "--out", dir.file("x.nc")], withDatabase: false)
        #expect(mixed.status == 1 && mixed.stderr.contains("different runs") && mixed.stderr.contains("model"), "\(mixed.stderr)")
        let notPart = try cli.run(["trend", "merge", whole, "--out", dir.file("x.nc")], withDatabase: false)
        #expect(notPart.status == 1 && notPart.stderr.contains("not a part"), "\(notPart.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("x.nc")), "nothing written on refusal")
        #expect(try cli.run(base + ["--tile", "5/4", "--out", dir.file("y.nc")]).status == 64)
        #expect(try cli.run(base + ["--tile", "1/4"]).status == 64, "a part needs --out")
    }

    @Test("Slurm: a throwaway cluster on loopback runs the 4-tile job array and the dependent merge; the result equals the untiled file bit for bit")
    func slurmArray() throws {
        let cluster = SlurmCluster(directory: dir.file("slurm"))
        try cluster.start()
        defer { cluster.stop() }
        let cli = CommandRunner(database: dir.file("s.sqlite"))
        let whole = dir.file("whole.nc"), merged = dir.file("slurm-merged.nc"), jobs = dir.file("jobs")
        let base = ["trend", "grid", Self.file, "--var", "adt"]
        #expect(try cli.run(base + ["--out", whole]).status == 0)
        let w = try cli.run(base + ["--jobs", "4", "--slurm", jobs, "--out", merged, "--sbatch", "time=00:10:00"])
        #expect(w.status == 0 && w.stdout.contains("submit.sh"), "\(w.stderr)")
        let array = try String(contentsOfFile: jobs + "/trend-tiles.sbatch", encoding: .utf8)
        #expect(array.contains("#SBATCH --array=1-4") && array.contains("#SBATCH --time=00:10:00") && array.contains("--tile \"${SLURM_ARRAY_TASK_ID}/4\""))

        let submit = Process()
        submit.executableURL = URL(fileURLWithPath: "/bin/bash")
        submit.arguments = [jobs + "/submit.sh"]
        submit.environment = ProcessInfo.processInfo.environment.merging(cluster.environment) { _, b in b }
        let out = Pipe()
        submit.standardOutput = out
        try submit.run()
        let ids = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        submit.waitUntilExit()
        #expect(submit.terminationStatus == 0 && ids.split(separator: " ").count == 2, "submit.sh printed \(ids)")
        #expect(try cluster.waitUntilIdle(timeout: 240), "jobs still queued after 4 minutes:\n\(cluster.log("slurmctld"))")
        let logs = (1...4).map { (try? String(contentsOfFile: jobs + "/logs/tile-\($0).out", encoding: .utf8)) ?? "" }
        #expect(FileManager.default.fileExists(atPath: merged), "no merged file; merge log: \((try? String(contentsOfFile: jobs + "/logs/merge.out", encoding: .utf8)) ?? "none"); tiles: \(logs)")
        if FileManager.default.fileExists(atPath: merged) { try Self.expectIdentical(whole, merged) }
        #expect((1...4).allSatisfy { FileManager.default.fileExists(atPath: jobs + "/parts/part-\($0).nc") })
    }
}
