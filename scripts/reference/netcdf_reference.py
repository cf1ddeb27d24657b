#!/usr/bin/env python3
"""Reference decoding of every NetCDF file under ../shared/data with netCDF4-python.

For each numeric variable: shape, number of masked values, sum/min/max of the unmasked
values after netCDF4-python's default CF decoding (mask and scale), and values at fixed flat
indices. For time variables (units "X since DATE"), the first, middle and last values decoded
by cftime as ISO strings. Output: Tests/Golden/netcdf_decoding.json. The Swift tests compare
BlueWatch's decoding with these numbers (NetCDFTests/NetCDFDecodingTests.swift).

Run: .venv/bin/python scripts/reference/netcdf_reference.py   (needs numpy, netCDF4)
"""
import json
import pathlib
import sys

import numpy as np
import netCDF4

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "Tests" / "Golden" / "netcdf_decoding.json"


def value(x):
    if np.ma.is_masked(x):
        return None
    x = float(x)
    return None if np.isnan(x) else x


def describe(var):
    data = var[...]
    masked = np.ma.getmaskarray(data)
    flat = np.ma.asarray(data).ravel()
    mask = np.ma.getmaskarray(flat)
    raw = np.asarray(np.ma.getdata(flat), dtype="float64")
    nan = np.isnan(raw) & ~mask
    valid = raw[~mask & ~nan]
    n = flat.size
    picks = sorted({0, n // 3, n // 2, (2 * n) // 3, n - 1}) if n else []
    entry = {
        "shape": list(var.shape),
        "dtype": str(var.dtype),
        "missing": int(mask.sum() + nan.sum()),
        "sum": float(valid.sum()) if valid.size else None,
        "min": float(valid.min()) if valid.size else None,
        "max": float(valid.max()) if valid.size else None,
        "samples": {str(i): value(flat[i]) for i in picks},
    }
    units = getattr(var, "units", "")
    if isinstance(units, str) and " since " in units and var.ndim == 1 and n:
        cal = getattr(var, "calendar", "standard")
        idx = [0, n // 2, n - 1]
        times = netCDF4.num2date(raw[idx], units, calendar=cal, only_use_cftime_datetimes=False, only_use_python_datetimes=False)
        entry["time_iso"] = {str(i): t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] for i, t in zip(idx, times)}
    return entry


def main():
    files = sorted(DATA.rglob("*.nc"))
    result = {}
    for path in files:
        rel = str(path.relative_to(DATA))
        with netCDF4.Dataset(path) as ds:
            ds.set_auto_maskandscale(True)
            variables = {}
            for name, var in ds.variables.items():
                if var.dtype is not str and getattr(var.dtype, "kind", "") in "iuf":
                    variables[name] = describe(var)
            result[rel] = {"format": ds.data_model, "variables": variables}
    OUT.write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({len(files)} files)", file=sys.stderr)


if __name__ == "__main__":
    main()
