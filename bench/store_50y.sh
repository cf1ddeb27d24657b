#!/usr/bin/env bash
# A 50-year hourly record (the real 2010 Honolulu year tiled 50 times, 438,000 values)
# written to and read back from the store: BlueWatch's encoded blocks against the naive
# layout of one SQLite row per value. Usage: bench/store_50y.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product bluewatch-bench >/dev/null
.build/release/bluewatch-bench store-50y --repeat "${1:-3}" > /tmp/bluewatch-store-50y.json
python3 - /tmp/bluewatch-store-50y.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
n = r["values"]
for k in ("blocks", "rows"):
    v = r[k]
    print(f"{k:<7} write {v['write_s']*1000:8.1f} ms  read {v['read_s']*1000:8.1f} ms  file {v['bytes']/1e6:6.2f} MB  ({v['bytes']/n:5.2f} bytes/value)")
b, w = r["blocks"], r["rows"]
print(f"{n:,} values; rows/blocks: write {w['write_s']/b['write_s']:.1f}x, read {w['read_s']/b['read_s']:.1f}x, size {w['bytes']/b['bytes']:.1f}x")
PY
