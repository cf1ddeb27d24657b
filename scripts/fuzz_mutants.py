#!/usr/bin/env python3
"""Mutation fuzzing of every reader through the real command line (issue 16).

Takes real files from ../shared/data (one or more of each format), makes N mutants of them
(random byte changes anywhere, truncation, and for text files numbers and dates replaced by
out-of-range ones: huge years, NaN, Inf, 1e308, 31 February) and runs `bluewatch info` on each
mutant (and `bluewatch ingest` into a throwaway store on every 10th). A run passes when every
command ends by itself with exit status 0 or 1 within the timeout: a signal or a hang is a
failure of BlueWatch. A child process killed while checking a NetCDF file does not count: that
is the isolation doing its job (its count is printed).

Every failure is written to a folder (default /tmp/bluewatch-fuzz-failures) and, for mutants
made by byte changes, printed as a mutants.json entry to add to Tests/Malformed/mutants.json.

  .venv/bin/python scripts/fuzz_mutants.py --count 3000            # by hand (~20 min)
  .venv/bin/python scripts/fuzz_mutants.py --count 120 --seed 1     # what CI runs
"""
import argparse
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = pathlib.Path(os.environ.get("BLUEWATCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
SEEDS = [
    "sealevel/psmsl/rlr_monthly/155.rlrdata", "sealevel/psmsl/rlr_annual/1842.rlrdata",
    "sealevel/hourly/HNL2010.asc", "sealevel/nukualofa_bom_monthly_2014_2020.csv",
    "sealevel/uhslc_daily/fdd0007.csv", "sealevel/monthly_maxima/monthly_max_57.csv",
    "sealevel/netcdf/honolulu_057_hourly_2010_uhslc-layout.nc",
    "sealevel/netcdf/psmsl_rlr_monthly_9stations_contiguous-ragged.nc",
    "sealevel/netcdf/psmsl_rlr_annual_9stations_incomplete-multidim.nc",
    "tsunami/dart_tohoku2011_raw/21418.txt", "tsunami/dart_tohoku2011_raw/21418_notide.txt",
    "tsunami/tidegauge_nukualofa/nukualofa_tohoku2011_detided.csv",
    "tsunami/netcdf/dart_3buoys_tohoku2011_contiguous-ragged.nc",
    "tsunami/netcdf/nukualofa_1min_tohoku2011_uhslc-layout.nc",
    "events/usgs_philippines_M5plus_1979-2019.csv",
    "bathymetry/etopo1_10min_tiny_test.asc",
    "river/usgs_02085000_eno_hillsborough_daily.csv",
    "moorings/oceansites_papa/DisDel_PAPA_2012PA006_D_DEEP-SEACAT-all.nc",
]
HOSTILE = [b"99999999999999999", b"-99999999999999999", b"nan", b"NaN", b"inf", b"-inf", b"1e308", b"-1e308",
           b"9223372036854775807", b"2011-02-31", b"99999-12-31", b"", b"\x00", b"\xff\xfe"]


def mutate(data: bytes, rng: random.Random, text: bool):
    """Returns (mutant, byte changes or None when the length changed)."""
    kind = rng.random()
    if text and kind < 0.5:
        tokens = [m for m in re.finditer(rb"-?\d+(\.\d+)?", data[:200_000])]
        if tokens:
            out = bytearray(data)
            for m in sorted(rng.sample(tokens, min(len(tokens), rng.randint(1, 3))), key=lambda m: -m.start()):
                out[m.start():m.end()] = rng.choice(HOSTILE)
            return bytes(out), None
    if kind < 0.65:
        return data[: rng.randrange(0, max(1, len(data)))], None
    out = bytearray(data)
    changes = []
    window = len(out) if rng.random() < 0.5 else min(len(out), 8192)
    for _ in range(rng.randint(1, 16)):
        pos = rng.randrange(0, window)
        out[pos] = rng.randrange(256)
        changes.append([pos, out[pos]])
    return bytes(out), changes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--binary", default=str(ROOT / ".build/debug/bluewatch"))
    ap.add_argument("--failures", default="/tmp/bluewatch-fuzz-failures")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    seeds = [s for s in SEEDS if (SHARED / s).exists()]
    work = pathlib.Path(tempfile.mkdtemp(prefix="bluewatch-fuzz-"))
    failures = pathlib.Path(args.failures)
    env = dict(os.environ, BLUEWATCH_HOME=str(ROOT))
    counts = {"runs": 0, "exit0": 0, "exit1": 0, "isolated-crash": 0, "failures": 0}
    started = time.time()
    try:
        for i in range(args.count):
            seed = rng.choice(seeds)
            source = (SHARED / seed).read_bytes()
            mutant, changes = mutate(source, rng, not seed.endswith(".nc"))
            # Keep the name (the source catalogue matches on it) in a folder of its own.
            folder = work / f"m{i}" / pathlib.Path(seed).parent
            folder.mkdir(parents=True)
            path = folder / pathlib.Path(seed).name
            path.write_bytes(mutant)
            commands = [[args.binary, "info", str(path)]]
            if i % 10 == 0:
                commands.append([args.binary, "ingest", "--quiet", str(path), "--db", str(work / f"m{i}.sqlite")])
            for command in commands:
                counts["runs"] += 1
                try:
                    r = subprocess.run(command, capture_output=True, timeout=args.timeout, env=env, cwd=ROOT)
                    status, reason = r.returncode, f"exit {r.returncode}"
                except subprocess.TimeoutExpired:
                    status, reason = None, f"no answer within {args.timeout} s"
                if status in (0, 1):
                    counts[f"exit{status}"] += 1
                    if b"crashed reading this file" in r.stderr + r.stdout:
                        counts["isolated-crash"] += 1
                    continue
                counts["failures"] += 1
                failures.mkdir(parents=True, exist_ok=True)
                kept = failures / f"{i}-{path.name}"
                shutil.copy(path, kept)
                print(f"FAIL {command[1]} {kept}: {reason}", flush=True)
                if changes is not None:
                    print(json.dumps({"name": f"fuzz_{i}_{path.name}", "source": seed, "source_size": len(source), "bytes": changes,
                                      "expect": ["crashed reading this file"]}), flush=True)
            shutil.rmtree(work / f"m{i}", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.time() - started
    print(f"fuzz_mutants: seed {args.seed}, {args.count} mutants of {len(seeds)} files, {counts['runs']} commands in {elapsed:.0f} s: "
          f"{counts['exit0']} read, {counts['exit1']} refused (of which {counts['isolated-crash']} crashed a checking process), "
          f"{counts['failures']} crashes or hangs of bluewatch")
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
