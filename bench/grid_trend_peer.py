#!/usr/bin/env python3
"""Peer for bench/grid_trend.sh: xarray polyfit (deg 1) of VAR in FILE, load included.
Writes the slope in mm/yr to OUT (NetCDF) for the agreement check and prints one JSON line."""
import json
import sys
import time

import numpy as np
import xarray as xr

path, var, out = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
ds = xr.open_dataset(path)
years = (ds["time"] - np.datetime64("2000-01-01")) / np.timedelta64(1, "D") / 365.2425
fit = ds[var].assign_coords(time=years).polyfit(dim="time", deg=1, skipna=True)
slope = (fit["polyfit_coefficients"].sel(degree=1) * 1000).load()
elapsed = time.perf_counter() - t0
slope.rename("trend").to_netcdf(out)
print(json.dumps({"tool": "xarray " + xr.__version__, "seconds": elapsed}))
