#!/usr/bin/env python3
"""Builds the benchmark grid for `bench/grid_trend.sh` from the real files in ../shared/data.

Shape: 0.25° cells over 95°E-180°E, 35°S-30°N (340 × 260 = 88,400 cells), 300 monthly steps
(1993-01 to 2017-12), like a CMEMS monthly sea-level-anomaly cube. How the values are made:

- the spatial field and land mask are the real absolute dynamic topography of
  sealevel/altimetry/nrt_global_allsat_phy_l4_20190223_20190226.nc over that box;
- each ocean cell's time variation is the real PSMSL monthly mean sea-level anomaly (RLR
  monthly files, record mean removed) of the nearest PSMSL station that has at least 80 % of
  the months 1993-2017; missing months stay missing.
So every value is a real measurement or a real field, combined; the cube is not an ocean state
that ever existed. Written as CMEMS does: int32 packed with scale_factor 0.0001 m,
_FillValue -2147483647, deflate level 4, one chunk per time step.

Usage: .venv/bin/python bench/make_pacific_grid.py OUT.nc
"""
import datetime as dt
import pathlib
import sys

import numpy as np
from netCDF4 import Dataset

DATA = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "data"
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/pacific_sla_1993_2017.nc"

with Dataset(DATA / "sealevel/altimetry/nrt_global_allsat_phy_l4_20190223_20190226.nc") as g:
    lat, lon = g["latitude"][:], g["longitude"][:]
    rows = np.where((lat >= -35) & (lat < 30))[0]
    cols = np.where((lon >= 95) & (lon < 180))[0]
    adt = g["adt"][0, rows.min():rows.max() + 1, cols.min():cols.max() + 1]
    lats, lons = lat[rows], lon[cols]
months = [(1993 + k // 12, k % 12 + 1) for k in range(300)]
stations = []
names = {}
for line in (DATA / "sealevel/psmsl/rlr_monthly/filelist.txt").read_text().splitlines():
    f = [x.strip() for x in line.split(";")]
    names[f[0]] = (float(f[1]), float(f[2]))
for path in sorted((DATA / "sealevel/psmsl/rlr_monthly").glob("*.rlrdata")):
    series = {}
    for line in path.read_text().splitlines():
        f = [x.strip() for x in line.split(";")]
        if len(f) < 4:
            continue
        d, v = float(f[0]), float(f[1])
        y = int(d)
        series[(y, int((d - y) * 12) + 1)] = np.nan if v == -99999 else v
    vals = np.array([series.get(m, np.nan) for m in months])
    if np.isfinite(vals).mean() >= 0.8:
        la, lo = names[path.stem]
        stations.append((la, lo % 360, (vals - np.nanmean(vals)) / 1000.0))
print(f"{len(stations)} PSMSL stations cover 1993-2017; grid {len(lats)} x {len(lons)}", file=sys.stderr)
st_lat = np.radians([s[0] for s in stations]); st_lon = np.radians([s[1] for s in stations])
LA, LO = np.meshgrid(np.radians(lats), np.radians(lons), indexing="ij")
best = np.zeros(LA.shape, dtype=int); bestd = np.full(LA.shape, np.inf)
for k in range(len(stations)):
    d = np.arccos(np.clip(np.sin(LA) * np.sin(st_lat[k]) + np.cos(LA) * np.cos(st_lat[k]) * np.cos(LO - st_lon[k]), -1, 1))
    better = d < bestd
    best[better] = k; bestd[better] = d[better]
anom = np.stack([s[2] for s in stations])          # station × time
base = np.ma.filled(adt.astype("f8"), np.nan)
with Dataset(out, "w", format="NETCDF4") as ds:
    ds.title = "BlueWatch benchmark cube: real ADT field plus real PSMSL monthly anomalies (see bench/make_pacific_grid.py)"
    ds.Conventions = "CF-1.8"
    ds.createDimension("time", 300); ds.createDimension("latitude", len(lats)); ds.createDimension("longitude", len(lons))
    t = ds.createVariable("time", "f8", ("time",)); t.units = "days since 1950-01-01 00:00:00"; t.calendar = "standard"; t.standard_name = "time"
    epoch = dt.datetime(1950, 1, 1)
    t[:] = [((dt.datetime(y, m, 1) + (dt.datetime(y + (m == 12), m % 12 + 1, 1) - dt.datetime(y, m, 1)) / 2) - epoch).total_seconds() / 86400 for y, m in months]
    la = ds.createVariable("latitude", "f4", ("latitude",)); la.units = "degrees_north"; la.standard_name = "latitude"; la[:] = lats
    lo = ds.createVariable("longitude", "f4", ("longitude",)); lo.units = "degrees_east"; lo.standard_name = "longitude"; lo[:] = lons
    v = ds.createVariable("sla", "i4", ("time", "latitude", "longitude"), zlib=True, complevel=4, fill_value=np.int32(-2147483647),
                          chunksizes=(1, len(lats), len(lons)))
    v.scale_factor = 0.0001; v.units = "m"; v.standard_name = "sea_surface_height_above_sea_level"; v.long_name = "sea level anomaly"
    v.set_auto_maskandscale(True)
    for k in range(300):
        field = base + anom[best, k]
        v[k] = np.ma.masked_invalid(field)
print(f"wrote {out}", file=sys.stderr)
