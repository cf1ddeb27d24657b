#!/usr/bin/env python3
"""Reference sea-level trends for every PSMSL monthly file in ../shared/data.

Each record is prepared exactly as BlueWatch documents it (Docs/METHODS.md): -99999 and
months carrying PSMSL's flag for attention are left out; heights become millimetre anomalies
about the record mean; time is years of 365.2425 days since 2000-01-01 at the exact middle of
each calendar month. Then, independently of BlueWatch:

- OLS with statsmodels on [1, t - mean(t), cos 2πt, sin 2πt, cos 4πt, sin 4πt]; the AR(1)
  correction of Santer et al. (2000) from the residuals' lag-1 autocorrelation
  (statsmodels acf): n_eff = n(1-r1)/(1+r1), SE * sqrt((n-p)/(n_eff-p)), t with n_eff-p dof;
- acceleration: the same with a quadratic term, reported as 2*b2;
- split trend at 1993-01-01: hinge term max(0, t - t_1993), slopes b1 and b1 + b2;
- robust: the series minus its calendar-month means, rounded to 1e-6 mm; Sen's slope per year and its interval
  with scipy.stats.theilslopes (alpha=0.95); Mann-Kendall original and Hamed-Rao with
  pymannkendall.

Output: Tests/Golden/station_trends.json.
Run: .venv/bin/python scripts/reference/trend_reference.py  (needs numpy, scipy, statsmodels, pymannkendall)
"""
import calendar
import datetime as dt
import json
import pathlib

import numpy as np
import pymannkendall as mk
import statsmodels.api as sm
from scipy import stats
from statsmodels.tsa.stattools import acf

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "sealevel" / "psmsl" / "rlr_monthly"
OUT = ROOT / "Tests" / "Golden" / "station_trends.json"
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
YEAR = 365.2425 * 86400
SPLIT = (dt.datetime(1993, 1, 1, tzinfo=dt.timezone.utc) - EPOCH).total_seconds() / YEAR


def mid_month(year, month):
    start = dt.datetime(year, month, 1, tzinfo=dt.timezone.utc)
    days = calendar.monthrange(year, month)[1]
    return ((start - EPOCH).total_seconds() + days * 86400 / 2) / YEAR


def read(path):
    t, h, month = [], [], []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        f = [x.strip() for x in line.split(";")]
        dec, value, flag = float(f[0]), float(f[1]), f[3]
        year = int(np.floor(dec))
        m = int(np.floor((dec - year) * 12)) + 1
        t.append(mid_month(year, m))
        month.append(m)
        h.append(np.nan if value == -99999 or flag != "000" else value)
    h = np.array(h)
    return np.array(t), h - np.nanmean(h), np.array(month)


def corrected(res, p):
    r1 = acf(res.resid, nlags=1, fft=False)[1]
    n = len(res.resid)
    n_eff = n * (1 - r1) / (1 + r1) if r1 > 0 else n
    dof = max(n_eff - p, 1)
    return r1, n_eff, dof, np.sqrt((n - p) / dof)


def interval(value, se, dof):
    h = stats.t.ppf(0.975, dof) * se
    return {"estimate": value, "se": se, "lower": value - h, "upper": value + h, "p": 2 * stats.t.sf(abs(value / se), dof)}


def fit(t, y, extra=None):
    ok = ~np.isnan(y)
    t, y = t[ok], y[ok]
    c = t - t.mean()
    cols = [np.ones_like(t), c]
    if extra == "quadratic":
        cols.append(c * c)
    if extra == "hinge":
        cols.append(np.maximum(0, t - SPLIT))
    w = 2 * np.pi * t
    cols += [np.cos(w), np.sin(w), np.cos(2 * w), np.sin(2 * w)]
    X = np.column_stack(cols)
    return sm.OLS(y, X).fit(), X.shape[1], t


def main():
    out = {}
    for path in sorted(DATA.glob("*.rlrdata"), key=lambda p: int(p.stem)):
        t, y, month = read(path)
        res, p, tv = fit(t, y)
        r1, n_eff, dof, k = corrected(res, p)
        entry = {"n": int(res.nobs), "r1": r1, "n_eff": n_eff, "ols_se_uncorrected": res.bse[1],
                 "ols": interval(res.params[1], res.bse[1] * k, dof)}
        q, pq, _ = fit(t, y, "quadratic")
        _, _, dofq, kq = corrected(q, pq)
        entry["acceleration"] = interval(2 * q.params[2], 2 * q.bse[2] * kq, dofq)
        if (tv < SPLIT).sum() >= 24 and (tv >= SPLIT).sum() >= 24:
            s, ps, _ = fit(t, y, "hinge")
            _, _, dofs, ks = corrected(s, ps)
            cov = s.cov_params()
            se_after = np.sqrt(cov[1, 1] + cov[2, 2] + 2 * cov[1, 2]) * ks
            entry["split"] = {"before": interval(s.params[1], s.bse[1] * ks, dofs), "after": interval(s.params[1] + s.params[2], se_after, dofs)}
        clim = np.array([np.nanmean(y[month == m]) for m in range(1, 13)])
        des = np.round(y - clim[month - 1], 6)  # values compared at 1e-6 mm, as BlueWatch does
        ok = ~np.isnan(des)
        sen = stats.theilslopes(des[ok], t[ok], alpha=0.95)
        o = mk.original_test(des)
        h = mk.hamed_rao_modification_test(des)
        entry["sen"] = {"slope": sen.slope, "lower": sen.low_slope, "upper": sen.high_slope}
        entry["mk"] = {"s": o.s, "var_s": o.var_s, "z": o.z, "p": o.p, "tau": o.Tau}
        entry["hamed_rao"] = {"s": h.s, "var_s": h.var_s, "z": h.z, "p": h.p}
        out[path.stem] = entry
    OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT} ({len(out)} stations)")


if __name__ == "__main__":
    main()
