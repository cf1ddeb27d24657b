#!/usr/bin/env python3
"""Reference geodesy with pyproj (GeographicLib and PROJ bundled with the wheel).

- geodesic inverse (distance, azimuths) between pairs of stations in stations/registry.toml;
- geodesic direct problems;
- areas and perimeters of the region polygons in grids/regions.geojson
  (Geod.polygon_area_perimeter);
- areas of latitude/longitude cells, as polygons whose east-west edges are densified along
  the parallels (1,000 points per edge), to compare with the exact zone formula;
- CRS transforms EPSG:4326 -> EPSG:3857 and -> EPSG:32651 (always_xy).

Output: Tests/Golden/geodesy.json (GeodesyTests compare to 1 mm / 1e-9 relative).
Run: .venv/bin/python scripts/reference/geodesy_reference.py   (needs pyproj)
"""
import json
import pathlib
import tomllib

import numpy as np
from pyproj import Geod, Transformer, __version__ as pyproj_version, proj_version_str

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Tests" / "Golden" / "geodesy.json"
geod = Geod(ellps="WGS84")


def main():
    stations = tomllib.loads((ROOT / "stations" / "registry.toml").read_text())["station"]
    pts = {s["id"]: (s["latitude"], s["longitude"]) for s in stations}
    ids = sorted(pts)
    pairs = [(ids[i], ids[(i * 7 + 3) % len(ids)]) for i in range(len(ids))]
    pairs += [("suva", "nukualofa"), ("honolulu", "hilo"), ("manila", "quarry-bay"), ("majuro", "kwajalein"), ("apia", "pago-pago")]
    inverse = []
    for a, b in pairs:
        if a == b:
            continue
        (la, lo), (lb, lob) = pts[a], pts[b]
        az12, az21, dist = geod.inv(lo, la, lob, lb)
        back = (az21 + 180.0) % 360.0
        if back > 180:
            back -= 360
        inverse.append({"from": a, "to": b, "lat1": la, "lon1": lo, "lat2": lb, "lon2": lob,
                        "distance": dist, "azimuth1": az12, "azimuth2": back})
    direct = []
    for lat, lon, az, s in [(21.3, -157.9, 45.0, 1e6), (-18.1, 178.4, 200.0, 2.5e6), (0.0, 0.0, 90.0, 1e7), (14.6, 121.0, -30.0, 123456.789)]:
        lon2, lat2, az2 = geod.fwd(lon, lat, az, s)
        back = (az2 + 180.0) % 360.0
        if back > 180:
            back -= 360
        direct.append({"lat1": lat, "lon1": lon, "azimuth": az, "distance": s, "lat2": lat2, "lon2": lon2, "azimuth2": back})
    regions = []
    collection = json.loads((ROOT / "grids" / "regions.geojson").read_text())
    for f in collection["features"]:
        ring = f["geometry"]["coordinates"][0]
        lons = [p[0] for p in ring[:-1]]
        lats = [p[1] for p in ring[:-1]]
        area, perim = geod.polygon_area_perimeter(lons, lats)
        regions.append({"id": f["properties"]["id"], "area": abs(area), "perimeter": perim})
    cells = []
    for south, north, west, east in [(0, 1, 100, 101), (45, 46, 0, 1), (-21.25, -21.0, 184.75, 185.0), (10, 10.25, 110, 110.25), (-60, -59, 10, 12), (70, 80, -10, 10)]:
        n = 1000
        top = np.linspace(west, east, n)
        lons = list(top) + list(top[::-1])
        lats = [south] * n + [north] * n
        area, _ = geod.polygon_area_perimeter(lons, lats)
        cells.append({"south": south, "north": north, "west": west, "east": east, "area": abs(area)})
    transforms = []
    for target in ["EPSG:3857", "EPSG:32651"]:
        t = Transformer.from_crs("EPSG:4326", target, always_xy=True)
        for lon, lat in [(120.97, 14.58), (114.21, 22.29), (121.5, 10.0)]:
            x, y = t.transform(lon, lat)
            transforms.append({"target": target, "lon": lon, "lat": lat, "x": x, "y": y})
    OUT.write_text(json.dumps({"pyproj": pyproj_version, "proj": proj_version_str, "inverse": inverse, "direct": direct,
                               "regions": regions, "cells": cells, "transforms": transforms}, indent=1) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
