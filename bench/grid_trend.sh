#!/usr/bin/env bash
# Grid trends side by side on the same NetCDF: BlueWatch (linear model, like the peers; and its
# default seasonal model), `cdo trend`, xarray polyfit, and the time merely to read and decode
# the variable with libnetcdf (the floor). Wall time and peak memory of each whole process, and
# the largest difference between BlueWatch's and the peers' per-cell slopes.
# Usage: bench/grid_trend.sh [FILE VAR]   (default: the cube built by bench/make_pacific_grid.py)
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-/tmp/pacific_sla_1993_2017.nc}
var=${2:-sla}
[ -f "$file" ] || .venv/bin/python bench/make_pacific_grid.py "$file"
swift build -c release --product bluewatch --product bluewatch-bench >/dev/null 2>&1 || { swift build -c release --product bluewatch >/dev/null; swift build -c release --product bluewatch-bench >/dev/null; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
measure() {  # label command... -> "label seconds peakMB"
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; return 1; }
  read -r s kb < "$tmp/time"
  printf '%-34s %8.2f s %8.0f MB\n' "$label" "$s" "$((kb / 1024))"
}
echo "input: $file ($(du -h "$file" | cut -f1)), variable $var"
measure "bluewatch trend grid (linear)" .build/release/bluewatch trend grid "$file" --var "$var" --model linear --out "$tmp/bw.nc"
measure "bluewatch trend grid (seasonal)" .build/release/bluewatch trend grid "$file" --var "$var" --model seasonal --out "$tmp/bw-seasonal.nc"
measure "bluewatch trend grid (seasonal, --jobs 2)" .build/release/bluewatch trend grid "$file" --var "$var" --model seasonal --jobs 2 --out "$tmp/bw-jobs.nc"
measure "bluewatch (seasonal, 4 tiles + merge)" bash -c 'for i in 1 2 3 4; do .build/release/bluewatch trend grid "$1" --var "$2" --model seasonal --tile $i/4 --out "$3/part-$i.nc" || exit 1; done; .build/release/bluewatch trend merge "$3"/part-?.nc --out "$3/bw-tiles.nc"' _ "$file" "$var" "$tmp"
measure "cdo trend" cdo -s trend "$file" "$tmp/a.nc" "$tmp/b.nc"
measure "xarray polyfit (load + fit)" .venv/bin/python bench/grid_trend_peer.py "$file" "$var" "$tmp/xr.nc"
measure "read + decode only (libnetcdf floor)" .build/release/bluewatch-bench grid-read "$file" "$var" --repeat 1
cmp_vars() { .venv/bin/python - "$1" "$2" <<'PY'
import sys
from netCDF4 import Dataset
def walk(g, p=""):
    out = {}
    for n, v in g.variables.items():
        v.set_auto_maskandscale(False); out[p + n] = v[:].tobytes()
    for n, sub in g.groups.items(): out.update(walk(sub, p + n + "/"))
    return out
a, b = (walk(Dataset(f)) for f in sys.argv[1:3])
print(f"{sys.argv[2].rsplit('/', 1)[-1]}: {'every variable equal, bit for bit' if a == b else 'DIFFERS from the untiled file'}")
PY
}
cmp_vars "$tmp/bw-seasonal.nc" "$tmp/bw-jobs.nc"
cmp_vars "$tmp/bw-seasonal.nc" "$tmp/bw-tiles.nc"
.venv/bin/python - "$tmp" "$var" <<'PY'
import sys, numpy as np
from netCDF4 import Dataset
tmp, var = sys.argv[1], sys.argv[2]
bw = np.ma.filled(Dataset(f"{tmp}/bw.nc")["trend"][:].astype("f8"), np.nan)
with Dataset(f"{tmp}/b.nc") as d:
    cdo = np.ma.filled(d[var][0].astype("f8"), np.nan)
    t = d["time"]
with Dataset(f"{tmp}/xr.nc") as d:
    xr = np.ma.filled(d["trend"][:].astype("f8"), np.nan)
# cdo's b is per time step (equal steps assumed); the steps here are months of 365.2425/12 days.
cdo = cdo * 12 * 1000
both = np.isfinite(bw) & np.isfinite(xr)
print(f"cells fitted: bluewatch {np.isfinite(bw).sum()}, xarray {np.isfinite(xr).sum()}, cdo {np.isfinite(cdo).sum()}")
print(f"max |bluewatch - xarray| = {np.nanmax(np.abs(bw - xr)[both]):.2e} mm/yr (scale {np.nanmax(np.abs(xr)):.1f})")
both = np.isfinite(bw) & np.isfinite(cdo)
print(f"max |bluewatch - cdo(equal steps)| = {np.nanmax(np.abs(bw - cdo)[both]):.2e} mm/yr (cdo assumes equal steps; months are not)")
PY
