#!/usr/bin/env python3
"""The Python peer of BlueWatch's microplastics gridding and Gi*: pandas reads the NCEI CSV,
NumPy bins the samples on the same whole-degree grid (longitudes 0…360), pyproj gives the
cell areas (polygon_area_perimeter with densified parallels, per row), scikit-learn's
BallTree (haversine) finds the distance-band neighbours, esda.G_Local(star=True,
transform="B", 999 permutations; numba-accelerated when installed) computes Gi*, esda.fdr
the FDR threshold. Best of N timed runs of grid + weights + Gi* (reading the CSV not timed).

Usage: plastics_peer.py FILE.csv RESOLUTION BAND_KM N
"""
import json
import sys
import time
import warnings

import esda
import libpysal
import numpy as np
import pandas as pd
import pyproj
from sklearn.neighbors import BallTree

warnings.filterwarnings("ignore")
path, res, band_km, repeats = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
df = pd.read_csv(path, encoding="utf-8-sig", usecols=["Latitude", "Longitude", "Measurement", "Unit"])
geod = pyproj.Geod(ellps="WGS84")


def run():
    lat = df["Latitude"].to_numpy()
    lon = df["Longitude"].to_numpy()
    lon = np.where(lon < 0, lon + 360, lon)
    r = np.floor(lat / res).astype(np.int64)
    c = np.floor(lon / res).astype(np.int64)
    key = r * 100000 + c
    cells = pd.DataFrame({"key": key, "v": df["Measurement"].to_numpy()}).groupby("key")["v"].agg(["count", "median", "mean", "min", "max"])
    rows = (cells.index.to_numpy() // 100000)
    cols = cells.index.to_numpy() % 100000
    clat = (rows + 0.5) * res
    clon = (cols + 0.5) * res
    areas = {}
    for row in np.unique(rows):
        s = row * res
        k = 50
        lons = [i * res / k for i in range(k + 1)] + [res - i * res / k for i in range(k + 1)]
        areas[row] = abs(geod.polygon_area_perimeter(lons, [s] * (k + 1) + [s + res] * (k + 1))[0])
    area = np.array([areas[x] for x in rows])
    tree = BallTree(np.radians(np.c_[clat, np.where(clon > 180, clon - 360, clon)]), metric="haversine")
    ind = tree.query_radius(np.radians(np.c_[clat, np.where(clon > 180, clon - 360, clon)]), r=band_km / 6371.0088)
    w = libpysal.weights.W({i: [int(j) for j in ind[i] if j != i] for i in range(len(ind))}, silence_warnings=True)
    gi = esda.G_Local(cells["median"].to_numpy(), w, transform="B", star=True, permutations=999, seed=1)
    threshold = esda.fdr(gi.p_sim, 0.05)
    return len(cells), int((gi.p_sim <= threshold).sum()), float(area.sum())


best = float("inf")
result = None
for _ in range(repeats):
    t = time.perf_counter()
    result = run()
    best = min(best, time.perf_counter() - t)
try:
    import numba  # noqa: F401
    accel = "numba"
except ImportError:
    accel = "none"
print(json.dumps({"bench": "plastics", "tool": "python", "samples": len(df), "cells": result[0], "significant": result[1],
                  "area_m2": result[2], "seconds": best, "accelerator": accel}))
