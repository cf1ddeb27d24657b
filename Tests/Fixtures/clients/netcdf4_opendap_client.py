"""netCDF4-python (netCDF-C's DAP2 client underneath) against BlueWatch's OPeNDAP server.

Usage: netcdf4_opendap_client.py SERIES_URL HNL2010.asc GRID_URL GRID_FILE.nc VARIABLE

Opens a stored series by URL, reads slices lazily (each a `.dods` request with a hyperslab)
and checks them against the raw UHSLC/UTide file (millimetres, hourly from 2010-01-01T00:00Z,
9999 missing); then opens a stored grid by URL, selects a box and a time range with strides,
and checks them against the same slice of the original NetCDF file. Exits 1 on the first
failure.
"""
import sys

import netCDF4
import numpy as np


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        sys.exit(1)


url, raw, grid_url, grid_file, variable = sys.argv[1:6]
mm = np.array([float(line.split()[1]) for line in open(raw) if line.strip()])
expected = np.where(mm >= 9999, np.nan, mm / 1000)

d = netCDF4.Dataset(url)
check(d.featureType == "timeSeries" and d["sea_level"].units == "m", "attributes arrive (featureType, units)")
check(d.dimensions["time"].size == len(expected), f"{len(expected)} hourly values")
check(list(d["sea_level_qc"].flag_values) == [1, 2, 3, 4, 9], "flag_values are numbers")
first = d["sea_level"][:48]
check(np.allclose(np.ma.filled(first, np.nan), expected[:48], equal_nan=True), "the first two days equal the raw file")
strided = d["sea_level"][1000:2000:7]
check(np.allclose(np.ma.filled(strided, np.nan), expected[1000:2000:7], equal_nan=True), "a strided slice equals the file's")
times = netCDF4.num2date(d["time"][[0, -1]], d["time"].units)
check(str(times[0]) == "2010-01-01 00:00:00" and str(times[1]) == "2010-12-31 23:00:00", "time decodes to 2010-01-01 … 2010-12-31 23:00")
check(abs(float(d["latitude"][...]) - 21.3067) < 1e-3, "the station's latitude")

grid, source = netCDF4.Dataset(grid_url), netCDF4.Dataset(grid_file)
check(grid[variable].shape == source[variable].shape, f"grid {variable}: shape {grid[variable].shape} as in the file")
check(np.allclose(grid["latitude"][:], source["latitude"][:]) and np.allclose(grid["longitude"][:], source["longitude"][:]), "grid axes equal the file's")
served_times = netCDF4.num2date(grid["time"][:], grid["time"].units)
file_times = netCDF4.num2date(source["time"][:], source["time"].units)
check(all(str(a) == str(b) for a, b in zip(served_times, file_times)), "grid times decode to the file's")
box = (slice(5, 9), slice(40, 60, 3), slice(100, 150, 7))
a, b = grid[variable][box], source[variable][box]
check(a.shape == b.shape and np.ma.allclose(a, b) and (np.ma.getmaskarray(a) == np.ma.getmaskarray(b)).all(), "a box over four days, strided, equals the file's (land masked alike)")
print("netcdf4 over opendap: all checks passed")
