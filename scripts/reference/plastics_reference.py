#!/usr/bin/env python3
"""Reference values for BlueWatch's microplastics analysis on the real NCEI North Pacific
exports (../shared/data/microplastics/ncei_npsg_{west,east}_microplastics.csv), for
Tests/Golden/plastics.json. Independent of BlueWatch's code:

* Cell areas: pyproj `Geod(ellps="WGS84").polygon_area_perimeter` of each cell with its
  parallel edges densified (100 points per edge; a 4-corner polygon would have geodesic
  edges, not parallels, and differ by up to 0.09 % for 5° cells).
* Gridding: 1° cells aligned to whole degrees; longitudes in 0…360 (the data straddle 180°);
  per-cell count and median of pieces/m³ (all rows are Neuston-net pieces/m³).
* Gi*: binary distance-band weights between occupied cell centres within 3 × 111.32 km
  (pyproj geodesic distances), each cell its own neighbour; esda.G_Local(y, w, transform="B",
  star=True) on the cell medians. z-scores are deterministic; p_sim depends on the random
  stream (BlueWatch's differs), so the golden file keeps it to check agreement statistically.
* Trend: annual medians (years with >= 3 samples) of the east export, pymannkendall's
  original test and scipy's theilslopes.

Run: .venv/bin/python scripts/reference/plastics_reference.py  (needs numpy, pandas, pyproj,
esda, libpysal, scipy, pymannkendall)
"""
import json
import math
import pathlib

import esda
import libpysal
import numpy as np
import pandas as pd
import pymannkendall
import pyproj
import scipy.stats

root = pathlib.Path(__file__).resolve().parents[2]
data = root.parent / "shared/data/microplastics"
geod = pyproj.Geod(ellps="WGS84")


def cell_area(south, north, west, east, n=100):
    lons = [west + (east - west) * i / n for i in range(n + 1)] + [east - (east - west) * i / n for i in range(n + 1)]
    lats = [south] * (n + 1) + [north] * (n + 1)
    area, _ = geod.polygon_area_perimeter(lons, lats)
    return abs(area)


areas = []
for res, south, west in [(0.25, 0.0, 100.0), (1.0, 15.0, 135.0), (1.0, 34.0, 225.0), (2.0, -10.0, 170.0), (5.0, 60.0, 0.0), (0.1, 89.9, 0.0)]:
    areas.append({"resolution": res, "south": south, "west": west, "area_m2": cell_area(south, south + res, west, west + res)})

frames = [pd.read_csv(data / f, encoding="utf-8-sig") for f in ["ncei_npsg_west_microplastics.csv", "ncei_npsg_east_microplastics.csv"]]
df = pd.concat(frames, ignore_index=True)
lon360 = np.where(df["Longitude"] < 0, df["Longitude"] + 360, df["Longitude"])
row = np.floor(df["Latitude"].to_numpy()).astype(int)
col = np.floor(lon360).astype(int)
df["cell_lat"] = row + 0.5
df["cell_lon"] = col + 0.5
cells = df.groupby(["cell_lat", "cell_lon"])["Measurement"].agg(["count", "median", "mean", "max"]).reset_index()

lat = cells["cell_lat"].to_numpy()
lon = cells["cell_lon"].to_numpy()
n = len(cells)
band = 3 * 111.32 * 1000
neighbours = {}
for i in range(n):
    _, _, d = geod.inv(np.full(n, lon[i]), np.full(n, lat[i]), lon, lat)
    neighbours[i] = [j for j in range(n) if d[j] <= band and j != i]
w = libpysal.weights.W(neighbours, silence_warnings=True)
y = cells["median"].to_numpy()
gi = esda.G_Local(y, w, transform="B", star=True, permutations=999, seed=12345)
fdr = esda.fdr(gi.p_sim, 0.05)

east = frames[1]
years = pd.to_datetime(east["Date"], format="%m/%d/%Y %I:%M:%S %p").dt.year
annual = east.assign(year=years).groupby("year")["Measurement"].agg(["count", "median"]).reset_index()
annual = annual[annual["count"] >= 3]
mk = pymannkendall.original_test(annual["median"].to_numpy())
ts = scipy.stats.theilslopes(annual["median"].to_numpy(), annual["year"].to_numpy().astype(float), alpha=0.95)

golden = {
    "source": "scripts/reference/plastics_reference.py",
    "versions": {"esda": esda.__version__, "libpysal": libpysal.__version__, "pyproj": pyproj.__version__, "pymannkendall": "1.4.3", "scipy": scipy.__version__},
    "cell_areas": areas,
    "grid": {"resolution": 1.0, "band_km": band / 1000, "samples": int(len(df))},
    "cells": [
        {"lat": float(lat[i]), "lon": float(lon[i]), "count": int(cells["count"][i]), "median": float(y[i]),
         "neighbours": len(neighbours[i]) + 1, "z": float(gi.Zs[i]), "p_norm": float(gi.p_norm[i]), "p_sim": float(gi.p_sim[i])}
        for i in range(n)
    ],
    "fdr_threshold_p_sim": float(fdr),
    "east_annual_medians": {
        "years": [int(v) for v in annual["year"]], "medians": [float(v) for v in annual["median"]], "counts": [int(v) for v in annual["count"]],
        "mk_s": float(mk.s), "mk_z": float(mk.z), "mk_p": float(mk.p), "sen_slope": float(ts.slope), "sen_lower": float(ts.low_slope), "sen_upper": float(ts.high_slope),
    },
}
out = root / "Tests/Golden/plastics.json"
out.write_text(json.dumps(golden, indent=1) + "\n")
print(f"wrote {out}: {n} cells, {sum(1 for c in golden['cells'] if c['p_sim'] <= fdr)} significant at FDR 0.05")
