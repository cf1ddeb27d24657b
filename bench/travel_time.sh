#!/usr/bin/env bash
# Tsunami travel times side by side: BlueWatch's fast marching against scikit-fmm
# (travel_time, order 1) on the real NW Pacific 4-arc-minute grid (945 × 615 cells), the same
# speeds √(g·h), uniform spacings (5.8 km × 7.4 km, scikit-fmm takes one per axis) and source
# cell (the 2011 Tohoku epicentre). Best of N runs, marching only; peak memory of the process.
# Then detection throughput: the DART and gauge detectors over every record in
# ../shared/data/tsunami. Usage: bench/travel_time.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-5}
grid=../shared/data/bathymetry/nw_pacific_4arcmin_dem.nc
swift build -c release --product bluewatch-bench >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
/usr/bin/time -f "%M" -o "$tmp/m1" .build/release/bluewatch-bench fmm "$grid" --repeat "$n" > "$tmp/ours.json"
/usr/bin/time -f "%M" -o "$tmp/m2" .venv/bin/python bench/travel_time_peer.py "$grid" "$n" > "$tmp/peer.json"
python3 - "$tmp/ours.json" "$tmp/peer.json" "$(cat "$tmp/m1")" "$(cat "$tmp/m2")" <<'PY'
import json, sys
o, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(f"travel times, {o['cells']:,} cells ({o['reached']:,} reached): BlueWatch {o['seconds']:.3f} s, {int(sys.argv[3]) // 1024} MB; "
      f"scikit-fmm {p['seconds']:.3f} s, {int(sys.argv[4]) // 1024} MB; ratio {p['seconds'] / o['seconds']:.1f}x; "
      f"DART 21418 {o['t21418']:.3f} s vs {p['t21418']:.3f} s")
PY
.build/release/bluewatch-bench detect ../shared/data --repeat "$n" | python3 -c "
import json, sys
o = json.load(sys.stdin)
print(f\"detection: {o['records']} records, {o['samples']:,} samples in {o['seconds'] * 1000:.1f} ms = {o['samples_per_second'] / 1e6:.1f} million samples/s\")"
