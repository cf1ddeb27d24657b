#!/usr/bin/env bash
# Tidal harmonic analysis side by side: BlueWatch (blocked normal equations, no design matrix)
# against Python UTide on the same hourly records: the real Honolulu 2010 year, and 5 and 19
# years built from it by bench/make_long_tide_record.py (UTide's prediction from the 2010 fit
# plus the real 2010 residual repeated; benchmark inputs, not data). Same options on both
# sides (OLS, auto constituents, trend, linear intervals, latitude 21.3069); wall time of the
# analysis (file reading excluded) and peak memory of the whole process.
# Usage: bench/tides.sh [years...]    (default 1 5 19)
set -euo pipefail
cd "$(dirname "$0")/.."
years=${*:-1 5 19}
swift build -c release --product bluewatch-bench >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
.venv/bin/python bench/make_long_tide_record.py "$tmp" $years >/dev/null
printf '%6s %8s %5s  %12s %9s  %10s %9s  %7s  %s\n' years hours const "bluewatch s" "peak MB" "utide s" "peak MB" ratio "M2 A / g agreement"
for y in $years; do
  f="$tmp/hnl_${y}y.nc"
  /usr/bin/time -f "%M" -o "$tmp/m1" .build/release/bluewatch-bench tides "$f" 21.3069 --repeat 3 > "$tmp/ours.json"
  /usr/bin/time -f "%M" -o "$tmp/m2" .venv/bin/python bench/tides_peer.py "$f" 21.3069 > "$tmp/peer.json"
  python3 - "$y" "$tmp/ours.json" "$tmp/peer.json" "$(cat "$tmp/m1")" "$(cat "$tmp/m2")" <<'PY'
import json, sys
y, o, p = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
m1, m2 = int(sys.argv[4]) // 1024, int(sys.argv[5]) // 1024
agree = f"ΔA {abs(o['m2_amplitude'] - p['m2_amplitude']):.1e} mm, Δg {abs(o['m2_phase'] - p['m2_phase']):.1e}°"
print(f"{y:>6} {o['n']:8d} {o['constituents']:5d}  {o['seconds']:12.3f} {m1:9d}  {p['seconds']:10.2f} {m2:9d}  {p['seconds'] / o['seconds']:6.0f}x  {agree}")
PY
done
