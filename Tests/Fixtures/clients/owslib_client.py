"""OWSLib (a client nobody here wrote) against a live `bluewatch serve`.

Usage: owslib_client.py BASE_URL HNL2010.asc

Walks OGC API - Features (conformance, collections, stations items with bbox across the
antimeridian and limit/offset paging) and OGC API - EDR (position and location queries) the
way a scientist would, and checks the EDR values of Honolulu on 2010-01-01 against the raw
UHSLC/UTide file (millimetres, one value per hour from 2010-01-01T00:00Z). Prints one line
per check; exits 1 on the first failure.
"""
import sys

from owslib.ogcapi.edr import EnvironmentalDataRetrieval
from owslib.ogcapi.features import Features


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        sys.exit(1)


base, raw = sys.argv[1], sys.argv[2]
features = Features(base)
check("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in features.conformance()["conformsTo"], "conformance declares Features Core")
check(features.feature_collections() == ["stations"], "one feature collection: stations")
check(features.collection("stations")["itemType"] == "feature", "collection stations described")

everything = features.collection_items("stations", limit=10000)
total = everything["numberMatched"]
check(total == len(everything["features"]) and total > 50, f"all {total} stations in one page")
paged, offset = [], 0
while True:
    page = features.collection_items("stations", limit=25, offset=offset)
    paged += [f["id"] for f in page["features"]]
    if not any(link["rel"] == "next" for link in page["links"]):
        break
    offset += 25
check(paged == [f["id"] for f in everything["features"]], f"limit/offset paging returns the same {len(paged)} stations, each once")

fiji = features.collection_items("stations", bbox=[170, -25, -170, -10])
ids = [f["id"] for f in fiji["features"]]
check("suva" in ids and all(170 <= f["geometry"]["coordinates"][0] or f["geometry"]["coordinates"][0] <= -170 for f in fiji["features"]),
      f"bbox across the antimeridian: {len(ids)} stations, Suva among them")

edr = EnvironmentalDataRetrieval(base)
check("observations" in edr.data(), "EDR data collection: observations")
coverage = edr.query_data("observations", "position", coords="POINT(-157.8667 21.3067)", parameter_names=["sea_level"],
                          datetime_="2010-01-01T00:00:00Z/2010-01-01T23:59:59Z")
times = coverage["domain"]["axes"]["t"]["values"]
values = coverage["ranges"]["sea_level"]["values"]
expected = []
with open(raw) as f:
    for line in f:
        if len(expected) == 24:
            break
        expected.append(float(line.split()[1]) / 1000)
check(coverage["type"] == "Coverage" and len(times) == 24 and times[0] == "2010-01-01T00:00:00Z", "position query: one day of hourly sea level")
check(all(abs(a - b) < 1e-9 for a, b in zip(values, expected)), "its values equal the raw file's (mm → m)")
located = edr.query_data("observations", "locations/honolulu", datetime_="2010-01-01T00:00:00Z/2010-01-01T23:59:59Z")
check(located["ranges"]["sea_level"]["values"] == values, "location query agrees with the position query")
print("owslib: all checks passed")
