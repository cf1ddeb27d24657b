#!/usr/bin/env bash
# Side by side: read and decode every NetCDF file in ../shared/data with BlueWatch (release
# build), netCDF4-python and ncdump; print each time and the ratios. Needs
# scripts/bootstrap.sh --bench. Usage: bench/netcdf_read.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
data=../shared/data
swift build -c release --product bluewatch-bench >/dev/null
ours=$(.build/release/bluewatch-bench netcdf-read "$data" --repeat "$repeats")
peer=$(.venv/bin/python bench/netcdf_read_peer.py "$data" "$repeats")
best_ncdump=999
for _ in $(seq "$repeats"); do
  start=$(date +%s.%N)
  for f in $(find "$data" -name '*.nc' | sort); do ncdump "$f" >/dev/null; done
  end=$(date +%s.%N)
  best_ncdump=$(python3 -c "print(min($best_ncdump, $end - $start))")
done
python3 - "$ours" "$peer" "$best_ncdump" <<'PY'
import json, sys
ours, peer, ncdump = json.loads(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3])
print(f"files {ours['files']}, values decoded {ours['values']:,} (peer {peer['values']:,}), best of {ours['repeats']}")
print(f"bluewatch      {ours['seconds']*1000:8.1f} ms")
print(f"{peer['tool']:<14} {peer['seconds']*1000:8.1f} ms   ratio peer/bluewatch {peer['seconds']/ours['seconds']:.2f}")
print(f"{'ncdump (text)':<14} {ncdump*1000:8.1f} ms   ratio ncdump/bluewatch {ncdump/ours['seconds']:.2f}")
PY
