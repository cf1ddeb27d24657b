#!/usr/bin/env python3
"""Reference river indicators and flood crossings for the Eno River (USGS 02085000), computed
with pandas and numpy straight from the shared CSV, independently of BlueWatch.

- Levels: NWS flood categories for HLSN7 (action 15 ft, minor flood 16, moderate 18, major 20),
  from river/nws_flood_categories_selected.csv.
- Per calendar year: days with a daily mean stage, the highest and lowest daily mean stage (m),
  days whose daily maximum stage is at or above each level, the same in June-November, and
  drought days: days whose mean stage is below the 10th percentile (numpy 'linear') of all the
  record's mean stages within +-15 days of the same day of year (circular over 366 days;
  thresholds only where the window holds at least 30 values).
- Crossings: the sequence of valid daily maxima, in date order; an event starts on a day at or
  above the action stage after a day below it (missing days neither start nor end an event),
  its level rises when a day reaches a higher level than any before in the event, and it ends
  on the first valid day below the action stage. Expected alerts: one NEW per event, one
  UPDATE per rise, one CLOSED per ended event.

Output: Tests/Golden/river.json.  Run: .venv/bin/python scripts/reference/river_reference.py
(needs pandas, numpy).
"""
import json
import pathlib

import numpy as np
import pandas as pd

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "river"
OUT = ROOT / "Tests" / "Golden" / "river.json"
FT = 0.3048


def main():
    nws = pd.read_csv(DATA / "nws_flood_categories_selected.csv")
    row = nws[nws["nws shef id"] == "HLSN7"].iloc[0]
    assert row["flood stage unit"] == "ft"
    levels = [("action", float(row["action stage"])), ("flood", float(row["flood stage"])),
              ("moderate", float(row["moderate flood stage"])), ("major", float(row["major flood stage"]))]
    df = pd.read_csv(DATA / "usgs_02085000_eno_hillsborough_daily.csv", parse_dates=["datetime"])
    mean = df.set_index("datetime")["gage.height.mean"].dropna() * FT
    peak = df.set_index("datetime")["gage.height.max"].dropna() * FT

    # Drought thresholds by day of year.
    doy = mean.index.day_of_year.values
    values = mean.values
    thresholds = {}
    for d in range(1, 367):
        diff = np.abs(doy - d)
        circ = np.minimum(diff, 366 - diff)
        window = values[circ <= 15]
        if window.size >= 30:
            thresholds[d] = float(np.percentile(window, 10))

    years = {}
    for y in sorted(set(mean.index.year) | set(peak.index.year)):
        m = mean[mean.index.year == y]
        p = peak[peak.index.year == y]
        wet = p[(p.index.month >= 6) & (p.index.month <= 11)]
        judged = [(v, thresholds.get(d)) for v, d in zip(m.values, m.index.day_of_year) if d in thresholds]
        years[str(y)] = {
            "days": int(m.size),
            "maximum_m": float(m.max()) if m.size else None,
            "minimum_m": float(m.min()) if m.size else None,
            "days_at_or_above": {k: int((p.values >= s * FT).sum()) for k, s in levels},
            "wet_season_days_at_or_above": {k: int((wet.values >= s * FT).sum()) for k, s in levels},
            "drought_days": int(sum(1 for v, t in judged if v < t)),
            "drought_days_judged": len(judged),
        }

    # Crossings on the daily maxima.
    events, open_event = [], None
    for t, v in peak.items():
        reached = max((i for i, (_, s) in enumerate(levels) if v >= s * FT), default=None)
        if reached is not None:
            if open_event is None:
                open_event = {"start": t.strftime("%Y-%m-%d"), "first_level": levels[reached][0], "level": reached, "rises": 0}
            elif reached > open_event["level"]:
                open_event["level"] = reached
                open_event["rises"] += 1
        elif open_event is not None:
            open_event["end"] = t.strftime("%Y-%m-%d")
            open_event["highest_level"] = levels[open_event.pop("level")][0]
            events.append(open_event)
            open_event = None
    assert open_event is None, "the record ends during an event"
    out = {
        "source": "river/usgs_02085000_eno_hillsborough_daily.csv, river/nws_flood_categories_selected.csv",
        "tool": f"pandas {pd.__version__}, numpy {np.__version__}",
        "levels_ft": dict(levels),
        "years": years,
        "events": events,
        "expected_alerts": {"new": len(events), "update": sum(e["rises"] for e in events), "closed": len(events)},
    }
    OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT}: {len(events)} events, {out['expected_alerts']}")


if __name__ == "__main__":
    main()
