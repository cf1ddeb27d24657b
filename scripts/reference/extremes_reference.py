#!/usr/bin/env python3
"""Reference extreme-value fits with scipy.stats and pyextremes on the real files, independently
of BlueWatch.

GEV (block maxima):
- Input: each ../shared/data/sealevel/monthly_maxima/monthly_max_<id>.csv (m). Annual maxima are
  the highest monthly maximum of each calendar year (UTC, by t_monthly_max), kept when the year
  has at least 10 monthly maxima (80 % of 12).
- MLE: scipy.stats.genextreme.fit (from its default start and from Gumbel moments, the better
  kept), then polished (xi > -1, where the maximum is regular) with scipy.optimize.minimize (Nelder-Mead,
  xatol 1e-10, fatol 1e-13) on genextreme.nnlf, so the golden is the maximum and not where
  scipy's default tolerances stopped. Shape printed as xi = -c (Coles' sign).
- Return levels for T = 2, 5, 10, 20, 50, 100, 200, 500 years: genextreme.isf(1/T).
- 95 % profile-likelihood intervals of the 2-, 10- and 100-year levels: for a level z,
  loc = z - scale*((-log(1-1/T))**c - 1)/(-c) (Coles 3.4),
  minimised over (c, log scale) with Nelder-Mead; the bounds where 2*(profile - min) equals
  chi2(1).ppf(0.95), by brentq.
- Non-stationary GEV: loc = mu0 + mu1 * (year - mean year), year the decimal year of the
  maximum's time (365.2425-day years); return levels at 1993.5 and 2023.5.
- pyextremes 2.x: EVA.set_extremes(annual maxima, method="BM", block_size="365.2425D"),
  fit_model("MLE", distribution="genextreme"), get_summary(return_period=T, alpha=0.95,
  n_samples=1000): its parameters, return values and bootstrap bounds.

GPD (peaks over a threshold):
- Input: the Honolulu 2010 hourly residual, sea level minus a UTide reconstruction
  (utide.solve(t, h, lat=21.3, method='ols', conf_int='none', trend=False, constit='auto')),
  in metres; the residual itself is written to the golden so BlueWatch fits the same numbers.
- Threshold: the 0.99 quantile (numpy linear) of the residual; runs declustering with r = 24 h
  (pyextremes.get_extremes(method="POT", r="24h")); rate = peaks / record years (365.2425 d).
- MLE: scipy.stats.genpareto.fit(excesses, floc=0), polished as above; return levels
  threshold + genpareto.isf(1/(rate*T)) for T = 2, 5, 10, 20 years; profile intervals; pyextremes'
  summary (bootstrap n_samples=1000).

Bootstrap (the same nonparametric scheme, with the fit done right): for Honolulu (57) and Hilo
(60) GEV and the GPD case, 1,000 resamples of the extremes with replacement
(numpy default_rng(2026)), each refitted by Nelder-Mead from the maximum-likelihood estimate
(xi > -1), percentile bounds (numpy linear) of the return levels. pyextremes' own bootstrap
refits with scipy's default start, which fails on some resamples (it does on the whole
Nawiliwili record: c = 1.55), so its bounds are kept for the record, not compared.

Diagnostics: for each GEV case the Kolmogorov-Smirnov test of the maxima against the fitted
GEV (scipy.stats.kstest, method="asymp"); for the GPD case, threshold-choice aids at 20
thresholds between the 0.90 and 0.995 quantiles of the residual: the cluster peaks
(pyextremes.get_extremes, r = 24 h), their mean excess with a 95 % normal interval, and the
polished GPD fit's shape and modified scale sigma - xi*u.

Monthly blocks with a seasonal cycle (`--seasonal` adds them to the existing file): every
monthly maximum of each file is a block, at the centre of its month c = year + (month - 0.5)/12
(month of t_monthly_max). Location mu(c) = mu0 + a cos 2*pi*phi + b sin 2*pi*phi (phi = c's
fraction of the year), and with a trend + mu1 (c - mean c); scale and shape constant; MLE by the
polished Nelder-Mead on -sum genextreme.logpdf. The annual T-year level z solves
sum over the 12 months of -log G_m(z) = -log(1 - 1/T) (scipy.optimize.brentq), for 2010 (the
seasonal fit's levels are the same every year) and for 2023 with the trend. The 100-year level's
95 % profile interval of the seasonal fit (Honolulu only: each profile point is a 5-parameter
Nelder-Mead with a root search inside every evaluation, about an hour per gauge in Python): mu0 = level - z(mu0 = 0) (every month's location moves
one for one with mu0), the other four parameters minimised out.

Output: Tests/Golden/extremes.json. `--update` recomputes the bootstrap bounds and the
diagnostics into the existing file (minutes instead of the whole run).
Run: .venv/bin/python scripts/reference/extremes_reference.py  (needs scipy, pandas, utide,
pyextremes: scripts/bootstrap.sh --bench)
"""
import json
import pathlib
import warnings

import numpy as np
import pandas as pd
import utide
from pyextremes import EVA, get_extremes
from scipy import optimize, stats

warnings.filterwarnings("ignore")
ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "sealevel"
OUT = ROOT / "Tests" / "Golden" / "extremes.json"
PERIODS = [2, 5, 10, 20, 50, 100, 200, 500]
CRIT = stats.chi2.ppf(0.95, 1) / 2
PROFILED = (0, 2, 5)  # the 2-, 10- and 100-year levels get profile intervals
YEAR = 365.2425 * 86400


def polish(raw, start):
    def nnlf(p):
        v = raw(p)
        return v if np.isfinite(v) else np.inf
    r = optimize.minimize(nnlf, start, method="Nelder-Mead",
                          options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 200000, "maxfev": 200000})
    for _ in range(5):
        r2 = optimize.minimize(nnlf, r.x, method="Nelder-Mead",
                               options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 200000, "maxfev": 200000})
        if r2.fun >= r.fun - 1e-13:
            break
        r = r2
    return r.x, r.fun


def profile_bounds(level_hat, nll_min, profile, scale):
    def drop(z):
        d = profile(z) - nll_min - CRIT
        return d if np.isfinite(d) else np.inf
    out = []
    for direction in (-1, 1):
        step = max(scale * 0.05, abs(level_hat) * 1e-4)
        inside, z = level_hat, None
        while step < 100 * scale:
            x = inside + direction * step
            d = drop(x)
            if not np.isfinite(d) or d > 0:
                z = optimize.brentq(lambda v: min(drop(v), 1e6), min(inside, x), max(inside, x), xtol=1e-12)
                break
            inside = x
            step *= 1.6
        out.append(z)
    return out


def gev_case(path):
    df = pd.read_csv(path, parse_dates=["t_monthly_max"])
    df = df.dropna(subset=["monthly_max"])
    df["year"] = df["t_monthly_max"].dt.year
    maxima, times, years = [], [], []
    for y, g in df.groupby("year"):
        if len(g) < 10:
            continue
        i = g["monthly_max"].values.argmax()
        maxima.append(float(g["monthly_max"].values[i]))
        t = g["t_monthly_max"].values[i]
        times.append(t)
        years.append(int(y))
    z = np.array(maxima)
    c0, loc0, scale0 = stats.genextreme.fit(z)
    # scipy's default start can land far from the maximum (Nawiliwili: c = 1.55, nnlf -14 against
    # -41 at the maximum); fit again from Gumbel moments and start the polish from the better.
    s_m = np.std(z, ddof=1) * np.sqrt(6) / np.pi
    c1, loc1, scale1 = stats.genextreme.fit(z, 0.1, loc=np.mean(z) - 0.5772 * s_m, scale=s_m)
    start = min([(c0, loc0, scale0), (c1, loc1, scale1)],
                key=lambda p: stats.genextreme.nnlf(p, z) if p[0] < 1 else np.inf)
    # xi <= -1 (c >= 1) has no regular maximum (the likelihood grows without bound): kept out.
    x, nll = polish(lambda p: stats.genextreme.nnlf((p[0], p[1], np.exp(p[2])), z) if p[0] < 1 else np.inf,
                    [start[0], start[1], np.log(start[2])])
    c, loc, scale = x[0], x[1], np.exp(x[2])
    levels = [float(stats.genextreme.isf(1 / T, c, loc, scale)) for T in PERIODS]

    def profile_for(T):
        state = {"x": np.array([c, np.log(scale)])}

        def prof(level):
            def f(q):
                if q[0] >= 1:
                    return np.inf
                s = np.exp(q[1])
                # loc that puts the T-year level at `level` (Coles 3.4; scipy's c = -xi)
                yp = -np.log1p(-1 / T)
                mu = level - (s * np.expm1(q[0] * np.log(yp)) / -q[0] if abs(q[0]) > 1e-12 else -s * np.log(yp))
                v = stats.genextreme.nnlf((q[0], mu, s), z)
                return v if np.isfinite(v) else np.inf
            r = min((optimize.minimize(f, s0, method="Nelder-Mead",
                                       options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 20000})
                     for s0 in (state["x"], np.array([c, np.log(scale)]))), key=lambda r: r.fun)
            if np.isfinite(r.fun):
                state["x"] = r.x
            return r.fun
        return prof

    profiles = [profile_bounds(L, nll, profile_for(T), scale) if i in PROFILED else None
                for i, (L, T) in enumerate(zip(levels, PERIODS))]

    # Non-stationary: location linear in the decimal year of the maximum.
    epoch = np.datetime64("1970-01-01T00:00:00")
    secs = np.array([(np.datetime64(t) - epoch) / np.timedelta64(1, "s") for t in times])
    dec = np.array([decimal_year(s) for s in secs])
    ref = dec.mean()

    def nll_ns(p):
        if p[3] >= 1:
            return np.inf
        s = np.exp(p[2])
        return -np.sum(stats.genextreme.logpdf(z, p[3], loc=p[0] + p[1] * (dec - ref), scale=s))
    slope0 = np.polyfit(dec - ref, z, 1)[0]
    xs, nll_s = polish(lambda p: nll_ns(p) if np.isfinite(nll_ns(p)) else np.inf, [loc, slope0, np.log(scale), c])
    ns_levels = {str(Y): [float(stats.genextreme.isf(1 / T, xs[3], xs[0] + xs[1] * (Y - ref), np.exp(xs[2]))) for T in PERIODS]
                 for Y in (1993.5, 2023.5)}

    # pyextremes
    series = pd.Series(z, index=pd.DatetimeIndex(times), name="sea_level")
    eva = EVA(series)
    eva.set_extremes(series, method="BM", extremes_type="high", block_size="365.2425D")
    eva.fit_model("MLE", distribution="genextreme")
    summary = eva.get_summary(return_period=PERIODS, alpha=0.95, n_samples=1000)
    fp = eva.model.fit_parameters
    return {
        "years": years, "maxima": maxima, "decimal_years": dec.tolist(),
        "scipy_fit_unpolished": {"xi": float(-c0), "location": float(loc0), "scale": float(scale0)},
        "mle": {"xi": float(-c), "location": float(loc), "scale": float(scale), "nll": float(nll)},
        "return_levels": levels, "profile_95": profiles,
        "nonstationary": {"mu0": float(xs[0]), "mu1_per_year": float(xs[1]), "scale": float(np.exp(xs[2])),
                          "xi": float(-xs[3]), "reference_year": float(ref), "nll": float(nll_s),
                          "return_levels": ns_levels},
        "pyextremes": {"xi": float(-fp["c"]), "location": float(fp["loc"]), "scale": float(fp["scale"]),
                       "return_levels": summary["return value"].tolist(),
                       "bootstrap_lower": summary["lower ci"].tolist(), "bootstrap_upper": summary["upper ci"].tolist()},
    }


def gev_minus_log_cdf(z, mus, scale, xi):
    """-log G(z) per block, by the textbook formula (numpy; scipy's logcdf per call is too slow
    inside a profile): (1 + xi (z - mu)/scale)^(-1/xi), 0 past a bounded upper end, inf below a
    lower one."""
    x = (z - mus) / scale
    a = 1 + xi * x
    with np.errstate(all="ignore"):
        t = np.exp(-x) if abs(xi) < 1e-12 else np.where(a > 0, a ** (-1 / xi), 0.0 if xi < 0 else np.inf)
    return t


def annual_level(mus, scale, c, T):
    """z with sum_m -log G_m(z) = -log(1 - 1/T) for block locations mus (scipy's c = -xi)."""
    mus = np.asarray(mus, dtype=float)
    target = -np.log1p(-1 / T)
    share = -np.expm1(-target / len(mus))
    y = -np.log1p(-share)
    levels = mus + scale * (np.expm1(c * np.log(y)) / -c if abs(c) > 1e-12 else -np.log(y))
    lo, hi = float(np.min(levels)), float(np.max(levels))
    if hi - lo < 1e-14:
        return lo
    return float(optimize.brentq(lambda zv: np.sum(gev_minus_log_cdf(zv, mus, scale, -c)) - target, lo, hi, xtol=1e-13))


def gev_nll(z, mus, scale, xi):
    """GEV negative log-likelihood by the textbook formula (checked against scipy at the MLE)."""
    x = (z - mus) / scale
    a = 1 + xi * x
    if scale <= 0 or np.any(a <= 0):
        return np.inf
    l = np.log(a) / xi if abs(xi) > 1e-12 else x
    return float(len(z) * np.log(scale) + np.sum((1 + xi) * l + np.exp(-l)))


def seasonal_case(path, profile=False):
    df = pd.read_csv(path, parse_dates=["t_monthly_max"]).dropna(subset=["monthly_max"])
    z = df["monthly_max"].values.astype(float)
    cen = (df["t_monthly_max"].dt.year + (df["t_monthly_max"].dt.month - 0.5) / 12).values.astype(float)
    w = 2 * np.pi * (cen - np.floor(cen))
    ref = cen.mean()
    out = {"blocks": len(z), "reference_year": float(ref)}
    for name, trend in (("seasonal", False), ("seasonal_trend", True)):
        cols = [np.ones_like(z)] + ([cen - ref] if trend else []) + [np.cos(w), np.sin(w)]
        X = np.column_stack(cols)
        beta, *_ = np.linalg.lstsq(X, z, rcond=None)
        s0 = np.std(z - X @ beta, ddof=X.shape[1]) * np.sqrt(6) / np.pi
        beta[0] -= 0.5772 * s0

        def mu(p, cc):
            v = p[0] + (p[1] * (cc - ref) if trend else 0)
            k = 2 if trend else 1
            ww = 2 * np.pi * (cc - np.floor(cc))
            return v + p[k] * np.cos(ww) + p[k + 1] * np.sin(ww)

        def nll(p):
            if -p[-1] >= 1:
                return np.inf
            v = -np.sum(stats.genextreme.logpdf(z, -p[-1], loc=mu(p, cen), scale=np.exp(p[-2])))
            return v if np.isfinite(v) else np.inf
        best = min((polish(nll, list(beta) + [np.log(s0), xi0]) for xi0 in (-0.1, 0.1)), key=lambda r: r[1])
        x, f = best
        year = 2023 if trend else 2010
        months = year + (np.arange(12) + 0.5) / 12
        levels = [annual_level(mu(x, months), np.exp(x[-2]), -x[-1], T) for T in PERIODS]
        fit = {"mu0": float(x[0]), "scale": float(np.exp(x[-2])), "xi": float(x[-1]), "nll": float(f),
               "cos": float(x[2 if trend else 1]), "sin": float(x[3 if trend else 2]), "year": year, "return_levels": levels}
        assert abs(gev_nll(z, mu(x, cen), np.exp(x[-2]), x[-1]) - f) < 1e-8
        if trend:
            fit["mu1_per_year"] = float(x[1])
        elif profile:
            T = 100
            state = {"x": np.array(x[1:])}

            def prof(level):
                def fq(q):
                    if q[-1] <= -1:
                        return np.inf
                    p0 = np.concatenate([[0.0], q])
                    z0 = annual_level(mu(p0, months), np.exp(q[-2]), -q[-1], T)
                    p = np.concatenate([[level - z0], q])
                    return gev_nll(z, mu(p, cen), np.exp(q[-2]), q[-1])
                r = min((optimize.minimize(fq, s0_, method="Nelder-Mead",
                                           options={"xatol": 1e-10, "fatol": 1e-13, "maxiter": 20000})
                         for s0_ in (state["x"], np.array(x[1:]))), key=lambda r: r.fun)
                if np.isfinite(r.fun):
                    state["x"] = r.x
                return r.fun
            fit["profile_95_100yr"] = profile_bounds(levels[PERIODS.index(100)], f, prof, np.exp(x[-2]))
        out[name] = fit
    return out


def add_seasonal(golden):
    for path in sorted((DATA / "monthly_maxima").glob("monthly_max_*.csv")):
        g = golden["gev"][path.name]
        g["monthly_seasonal"] = seasonal_case(path, profile=path.name == "monthly_max_57.csv")
        s = g["monthly_seasonal"]
        print(path.name, s["blocks"], "months; seasonal xi", round(s["seasonal"]["xi"], 4), "100-yr", round(s["seasonal"]["return_levels"][5], 4),
              "profile", s["seasonal"].get("profile_95_100yr"),
              "trend mu1", round(s["seasonal_trend"]["mu1_per_year"] * 1000, 3), "mm/yr", flush=True)


def decimal_year(seconds):
    t = pd.Timestamp(seconds, unit="s")
    start = pd.Timestamp(year=t.year, month=1, day=1)
    end = pd.Timestamp(year=t.year + 1, month=1, day=1)
    return t.year + (t - start) / (end - start)


def gpd_case():
    raw = np.loadtxt(DATA / "hourly" / "HNL2010.asc")
    offset = (np.datetime64("1970-01-01") - np.datetime64("1700-01-01")).astype(int)
    t = np.round((raw[:, 0] - offset) * 86400) / 86400
    h = np.where(raw[:, 1] >= 9999, np.nan, raw[:, 1] / 1000.0)
    coef = utide.solve(t, h, lat=21.3, epoch="1970-01-01", method="ols", conf_int="none", trend=False,
                       constit="auto", verbose=False)
    tide = utide.reconstruct(t, coef, epoch="1970-01-01", verbose=False).h
    residual = np.round(h - tide, 5)
    index = pd.to_datetime(np.round(t * 86400).astype("int64"), unit="s")
    series = pd.Series(residual, index=index).dropna()
    u = float(np.quantile(series.values, 0.99))
    peaks = get_extremes(series, method="POT", threshold=u, r="24h")
    years = (series.index[-1] - series.index[0]) / pd.to_timedelta("365.2425D")
    rate = len(peaks) / years
    y = peaks.values - u
    c0, _, s0 = stats.genpareto.fit(y, floc=0)
    x, nll = polish(lambda p: stats.genpareto.nnlf((p[0], 0, np.exp(p[1])), y) if p[0] > -1 else np.inf, [c0, np.log(s0)])
    c, scale = x[0], np.exp(x[1])
    periods = [2, 5, 10, 20]
    levels = [float(u + stats.genpareto.isf(1 / (rate * T), c, 0, scale)) for T in periods]

    def profile_for(T):
        state = {"x": np.array([c])}

        def prof(level):
            if level <= u:
                return np.inf

            def f(q):
                if q[0] <= -1:
                    return np.inf
                unit = stats.genpareto.isf(1 / (rate * T), q[0], 0, 1)
                return stats.genpareto.nnlf((q[0], 0, (level - u) / unit), y) if unit > 0 else np.inf
            r = min((optimize.minimize(f, s0, method="Nelder-Mead", options={"xatol": 1e-11, "fatol": 1e-13})
                     for s0 in (state["x"], np.array([c]))), key=lambda r: r.fun)
            if np.isfinite(r.fun):
                state["x"] = r.x
            return r.fun
        return prof

    profiles = [profile_bounds(L, nll, profile_for(T), scale) for L, T in zip(levels, periods)]
    eva = EVA(series)
    eva.get_extremes(method="POT", threshold=u, r="24h")
    eva.fit_model("MLE", distribution="genpareto")
    summary = eva.get_summary(return_period=periods, alpha=0.95, n_samples=1000)
    fp = eva.model.fit_parameters
    return {
        "times": [int(v) for v in np.round(t * 86400)], "residual": [None if np.isnan(v) else float(v) for v in residual],
        "threshold": u, "run_hours": 24, "exceedances": int((series.values > u).sum()),
        "peaks": peaks.values.tolist(), "record_years": float(years), "rate": float(rate),
        "periods": periods,
        "mle": {"xi": float(c), "scale": float(scale), "nll": float(nll)},
        "return_levels": levels, "profile_95": profiles,
        "pyextremes": {"xi": float(fp["c"]), "scale": float(fp["scale"]),
                       "return_levels": summary["return value"].tolist(),
                       "bootstrap_lower": summary["lower ci"].tolist(), "bootstrap_upper": summary["upper ci"].tolist()},
    }


def bootstrap(z, nnlf, theta, level, periods, samples=1000, seed=2026):
    """Percentile bounds of `level(theta, T)` over refits to resampled `z`."""
    rng = np.random.default_rng(seed)
    rows = []
    for _ in range(samples):
        zb = z[rng.integers(0, len(z), len(z))]

        def f(p):
            v = nnlf(p, zb)
            return v if np.isfinite(v) else np.inf
        r = optimize.minimize(f, theta, method="Nelder-Mead", options={"xatol": 1e-9, "fatol": 1e-12, "maxiter": 20000})
        if np.isfinite(r.fun):
            rows.append([level(r.x, T) for T in periods])
    rows = np.array(rows)
    return {"samples": int(len(rows)), "lower": np.quantile(rows, 0.025, axis=0).tolist(),
            "upper": np.quantile(rows, 0.975, axis=0).tolist()}


def add_bootstraps(golden):
    for name in ("monthly_max_57.csv", "monthly_max_60.csv"):
        c = golden["gev"][name]
        z = np.array(c["maxima"])
        m = c["mle"]
        golden["gev"][name]["bootstrap_mle"] = bootstrap(
            z, lambda p, zb: stats.genextreme.nnlf((p[0], p[1], np.exp(p[2])), zb) if p[0] < 1 else np.inf,
            [-m["xi"], m["location"], np.log(m["scale"])],
            lambda p, T: float(stats.genextreme.isf(1 / T, p[0], p[1], np.exp(p[2]))), PERIODS)
    g = golden["gpd"]
    u, rate = g["threshold"], g["rate"]
    y = np.array(g["peaks"]) - u
    g["bootstrap_mle"] = bootstrap(
        y, lambda p, yb: stats.genpareto.nnlf((p[0], 0, np.exp(p[1])), yb) if p[0] > -1 else np.inf,
        [g["mle"]["xi"], np.log(g["mle"]["scale"])],
        lambda p, T: float(u + stats.genpareto.isf(1 / (rate * T), p[0], 0, np.exp(p[1]))), g["periods"])


def add_diagnostics(golden):
    for name, c in golden["gev"].items():
        m = c["mle"]
        r = stats.kstest(c["maxima"], "genextreme", args=(-m["xi"], m["location"], m["scale"]), method="asymp")
        c["ks"] = {"statistic": float(r.statistic), "p": float(r.pvalue)}
    g = golden["gpd"]
    index = pd.to_datetime(np.array(g["times"], dtype="int64"), unit="s")
    series = pd.Series(g["residual"], index=index, dtype=float).dropna()
    rows = []
    lo, hi = np.quantile(series.values, 0.9), np.quantile(series.values, 0.995)
    for k in range(20):
        u = lo + (hi - lo) * k / 19
        peaks = get_extremes(series, method="POT", threshold=u, r="24h").values
        if len(peaks) < 2:
            continue
        e = peaks - u
        half = stats.norm.ppf(0.975) * e.std(ddof=1) / np.sqrt(len(e))
        row = {"threshold": float(u), "peaks": int(len(peaks)), "mean_excess": float(e.mean()),
               "lower": float(e.mean() - half), "upper": float(e.mean() + half), "shape": None, "modified_scale": None}
        if len(peaks) >= 10:
            c0, _, s0 = stats.genpareto.fit(e, floc=0)
            x, _ = polish(lambda p: stats.genpareto.nnlf((p[0], 0, np.exp(p[1])), e) if p[0] > -1 else np.inf, [max(c0, -0.9), np.log(s0)])
            row["shape"], row["modified_scale"] = float(x[0]), float(np.exp(x[1]) - x[0] * u)
        rows.append(row)
    g["threshold_choice"] = rows


def main():
    import sys
    if "--seasonal" in sys.argv:
        golden = json.loads(OUT.read_text())
        add_seasonal(golden)
        OUT.write_text(json.dumps(golden, indent=1) + "\n")
        print("monthly seasonal fits written to", OUT)
        return
    if "--update" in sys.argv:
        golden = json.loads(OUT.read_text())
        add_bootstraps(golden)
        add_diagnostics(golden)
        OUT.write_text(json.dumps(golden, indent=1) + "\n")
        print("bootstrap bounds and diagnostics written to", OUT)
        return
    golden = {"periods": PERIODS, "gev": {}, "gpd": gpd_case()}
    for path in sorted((DATA / "monthly_maxima").glob("monthly_max_*.csv")):
        golden["gev"][path.name] = gev_case(path)
        g = golden["gev"][path.name]
        print(path.name, len(g["maxima"]), "years; xi", round(g["mle"]["xi"], 4), "100-yr", round(g["return_levels"][5], 4),
              "profile", [None if b is None else round(b, 4) for b in g["profile_95"][5]])
    g = golden["gpd"]
    print("HNL2010 residual: u", round(g["threshold"], 4), len(g["peaks"]), "peaks; xi", round(g["mle"]["xi"], 4))
    add_bootstraps(golden)
    add_diagnostics(golden)
    add_seasonal(golden)
    OUT.write_text(json.dumps(golden, indent=1) + "\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
