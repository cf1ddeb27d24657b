"""erddapy (a client nobody here wrote) against the ERDDAP-compatible tabledap of a live
`bluewatch serve`.

Usage: erddapy_client.py ERDDAP_URL HNL2010.asc

Searches for the sea-level dataset, reads its variables' attributes, downloads a day of
Honolulu into pandas (.csvp, as erddapy does by default, and .csv with its units row) and
checks the values against the raw UHSLC/UTide file (millimetres, hourly from
2010-01-01T00:00Z); then an orderBy and a distinct() query. Exits 1 on the first failure.
"""
import sys

import pandas as pd
from erddapy import ERDDAP


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        sys.exit(1)


server, raw = sys.argv[1], sys.argv[2]
e = ERDDAP(server=server, protocol="tabledap")
found = pd.read_csv(e.get_search_url(search_for="sea level", response="csv"))
check("bluewatch_sea_level" in found["Dataset ID"].tolist(), "search finds bluewatch_sea_level")
datasets = pd.read_csv(f"{server}/tabledap/allDatasets.csv", skiprows=[1])
check("bluewatch_sea_level" in datasets["datasetID"].tolist(), "allDatasets lists it")

e.dataset_id = "bluewatch_sea_level"
check(e.get_var_by_attr(cf_role="timeseries_id") == ["station"], "info: station is the timeseries_id")
check(e.get_var_by_attr(standard_name="water_surface_height_above_reference_datum") == ["sea_level"], "info: sea_level's standard name")

e.variables = ["station", "time", "sea_level"]
e.constraints = {"time>=": "2010-01-01T00:00:00Z", "time<=": "2010-01-01T23:59:59Z", "station=": "honolulu"}
day = e.to_pandas()
check(list(day.columns) == ["station", "time (UTC)", "sea_level (m)"] and len(day) == 24, ".csvp: 24 hours with units in the header")
expected = []
with open(raw) as f:
    for line in f:
        if len(expected) == 24:
            break
        expected.append(float(line.split()[1]) / 1000)
check(all(abs(a - b) < 1e-9 for a, b in zip(day["sea_level (m)"], expected)), "the values equal the raw file's (mm → m)")
with_units = e.to_pandas(response="csv", skiprows=[1])
check(with_units["sea_level"].tolist() == day["sea_level (m)"].tolist(), ".csv (units row skipped) agrees")

e.variables = ["station", "time"]
e.constraints = {"time>=": "2010-01-01T00:00:00Z", "time<=": "2010-01-01T02:00:00Z"}
stations = e.to_pandas(distinct=True)
check(stations["station"].tolist() == ["honolulu"] * 3, "distinct() over a multi-station dataset")
print("erddapy: all checks passed")
