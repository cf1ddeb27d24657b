#!/usr/bin/env bash
# Mann-Kendall (original and Hamed-Rao) and Sen's slope side by side: BlueWatch (O(n log n)
# Kendall S by merge sort, rank autocorrelation by FFT, Sen by selection without the n² pair
# list) against pymannkendall (O(n²) time and memory) on the same real series of 1,000 to
# 100,000 values: Nuku'alofa 1-minute sea level from the four tsunami records (real values,
# concatenated in time order, 64,439 values) and, beyond that, Honolulu 2010 hourly appended.
# pymannkendall is skipped where its n² pair list would not fit in memory (the estimate is
# printed). Usage: bench/mann_kendall.sh [sizes...]
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${*:-1000 5000 14600 30000 100000}
swift build -c release --product bluewatch-bench >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
.venv/bin/python - "$tmp/all.txt" <<'PY'
import csv, glob, sys, numpy as np
vals = []
for f in sorted(glob.glob("../shared/data/tsunami/tidegauge_nukualofa/*.csv")):
    rows = list(csv.DictReader(open(f)))
    key = "height" if "height" in rows[0] else "stage"
    vals += [float(r[key]) for r in rows if r[key] not in ("", "NA")]
hnl = np.loadtxt("../shared/data/sealevel/hourly/HNL2010.asc")[:, 1] / 1000
while len(vals) < 100000:
    vals += list(hnl)
np.savetxt(sys.argv[1], np.array(vals[:100000]), fmt="%.4f")
PY
printf '%8s  %12s %10s  %14s %10s  %8s  %s\n' n "bluewatch s" "peak MB" "pymannkendall s" "peak MB" ratio "agreement (S, Sen)"
for n in $sizes; do
  head -n "$n" "$tmp/all.txt" > "$tmp/x.txt"
  /usr/bin/time -f "%M" -o "$tmp/m1" .build/release/bluewatch-bench mk "$tmp/x.txt" --repeat 1 > "$tmp/ours.json"
  need_gb=$(python3 -c "print(round($n*($n-1)/2*8*3/1e9, 1))")
  if python3 -c "import sys; sys.exit(0 if $need_gb < 12 else 1)"; then
    /usr/bin/time -f "%M" -o "$tmp/m2" .venv/bin/python bench/mann_kendall_peer.py "$tmp/x.txt" > "$tmp/peer.json"
    python3 - "$tmp/ours.json" "$tmp/peer.json" "$(cat "$tmp/m1")" "$(cat "$tmp/m2")" <<'PY'
import json, sys
o, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
m1, m2 = int(sys.argv[3]) // 1024, int(sys.argv[4]) // 1024
agree = f"S {'=' if o['s'] == p['s'] else '≠'}, Sen Δ {abs(o['sen'] - p['sen']):.1e}"
print(f"{o['n']:8d}  {o['seconds']:12.4f} {m1:10d}  {p['seconds']:14.3f} {m2:10d}  {p['seconds'] / o['seconds']:7.0f}x  {agree}")
PY
  else
    python3 - "$tmp/ours.json" "$(cat "$tmp/m1")" "$need_gb" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
print(f"{o['n']:8d}  {o['seconds']:12.4f} {int(sys.argv[2]) // 1024:10d}  {'not run':>14} {'~' + sys.argv[3] + ' GB':>10}")
PY
  fi
done
