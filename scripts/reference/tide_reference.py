#!/usr/bin/env python3
"""Reference tidal harmonic analyses with Python UTide (utide 0.4) on the real Honolulu 2010
hourly record (../shared/data/sealevel/hourly/HNL2010.asc; time in days since 1700-01-01,
heights in mm), for Tests/Golden/tides_hnl2010.json:

- "ols": solve(t, h, lat=21, method='ols', conf_int='linear', trend=True, constit='auto'),
  the MATLAB reference's configuration (ut_solv ... 'OLS','linci');
- "gappy": the same with every 10th day set to NaN (a regular axis with gaps);
- "irregular": the same on the record with every 10th day removed (an irregular axis);
- "white": ols with white=True;
- "named": constit=['M2','S2','N2','K1','O1'];
- "lat5": ols at latitude 5, which BlueWatch must reproduce at latitude 0 (UTide itself gives
  NaN there: np.sign(0)*5 = 0 divides by zero; UTide issues 60 and 62).

Run: .venv/bin/python scripts/reference/tide_reference.py   (needs numpy, scipy, utide)
"""
import json
import pathlib
import warnings

import numpy as np
import utide

root = pathlib.Path(__file__).resolve().parents[2]
data = root.parent / "shared/data/sealevel/hourly/HNL2010.asc"
raw = np.loadtxt(data)
# days since 1700-01-01 -> days since 1970-01-01 (epoch passed to utide as a string)
days1700 = raw[:, 0]
offset = (np.datetime64("1970-01-01") - np.datetime64("1700-01-01")).astype(int)
# The file writes times with 7 decimals (8.64 ms), so np.diff jitters by 1e-7 days and UTide
# would take the axis as irregular (Lomb-Scargle intervals). BlueWatch snaps such stamps to
# whole seconds; do the same here so both sides see the regular hourly axis it is.
t = np.round((days1700 - offset) * 86400) / 86400
h = raw[:, 1].astype(float)


def run(t, h, lat, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = utide.solve(t, h, lat=lat, epoch="1970-01-01", method=kw.pop("method", "ols"),
                        conf_int="linear", trend=True, verbose=False, **kw)
    rows = []
    for i, name in enumerate(c.name):
        rows.append({"name": str(name), "frequency": float(c.aux.frq[i]), "A": float(c.A[i]), "A_ci": float(c.A_ci[i]),
                     "g": float(c.g[i]), "g_ci": float(c.g_ci[i]), "SNR": float(c.SNR[i]), "PE": float(c.PE[i])})
    return {"lat": lat, "mean": float(c.mean), "slope_per_day": float(c.slope),
            "reftime_days_since_1970": float(c.aux.reftime), "constituents": rows}


golden = {}
golden["ols"] = run(t, h, 21.0)
gap = np.floor(t - t[0]).astype(int) % 10 == 9
hg = h.copy(); hg[gap] = np.nan
golden["gappy"] = run(t, hg, 21.0)
golden["irregular"] = run(t[~gap], h[~gap], 21.0)
golden["white"] = run(t, h, 21.0, white=True)
golden["named"] = run(t, h, 21.0, constit=["M2", "S2", "N2", "K1", "O1"])
golden["lat5"] = run(t, h, 5.0)
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        at0 = utide.solve(t, h, lat=0.0, epoch="1970-01-01", conf_int="linear", verbose=False)
    golden["utide_at_latitude_0"] = f"M2 amplitude {at0.A[0]}"
except Exception as e:  # noqa: BLE001 - recording how UTide fails is the point
    golden["utide_at_latitude_0"] = f"{type(e).__name__}: {e}"

out = root / "Tests/Golden/tides_hnl2010.json"
out.write_text(json.dumps(golden, indent=1) + "\n")
print(f"wrote {out.relative_to(root)}: {len(golden['ols']['constituents'])} constituents; "
      f"utide at latitude 0: {golden['utide_at_latitude_0']}")
