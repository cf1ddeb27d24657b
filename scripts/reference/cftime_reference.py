#!/usr/bin/env python3
"""Reference decoding of CF time values in every CF calendar with cftime.

A table of (units, calendar, value) cases, decoded by cftime.num2date, written as ISO
strings with milliseconds to Tests/Golden/cf_calendars.json. The Swift tests decode the
same cases with CFTimeUnits (NetCDFTests/CFCalendarTests.swift).

Run: .venv/bin/python scripts/reference/cftime_reference.py   (needs cftime, from netCDF4)
"""
import json
import pathlib

import cftime

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests" / "Golden" / "cf_calendars.json"

CALENDARS = ["standard", "gregorian", "proleptic_gregorian", "julian", "noleap", "365_day", "all_leap", "366_day", "360_day"]
UNITS = [
    "days since 1800-01-01 00:00:00",
    "days since 1950-01-01T00:00:00Z",
    "hours since 1900-01-01",
    "seconds since 1970-01-01 00:00:00",
    "minutes since 2000-02-28 12:30:00",
    "days since 1582-10-01",
    "days since 0001-01-01",
    "hours since 2011-03-11 05:46:24",
]
VALUES = [0, 1, 0.5, 59.25, 365, 366, 1461, 36524.75, 73048.5, -1, -365.5, 12345.678, 730485, 1000000]


def main():
    cases = []
    for units in UNITS:
        for cal in CALENDARS:
            for v in VALUES:
                if "seconds" in units:
                    v = v * 86400.0
                elif "minutes" in units:
                    v = v * 1440.0
                elif "hours" in units:
                    v = v * 24.0
                try:
                    d = cftime.num2date(v, units, calendar=cal)
                except Exception as e:  # cftime refuses some (year 0, dates in the 1582 gap)
                    continue
                if d.year < 1:
                    continue
                iso = "%04d-%02d-%02dT%02d:%02d:%02d.%03d" % (d.year, d.month, d.day, d.hour, d.minute, d.second, round(d.microsecond / 1000))
                if iso.endswith(".1000"):
                    continue
                cases.append({"units": units, "calendar": cal, "value": v, "iso": iso})
    OUT.write_text(json.dumps({"cftime": cftime.__version__, "cases": cases}, indent=0) + "\n")
    print(f"wrote {OUT} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
