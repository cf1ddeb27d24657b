#!/usr/bin/env python3
"""Peer for `bluewatch-bench netcdf-read`: netCDF4-python decodes (mask and scale) every numeric
variable of every .nc file under DATA_DIR, and decodes 1-D time axes with cftime. Best of N.
Prints one JSON object."""
import json
import pathlib
import sys
import time

import netCDF4

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
files = sorted(root.rglob("*.nc"))
best = float("inf")
for _ in range(repeats):
    values = 0
    t0 = time.perf_counter()
    for path in files:
        with netCDF4.Dataset(path) as ds:
            for var in ds.variables.values():
                kind = getattr(var.dtype, "kind", None)  # None for NC_STRING variables
                if kind is not None and kind in "iuf":
                    data = var[...]
                    values += data.size
                    units = getattr(var, "units", "")
                    if isinstance(units, str) and " since " in units and var.ndim == 1:
                        netCDF4.num2date(data, units, calendar=getattr(var, "calendar", "standard"))
    best = min(best, time.perf_counter() - t0)
print(json.dumps({"bench": "netcdf-read", "tool": "netCDF4-python " + netCDF4.__version__, "files": len(files), "values": values, "seconds": best, "repeats": repeats}))
