#!/usr/bin/env python3
"""Builds longer hourly inputs for bench/tides.sh and bench/qc.sh from the real Honolulu 2010
year (../shared/data/sealevel/netcdf/honolulu_057_hourly_2010_uhslc-layout.nc), and says so in
each file's attributes:

    tide  = UTide's prediction from its own fit of the 2010 year (OLS, auto constituents,
            latitude 21.3069), evaluated hour by hour from 2001-01-01 for N years, nodal
            corrections included; this gives a tide that evolves over the 18.6-year cycle;
    noise = the real 2010 non-tidal residual (observed − that fit), repeated year after year;
    value = round(tide + noise) in mm, int16, in the same UHSLC-style layout as the 2010 file.

These are benchmark inputs, not data: they are written to a scratch folder and never ingested.
Usage: .venv/bin/python bench/make_long_tide_record.py OUT_DIR YEARS...
"""
import sys
import warnings
from pathlib import Path

import netCDF4
import numpy as np
import utide

out_dir = Path(sys.argv[1])
out_dir.mkdir(parents=True, exist_ok=True)
years = [int(y) for y in sys.argv[2:]] or [1, 5, 19]
source = Path(__file__).resolve().parents[1].parent / "shared/data/sealevel/netcdf/honolulu_057_hourly_2010_uhslc-layout.nc"
LAT = 21.3069

with netCDF4.Dataset(source) as nc:
    t2010 = nc["time"][:].astype(float)  # days since 1800-01-01
    h2010 = nc["sea_level"][0, :].astype(float)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    coef = utide.solve(t2010, h2010, lat=LAT, epoch="1800-01-01", method="ols", conf_int="linear", trend=False, verbose=False)
    fit2010 = utide.reconstruct(t2010, coef, epoch="1800-01-01", verbose=False).h
residual = h2010 - fit2010
start = (np.datetime64("2001-01-01") - np.datetime64("1800-01-01")).astype(int)

for n in years:
    hours = n * 8760 + (n // 4) * 24
    t = start + np.arange(hours) / 24.0
    tide = np.empty(hours)
    for a in range(0, hours, 8760):  # a year at a time keeps utide's memory small
        b = min(hours, a + 8760)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tide[a:b] = utide.reconstruct(t[a:b], coef, epoch="1800-01-01", verbose=False).h
    values = np.round(tide + np.resize(residual, hours)).astype("int16")
    path = out_dir / f"hnl_{n}y.nc"
    with netCDF4.Dataset(source) as src, netCDF4.Dataset(path, "w") as dst:
        for name, dim in src.dimensions.items():
            dst.createDimension(name, hours if name == "time" else len(dim))
        for name, var in src.variables.items():
            fill = var.getncattr("_FillValue") if "_FillValue" in var.ncattrs() else None
            v = dst.createVariable(name, var.datatype, var.dimensions, fill_value=fill)
            v.setncatts({k: var.getncattr(k) for k in var.ncattrs() if k != "_FillValue"})
            if name == "time":
                v[:] = t
            elif name == "sea_level":
                v[0, :] = values
                v.comment = "BENCHMARK INPUT, NOT DATA: UTide prediction from the 2010 fit plus the real 2010 residual repeated; mm"
            else:
                v[:] = var[:]
        dst.setncatts({k: src.getncattr(k) for k in src.ncattrs()})
        dst.title = f"Honolulu hourly, {n} years built from the real 2010 year (benchmark input, not data)"
        dst.summary = __doc__.split("\n\n")[0] + f" Years: {n} (2001-01-01 onward), {hours} hours."
        dst.history = f"written by bench/make_long_tide_record.py from {source.name}"
        dst.provenance = dst.comment = ("BENCHMARK INPUT, NOT DATA: UTide prediction from a fit of the real Honolulu 2010 year "
                                        "plus the real 2010 non-tidal residual repeated; see bench/make_long_tide_record.py")
    print(f"{path}: {hours} hourly values")
