#!/usr/bin/env python3
"""Reference QARTOD flags with IOOS ioos_qc 3.0 on real series in ../shared/data, with the
thresholds of stations/qc.toml (the kind's defaults plus the station's overrides, merged the
way BlueWatch merges them), for Tests/Golden/qc_flags.json.

Each series is read here independently of BlueWatch, the way its provider documents it
(heights in metres: millimetres / 1000; missing values NaN; PSMSL months at the exact middle
of the calendar month). For every test the golden file lists the indices of values whose flag
is not 1 (pass), by flag, and the same for ioos_qc's aggregate (qartod_compare).

Run: .venv/bin/python scripts/reference/qc_reference.py   (needs numpy, pandas, netCDF4, ioos_qc)
"""
import calendar
import datetime as dt
import json
import pathlib
import tomllib

import netCDF4
import numpy as np
import pandas as pd
from ioos_qc import qartod

root = pathlib.Path(__file__).resolve().parents[2]
data = root.parent / "shared/data"
config = tomllib.loads((root / "stations/qc.toml").read_text())


def settings(kind, station):
    merged = {k: v for k, v in config["kinds"][kind].items() if k != "description"}
    for o in config.get("override", []):
        if o["station"] == station and o.get("kind") in (None, kind):
            merged.update({k: v for k, v in o.items() if k not in ("station", "kind", "reason")})
    return merged


def hnl2010():
    raw = np.loadtxt(data / "sealevel/hourly/HNL2010.asc")
    seconds = np.round(raw[:, 0] * 86400).astype("int64")
    t = np.datetime64("1700-01-01T00:00:00", "s") + seconds.astype("timedelta64[s]")
    return t, raw[:, 1] / 1000


def nukualofa(event):
    d = pd.read_csv(data / f"tsunami/tidegauge_nukualofa/nukualofa_{event}_detided.csv")
    h = d["height"] if "height" in d else d["stage"]
    return pd.to_datetime(d["time"]).values.astype("datetime64[s]"), h.to_numpy(dtype=float)


def coops_1min(name):
    d = pd.read_csv(next((data / "tsunami/tidegauge_hawaii_tohoku2011").glob(f"{name}_*.csv")), na_values=["-"])
    t = pd.to_datetime(d["DATE"] + " " + d["TIME"], format="%m/%d/%Y %H:%M").values.astype("datetime64[s]")
    return t, d["1MIN"].to_numpy(dtype=float)


def dart21418():
    with netCDF4.Dataset(data / "tsunami/netcdf/dart_21418_tohoku2011_ndbc-layout.nc") as nc:
        t = np.datetime64("1970-01-01T00:00:00", "s") + nc["time"][:].astype("int64").astype("timedelta64[s]")
        h = np.ma.filled(nc["height"][:, 0, 0].astype(float), np.nan)
    return t, h


def psmsl_monthly(pid):
    times, values = [], []
    for line in (data / f"sealevel/psmsl/rlr_monthly/{pid}.rlrdata").read_text().splitlines():
        f = [x.strip() for x in line.split(";")]
        year, month = int(float(f[0])), round((float(f[0]) - int(float(f[0]))) * 12 + 0.5)
        days = calendar.monthrange(year, month)[1]
        start = dt.datetime(year, month, 1)
        times.append(np.datetime64(start, "s") + np.timedelta64(days * 43200, "s"))
        v = float(f[1])
        values.append(np.nan if v == -99999 else v / 1000)
    return np.array(times, dtype="datetime64[s]"), np.array(values)


def run_tests(t, x, s):
    results = {}
    if "time_gap" in s:
        results["time_gap"] = qartod.time_gap_test(t, fail_span=s["time_gap"]["fail_seconds"] / 3600)
    if "gross_range" in s:
        g = s["gross_range"]
        results["gross_range"] = qartod.gross_range_test(x, fail_span=g["fail"], suspect_span=g.get("suspect"))
    if "climatology" in s:
        c = qartod.ClimatologyConfig()
        for m in s["climatology"]:
            c.add(tspan=(m["month"], m["month"]), period="month", vspan=m["suspect"], fspan=m.get("fail"))
        results["climatology"] = qartod.climatology_test(c, x, t, np.full(x.shape, np.nan))
    if "spike" in s:
        results["spike"] = qartod.spike_test(x, suspect_threshold=s["spike"].get("suspect"), fail_threshold=s["spike"].get("fail"))
    if "rate_of_change" in s:
        r = s["rate_of_change"]
        results["rate_of_change"] = qartod.rate_of_change_test(x, t, threshold=r["suspect"], fail_threshold=r.get("fail"))
    if "flat_line" in s:
        f = s["flat_line"]
        results["flat_line"] = qartod.flat_line_test(x, t, suspect_threshold=f["suspect_seconds"],
                                                     fail_threshold=f["fail_seconds"], tolerance=f["tolerance"])
    return results


def positions(flags):
    flags = np.ma.filled(np.asarray(flags), 9).astype(int)
    return {str(f): np.nonzero(flags == f)[0].tolist() for f in (2, 3, 4, 9) if (flags == f).any()}


series = [
    ("sealevel/hourly/HNL2010.asc", "honolulu", "gauge-hourly", hnl2010),
    *[(f"tsunami/tidegauge_nukualofa/nukualofa_{e}_detided.csv", "nukualofa", "gauge-1min", (lambda e=e: nukualofa(e)))
      for e in ("tonga2006", "chile2010", "tohoku2011", "chile2015")],
    ("tsunami/tidegauge_hawaii_tohoku2011/hilo_1617760_2011-03-11_to_2011-03-13.csv", "hilo", "gauge-1min", lambda: coops_1min("hilo")),
    ("tsunami/tidegauge_hawaii_tohoku2011/kahului_1615680_2011-03-11_to_2011-03-13.csv", "kahului", "gauge-1min", lambda: coops_1min("kahului")),
    ("tsunami/netcdf/dart_21418_tohoku2011_ndbc-layout.nc", "dart-21418", "dart", dart21418),
    *[(f"sealevel/psmsl/rlr_monthly/{p}.rlrdata", station, "monthly", (lambda p=p: psmsl_monthly(p)))
      for p, station in (("155", "honolulu"), ("1842", "nukualofa"), ("1327", None))],
]

# One more case with deliberately tight monthly spans, so that the climatology test flags
# values in every month (the real Honolulu spans flag nothing in 2010).
tight = dict(settings("gauge-hourly", "honolulu"))
tight["climatology"] = [{"month": m, "suspect": [1.1 + 0.01 * m, 1.7 - 0.01 * m], "fail": [1.0, 1.85]} for m in range(1, 13)]

golden = []
for path, station, kind, read, *custom in series + [("sealevel/hourly/HNL2010.asc", "honolulu", "gauge-hourly", hnl2010, tight)]:
    t, x = read()
    s = custom[0] if custom else settings(kind, station)
    results = run_tests(t, x, s)
    aggregate = qartod.qartod_compare(list(results.values()))
    golden.append({"file": path, "station": station, "kind": kind, "n": int(len(x)), "configuration": s, "custom": bool(custom),
                   "tests": {k: positions(v) for k, v in results.items()}, "aggregate": positions(aggregate)})
    counts = {k: {f: len(i) for f, i in positions(v).items()} for k, v in results.items()}
    print(f"{path}: {len(x)} values; {counts}")

out = root / "Tests/Golden/qc_flags.json"
out.write_text(json.dumps(golden, separators=(",", ":")) + "\n")
print(f"wrote {out.relative_to(root)} ({out.stat().st_size // 1024} KB)")
