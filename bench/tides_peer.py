#!/usr/bin/env python3
"""Peer for bench/tides.sh: Python UTide (utide.solve: OLS, auto constituents, linear trend,
linearised intervals from the coloured residual spectrum) on the sea_level of a UHSLC-style
NetCDF file at latitude LAT. Prints one JSON line. Usage: tides_peer.py FILE LAT"""
import sys, time, json, resource, warnings
import netCDF4, numpy as np, utide
with netCDF4.Dataset(sys.argv[1]) as nc:
    t = nc["time"][:].astype(float); h = np.ma.filled(nc["sea_level"][0, :].astype(float), np.nan)
t0 = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    c = utide.solve(t, h, lat=float(sys.argv[2]), epoch="1800-01-01", method="ols", conf_int="linear", trend=True, verbose=False)
i = list(c.name).index("M2")
print(json.dumps({"tool": "utide", "n": len(t), "constituents": len(c.name), "seconds": time.perf_counter() - t0, "m2_amplitude": float(c.A[i]), "m2_phase": float(c.g[i]), "m2_amplitude_ci": float(c.A_ci[i])}))
