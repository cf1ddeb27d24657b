"""netCDF4-python (netCDF-C's DAP2 client underneath) against BlueWatch's OPeNDAP server.

Usage: netcdf4_opendap_client.py SERIES_URL HNL2010.asc

Opens a stored series by URL, reads slices lazily (each a `.dods` request with a hyperslab)
and checks them against the raw UHSLC/UTide file (millimetres, hourly from 2010-01-01T00:00Z,
9999 missing). Exits 1 on the first failure.
"""
import sys

import netCDF4
import numpy as np


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        sys.exit(1)


url, raw = sys.argv[1], sys.argv[2]
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
print("netcdf4 over opendap: all checks passed")
