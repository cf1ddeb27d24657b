#!/usr/bin/env bash
# QARTOD QC side by side: BlueWatch against IOOS ioos_qc 3.0, the same six tests with the
# thresholds of stations/qc.toml for Honolulu's hourly gauge, on the real 2010 year and on 5
# and 19 years built from it by bench/make_long_tide_record.py (benchmark inputs, not data).
# Wall time of the tests (file reading excluded), peak memory of the process, and whether the
# aggregate flag counts agree. Usage: bench/qc.sh [years...]   (default 1 5 19)
set -euo pipefail
cd "$(dirname "$0")/.."
years=${*:-1 5 19}
swift build -c release --product bluewatch-bench >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
.venv/bin/python bench/make_long_tide_record.py "$tmp" $years >/dev/null
printf '%6s %8s  %12s %9s  %10s %9s  %7s  %s\n' years values "bluewatch s" "peak MB" "ioos_qc s" "peak MB" ratio "aggregate counts"
for y in $years; do
  f="$tmp/hnl_${y}y.nc"
  /usr/bin/time -f "%M" -o "$tmp/m1" .build/release/bluewatch-bench qc "$f" honolulu --repeat 3 > "$tmp/ours.json"
  /usr/bin/time -f "%M" -o "$tmp/m2" .venv/bin/python bench/qc_peer.py "$f" honolulu > "$tmp/peer.json"
  python3 - "$y" "$tmp/ours.json" "$tmp/peer.json" "$(cat "$tmp/m1")" "$(cat "$tmp/m2")" <<'PY'
import json, sys
y, o, p = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
m1, m2 = int(sys.argv[4]) // 1024, int(sys.argv[5]) // 1024
oa = {k: v for k, v in o["aggregate"].items() if v}; pa = {k: v for k, v in p["aggregate"].items() if v}
print(f"{y:>6} {o['n']:8d}  {o['seconds']:12.4f} {m1:9d}  {p['seconds']:10.3f} {m2:9d}  {p['seconds'] / o['seconds']:6.0f}x  {'equal' if oa == pa else f'differ: {oa} vs {pa}'}")
PY
done
