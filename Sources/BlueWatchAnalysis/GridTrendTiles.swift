import Foundation

/// A grid trend cut into tiles (``GridTrendRunner/Tile``) and run as separate processes: here,
/// several at once (each process inflates its own chunks, so decompression, single-threaded
/// inside HDF5, runs in parallel), or on a cluster as a Slurm job array whose merge is a
/// dependent job. Each tile is the `bluewatch trend grid … --tile I/N --out PART` command;
/// ``GridTrendResult/merge(parts:)`` joins the parts.
public enum GridTrendTiles {
    /// Runs tiles 1…`count` as child processes, at most `parallel` at a time, writing
    /// `directory/part-I.nc`, and merges them. `command(tile, part)` is the child's argument
    /// list after the executable. A child that fails stops the run with its own message.
    public static func runLocally(count: Int, parallel: Int, directory: String, executable: String,
                                  command: (GridTrendRunner.Tile, String) -> [String],
                                  progress: ((Int, Int) -> Void)? = nil) throws -> GridTrendResult {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var pending = try (1...count).map { try GridTrendRunner.Tile(index: $0, count: count) }
        var running: [(tile: GridTrendRunner.Tile, process: Process, log: String)] = []
        var parts: [String] = []
        var done = 0
        func start(_ tile: GridTrendRunner.Tile) throws {
            let part = "\(directory)/part-\(tile.index).nc"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: executable)
            p.arguments = command(tile, part)
            p.standardOutput = FileHandle.nullDevice
            // Messages to a file, not a pipe: a child writing more than a pipe holds while
            // another is awaited would wait forever.
            let log = "\(directory)/part-\(tile.index).log"
            guard FileManager.default.createFile(atPath: log, contents: nil), let handle = FileHandle(forWritingAtPath: log) else {
                throw GridTrendError(reason: "cannot create \(log)")
            }
            p.standardError = handle
            try p.run()
            try handle.close()
            running.append((tile, p, log))
            parts.append(part)
        }
        while !pending.isEmpty || !running.isEmpty {
            while running.count < max(1, parallel), !pending.isEmpty { try start(pending.removeFirst()) }
            let (tile, process, log) = running.removeFirst()
            process.waitUntilExit()
            let message = FileManager.default.contents(atPath: log) ?? Data()
            guard process.terminationReason == .exit, process.terminationStatus == 0 else {
                for r in running { r.process.terminate() }
                // The child's own message: its last lines (HDF5 may have written pages before).
                let lines = String(decoding: message, as: UTF8.self).split(separator: "\n")
                let own = lines.filter { $0.hasPrefix("bluewatch") || $0.hasPrefix("Error") }
                let text = (own.isEmpty ? Array(lines.suffix(5)) : own).joined(separator: "\n")
                throw GridTrendError(reason: "tile \(tile) failed (\(process.terminationReason == .exit ? "exit \(process.terminationStatus)" : "signal \(process.terminationStatus)")): \(text)")
            }
            done += 1
            progress?(done, count)
        }
        return try GridTrendResult.merge(parts: parts)
    }

    /// A Slurm job array for tiles 1…`count` and a merge job that runs after every tile
    /// succeeded: three files for `directory` (`trend-tiles.sbatch`, `trend-merge.sbatch`,
    /// `submit.sh`). `tileCommand(tile, part)` and `mergeCommand(parts)` are argument lists
    /// after the executable; `tile` and `part` arrive as shell words using
    /// `$SLURM_ARRAY_TASK_ID`. `options` become extra `#SBATCH` lines (e.g. `--partition=x`).
    public static func slurmScripts(count: Int, directory: String, executable: String, options: [String],
                                    tileCommand: (String, String) -> [String], mergeCommand: ([String]) -> [String]) -> [(name: String, text: String)] {
        let parts = "\(directory)/parts"
        let extra = options.map { "#SBATCH \($0.hasPrefix("-") ? $0 : "--" + $0)\n" }.joined()
        let tile = "\"${SLURM_ARRAY_TASK_ID}/\(count)\"", part = "\"\(parts)/part-${SLURM_ARRAY_TASK_ID}.nc\""
        let tiles = """
            #!/bin/bash
            # BlueWatch grid trend: tile ${SLURM_ARRAY_TASK_ID} of \(count) (written by bluewatch trend grid --slurm).
            #SBATCH --job-name=bluewatch-trend-tiles
            #SBATCH --array=1-\(count)
            #SBATCH --ntasks=1
            #SBATCH --output=\(directory)/logs/tile-%a.out
            \(extra)set -euo pipefail
            exec \(shellQuote(executable)) \(tileCommand(tile, part).joined(separator: " "))

            """
        let mergeParts = (1...count).map { shellQuote("\(parts)/part-\($0).nc") }
        let merge = """
            #!/bin/bash
            # BlueWatch grid trend: joins the \(count) tiles once all succeeded.
            #SBATCH --job-name=bluewatch-trend-merge
            #SBATCH --ntasks=1
            #SBATCH --output=\(directory)/logs/merge.out
            \(extra)set -euo pipefail
            exec \(shellQuote(executable)) \(mergeCommand(mergeParts).joined(separator: " "))

            """
        let submit = """
            #!/bin/bash
            # Submits the tiles as a job array and the merge as a job that waits for all of them.
            # Prints the two job ids (array, merge).
            set -euo pipefail
            cd \(shellQuote(directory))
            mkdir -p logs parts
            array=$(sbatch --parsable trend-tiles.sbatch)
            merge=$(sbatch --parsable --dependency=afterok:${array%%;*} trend-merge.sbatch)
            echo "${array%%;*} ${merge%%;*}"

            """
        return [("trend-tiles.sbatch", tiles), ("trend-merge.sbatch", merge), ("submit.sh", submit)]
    }

    /// `s` as one shell word.
    public static func shellQuote(_ s: String) -> String {
        if !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/._-=:,+@%".contains($0)) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
