"""Every NetCDF BlueWatch writes, as the readers people use see it.

Usage: netcdf_readers.py FILE.nc [FILE.nc …]

For each file: netCDF4-python finds no groups (every result sits in the root group, where
CDO and xarray look); xarray.open_dataset shows every variable netCDF4 sees, with the
same values, and attaches latitude/longitude (or time) as coordinates; `cdo -s showname`
lists every numeric variable that is not a coordinate or a bounds variable. Exits 1 on the
first failure.
"""
import subprocess
import sys

import netCDF4
import numpy as np
import xarray as xr


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        sys.exit(1)


def cdo_names(path):
    run = subprocess.run(["cdo", "-s", "showname", path], capture_output=True, text=True)
    check(run.returncode == 0, f"{path}: cdo showname reads it ({run.stderr.strip()[:200]})")
    return set(run.stdout.split())


for path in sys.argv[1:]:
    nc = netCDF4.Dataset(path)
    check(not nc.groups, f"{path}: no groups, every result in the root ({list(nc.groups)})")
    dims = set(nc.dimensions)
    bounds = {v.bounds for v in nc.variables.values() if "bounds" in v.ncattrs()}
    results = {name for name, v in nc.variables.items()
               if name not in dims and name not in bounds and v.dimensions
               and np.issubdtype(v.dtype, np.number) and v.ndim >= 1}
    ds = xr.open_dataset(path)
    seen = set(ds.variables)
    missing = set(nc.variables) - seen
    check(not missing, f"{path}: xarray shows every variable ({sorted(missing)} missing)")
    for name in results:
        a = np.ma.filled(nc[name][:].astype(float), np.nan)
        b = ds[name].values.astype(float) if ds[name].dtype.kind in "fiu" else None
        if b is None:
            continue
        same = a.shape == b.shape and np.allclose(a, b, equal_nan=True, rtol=0, atol=0)
        check(same, f"{path}: xarray reads {name} as netCDF4 does")
    spatial = [c for c in ("latitude", "longitude", "lat", "lon") if c in nc.variables]
    for c in spatial:
        check(c in ds.coords, f"{path}: {c} is a coordinate in xarray")
    if "time" in nc.variables:
        check("time" in ds.coords and np.issubdtype(ds["time"].dtype, np.datetime64),
              f"{path}: time decodes to datetimes in xarray")
    gridded = {n for n in results if {"latitude", "longitude"} <= set(nc[n].dimensions)
               or {"lat", "lon"} <= set(nc[n].dimensions)}
    series = {n for n in results if nc[n].dimensions == ("time",)}
    if gridded or series:
        shown = cdo_names(path)
        absent = (gridded | series) - shown
        check(not absent, f"{path}: cdo shows every result ({sorted(absent)} missing; shows {sorted(shown)})")
    nc.close()

print("netcdf readers: all checks passed")
