#!/usr/bin/env python3
"""Writes N microplastic samples resampled from the real NCEI North Pacific positions
(../shared/data/microplastics/ncei_npsg_{west,east}_microplastics.csv) as an NCEI-format CSV:
each sample is a real row drawn with replacement, its position jittered by up to ±0.5° and
its concentration multiplied by a log-normal factor (σ = 0.3). The file says so in every row's
reference. For benchmarks only: never ingest it as data.

Usage: make_plastic_samples.py N OUT.csv [SEED]
"""
import csv
import pathlib
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 2024)
data = pathlib.Path(__file__).resolve().parents[2] / "shared/data/microplastics"
rows = []
for name in ["ncei_npsg_west_microplastics.csv", "ncei_npsg_east_microplastics.csv"]:
    with open(data / name, encoding="utf-8-sig", newline="") as f:
        rows += list(csv.DictReader(f))
header = list(rows[0].keys())
with open(out, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=header)
    w.writeheader()
    for i in range(n):
        r = dict(rng.choice(rows))
        lat = min(89.9, max(-89.9, float(r["Latitude"]) + rng.uniform(-0.5, 0.5)))
        lon = float(r["Longitude"]) + rng.uniform(-0.5, 0.5)
        lon = lon - 360 if lon > 180 else lon + 360 if lon < -180 else lon
        r.update({"OBJECTID": str(i + 1), "Latitude": f"{lat:.5f}", "Longitude": f"{lon:.5f}", "x": f"{lon:.5f}", "y": f"{lat:.5f}",
                  "Measurement": f"{float(r['Measurement']) * rng.lognormvariate(0, 0.3):.6g}",
                  "Short Reference": "BENCHMARK RESAMPLE of " + r["Short Reference"], "Long Reference": "synthetic benchmark sample (bench/make_plastic_samples.py)"})
        w.writerow(r)
