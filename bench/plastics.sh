#!/usr/bin/env bash
# Microplastics side by side: gridding + Getis-Ord Gi* (999 permutations, FDR) for N samples
# resampled from the real NCEI North Pacific positions (bench/make_plastic_samples.py), BlueWatch
# against the Python peer (pandas + pyproj + scikit-learn BallTree + esda, bench/plastics_peer.py)
# on the same CSV, same grid and band. Reading the CSV is not timed. Best of R runs; peak memory
# of each process. Usage: bench/plastics.sh [N=100000] [RESOLUTION=0.5] [BAND_KM=167] [R=3]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}; res=${2:-0.5}; band=${3:-167}; r=${4:-3}
swift build -c release --product bluewatch-bench >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
.venv/bin/python bench/make_plastic_samples.py "$n" "$tmp/samples.csv"
/usr/bin/time -f "%M" -o "$tmp/m1" .build/release/bluewatch-bench plastics "$tmp/samples.csv" "$res" "$band" --repeat "$r" > "$tmp/ours.json"
/usr/bin/time -f "%M" -o "$tmp/m2" .venv/bin/python bench/plastics_peer.py "$tmp/samples.csv" "$res" "$band" "$r" > "$tmp/peer.json"
python3 - "$tmp/ours.json" "$tmp/peer.json" "$(cat "$tmp/m1")" "$(cat "$tmp/m2")" <<'PY'
import json, sys
o, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(f"plastics grid + Gi*: {o['samples']:,} samples, {o['cells']:,} cells of the grid occupied ({p['cells']:,} in the peer); "
      f"BlueWatch {o['seconds']:.3f} s, {int(sys.argv[3]) // 1024} MB, {o['significant']} spots; "
      f"Python ({p['accelerator']}) {p['seconds']:.3f} s, {int(sys.argv[4]) // 1024} MB, {p['significant']} significant; "
      f"ratio {p['seconds'] / o['seconds']:.1f}x; total cell area {o['area_m2'] / p['area_m2'] - 1:+.1e} relative")
PY
