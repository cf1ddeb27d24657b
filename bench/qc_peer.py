#!/usr/bin/env python3
"""Peer for bench/qc.sh: the QARTOD tests of stations/qc.toml for STATION's hourly gauge
(time gap, gross range, climatology, spike, rate of change, flat line, aggregate) with IOOS
ioos_qc 3.0 on the sea_level of a UHSLC-style NetCDF file. Prints one JSON line.
Usage: qc_peer.py FILE STATION"""
import json
import sys
import time
import warnings
import tomllib
from pathlib import Path

import netCDF4
import numpy as np
from ioos_qc import qartod

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts/reference"))
config = tomllib.loads((Path(__file__).resolve().parents[1] / "stations/qc.toml").read_text())
s = {k: v for k, v in config["kinds"]["gauge-hourly"].items() if k != "description"}
for o in config.get("override", []):
    if o["station"] == sys.argv[2] and o.get("kind") in (None, "gauge-hourly"):
        s.update({k: v for k, v in o.items() if k not in ("station", "kind", "reason")})
with netCDF4.Dataset(sys.argv[1]) as nc:
    days = nc["time"][:].astype(float)
    x = np.ma.filled(nc["sea_level"][0, :].astype(float), np.nan) / 1000
t = np.datetime64("1800-01-01T00:00:00", "s") + np.round(days * 86400).astype("int64").astype("timedelta64[s]")
warnings.simplefilter("ignore")
t0 = time.perf_counter()
r = [qartod.time_gap_test(t, fail_span=s["time_gap"]["fail_seconds"] / 3600),
     qartod.gross_range_test(x, fail_span=s["gross_range"]["fail"], suspect_span=s["gross_range"].get("suspect"))]
if "climatology" in s:
    c = qartod.ClimatologyConfig()
    for m in s["climatology"]:
        c.add(tspan=(m["month"], m["month"]), period="month", vspan=m["suspect"], fspan=m.get("fail"))
    r.append(qartod.climatology_test(c, x, t, np.full(x.shape, np.nan)))
r.append(qartod.spike_test(x, suspect_threshold=s["spike"]["suspect"], fail_threshold=s["spike"]["fail"]))
r.append(qartod.rate_of_change_test(x, t, threshold=s["rate_of_change"]["suspect"], fail_threshold=s["rate_of_change"]["fail"]))
f = s["flat_line"]
r.append(qartod.flat_line_test(x, t, suspect_threshold=f["suspect_seconds"], fail_threshold=f["fail_seconds"], tolerance=f["tolerance"]))
agg = qartod.qartod_compare(r)
seconds = time.perf_counter() - t0
print(json.dumps({"tool": "ioos_qc", "n": len(x), "seconds": seconds, "aggregate": {str(k): int((agg == k).sum()) for k in (1, 2, 3, 4, 9)}}))
