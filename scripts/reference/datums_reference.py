#!/usr/bin/env python3
"""Reference high/low waters and tidal datums from a tide curve, independently of BlueWatch.

Usage: datums_reference.py CURVE.csv START_SECONDS > reference.json

CURVE.csv: `time,height` rows (UTC seconds, metres), evenly sampled (BlueWatch's tests write
the prediction of the Honolulu 2010 fit every minute). High and low waters are the samples
higher (lower) than the previous sample and at least as high (low) as the next, found with
numpy on the whole curve — a plain extrema search, so their times are good to half a step.
Labels as NOAA CO-OPS tide tables: in each tidal day of 24.8412 h counted from START_SECONDS,
the highest high is HH (others H) and the lowest low LL (others L). Datums (CO-OPS, Tidal
Datums and Their Applications, 2000): MHHW, MHW, MLW, MLLW the means of those; MSL the mean of
the samples at whole hours; MTL, DTL, GT, MN, DHQ, DLQ from them; HAT/LAT the extremes.
"""
import json
import sys

import numpy as np

TIDAL_DAY = 24.8412 * 3600

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
start = float(sys.argv[2])
t, h = data[:, 0], data[:, 1]
inner = np.arange(1, len(h) - 1)
is_max = (h[inner] > h[inner - 1]) & (h[inner] >= h[inner + 1])
is_min = (h[inner] < h[inner - 1]) & (h[inner] <= h[inner + 1])
idx = inner[is_max | is_min]
high = is_max[idx - 1]
day = np.floor((t[idx] - start) / TIDAL_DAY)
kind = np.where(high, "H", "L").astype(object)
for d in np.unique(day):
    sel = np.where(day == d)[0]
    hs, ls = sel[high[sel]], sel[~high[sel]]
    if len(hs):
        kind[hs[np.argmax(h[idx[hs]])]] = "HH"
    if len(ls):
        kind[ls[np.argmin(h[idx[ls]])]] = "LL"
H = h[idx]
mhhw, mhw = H[kind == "HH"].mean(), H[high].mean()
mllw, mlw = H[kind == "LL"].mean(), H[~high].mean()
msl = h[np.mod(t, 3600) == 0].mean()
datums = {"MHHW": mhhw, "MHW": mhw, "MLW": mlw, "MLLW": mllw, "MSL": msl, "MTL": (mhw + mlw) / 2, "DTL": (mhhw + mllw) / 2,
          "GT": mhhw - mllw, "MN": mhw - mlw, "DHQ": mhhw - mhw, "DLQ": mlw - mllw, "HAT": H[high].max(), "LAT": H[~high].min()}
json.dump({"events": [{"time": float(t[i]), "height": float(h[i]), "type": k} for i, k in zip(idx, kind)],
           "datums": {k: float(v) for k, v in datums.items()}}, sys.stdout)
