#!/usr/bin/env python3
"""Reference tsunami travel times with scikit-fmm on the real NW Pacific 4-arc-minute grid
(../shared/data/bathymetry/nw_pacific_4arcmin_dem.nc), for Tests/Golden/travel_times.json.

Speeds: c = sqrt(g·depth), g = 9.81 m/s², depth = −elevation where elevation < 0; land
(elevation >= 0) is masked (impassable). scikit-fmm takes one spacing per axis, so this
reference uses uniform spacings: dy = 7,413.0 m (4′ of latitude), dx = 5,800.0 m. Source: the
grid cell nearest the 2011 Tohoku epicentre (38.297N 142.373E), as φ = −1 in that cell and +1
elsewhere. skfmm.travel_time(order=1) (BlueWatch marches first order); the golden file keeps every 8th row and column
(and the 5 DART sites) to stay small.

Run: .venv/bin/python scripts/reference/travel_time_reference.py   (needs numpy, netCDF4, scikit-fmm)
"""
import json
import pathlib
import time

import netCDF4
import numpy as np
import skfmm

root = pathlib.Path(__file__).resolve().parents[2]
with netCDF4.Dataset(root.parent / "shared/data/bathymetry/nw_pacific_4arcmin_dem.nc") as nc:
    lat = nc["lat"][:].astype(float)
    lon = nc["lon"][:].astype(float)
    z = np.ma.filled(nc["elevation"][:].astype(float), np.nan)
ocean = z < 0
speed = np.where(ocean, np.sqrt(9.81 * np.where(ocean, -z, 0)), 0.0)
j0, i0 = int(np.argmin(abs(lat - 38.297))), int(np.argmin(abs(lon - 142.373)))
phi = np.ones_like(z)
phi[j0, i0] = -1
dy, dx = 7413.0, 5800.0
out = {"dx": dx, "dy": dy, "source": [j0, i0], "step": 8, "ny": int(z.shape[0]), "nx": int(z.shape[1])}
darts = {"21401": (42.617, 152.583), "21413": (30.554, 152.131), "21418": (38.67, 148.76), "21414": (48.953, 178.218), "21415": (50.167, 171.915)}
for order in (1,):
    t0 = time.perf_counter()
    T = skfmm.travel_time(np.ma.MaskedArray(phi, ~ocean), np.ma.MaskedArray(np.where(ocean, speed, 1.0), ~ocean), dx=[dy, dx], order=order)
    seconds = time.perf_counter() - t0
    T = np.ma.filled(T.astype(float), np.nan)
    sample = T[::8, ::8]
    out[f"order{order}"] = {
        "seconds": seconds,
        "sample": [[None if np.isnan(v) else round(float(v), 6) for v in row] for row in sample],
        "darts": {k: float(T[int(np.argmin(abs(lat - la))), int(np.argmin(abs(lon - lo)))]) for k, (la, lo) in darts.items()},
    }
    print(f"order {order}: {seconds:.2f} s; reached {np.isfinite(T).sum()} of {ocean.sum()} ocean cells; DART 21418 {out[f'order{order}']['darts']['21418']:.0f} s")
(root / "Tests/Golden/travel_times.json").write_text(json.dumps(out, separators=(",", ":")) + "\n")
