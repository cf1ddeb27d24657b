#!/usr/bin/env python3
"""Reference per-cell linear trends of the real altimetry cube in ../shared/data with CDO and
xarray, for GridTrend (model "linear").

- `cdo trend` on adt of dt_med_allsat_phy_l4_2005T2.nc (91 daily steps): b per time step,
  which for this regular daily axis is per day;
- xarray `polyfit(dim="time", deg=1)` with time in days since the first step;
every 23rd cell with a value is kept, with the count of fitted cells.
Output: Tests/Golden/grid_trends.json (slopes in m/day).

Run: .venv/bin/python scripts/reference/grid_trend_reference.py   (needs cdo on PATH, xarray, netCDF4)
"""
import json
import pathlib
import subprocess
import tempfile

import numpy as np
import xarray as xr
from netCDF4 import Dataset

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = ROOT.parent / "shared" / "data" / "sealevel" / "altimetry" / "dt_med_allsat_phy_l4_2005T2.nc"
OUT = ROOT / "Tests" / "Golden" / "grid_trends.json"


def main():
    with tempfile.TemporaryDirectory() as tmp:
        a, b = f"{tmp}/a.nc", f"{tmp}/b.nc"
        subprocess.run(["cdo", "-s", "trend", f"-selname,adt", str(SRC), a, b], check=True)
        with Dataset(b) as ds:
            cdo = np.ma.filled(ds["adt"][0].astype("f8"), np.nan)
    ds = xr.open_dataset(SRC)
    days = (ds["time"] - ds["time"][0]) / np.timedelta64(1, "D")
    fit = ds["adt"].assign_coords(time=days).polyfit(dim="time", deg=1, skipna=True)
    xs = fit["polyfit_coefficients"].sel(degree=1).values
    ny, nx = cdo.shape
    flat = [(int(i // nx), int(i % nx)) for i in np.flatnonzero(~np.isnan(cdo.ravel()))]
    cells = [{"y": y, "x": x, "cdo": float(cdo[y, x]), "xarray": float(xs[y, x])} for y, x in flat[::23]]
    OUT.write_text(json.dumps({"file": "sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc", "variable": "adt",
                               "fitted_cells_cdo": len(flat), "cells": cells}, indent=0) + "\n")
    print(f"wrote {OUT}: {len(cells)} cells of {len(flat)}")


if __name__ == "__main__":
    main()
