#!/usr/bin/env python3
"""Writes the malformed inputs under Tests/Malformed and EXPECTED.json, the error each must
produce (substrings of the message: where, and why). Every file is made here; none is copied.

Run: .venv/bin/python scripts/make_malformed_inputs.py   (needs numpy, netCDF4)
"""
import json
import pathlib

import numpy as np
from netCDF4 import Dataset

OUT = pathlib.Path(__file__).resolve().parents[1] / "Tests" / "Malformed"
OUT.mkdir(parents=True, exist_ok=True)
expected = {}


def station_file(name, times, values, units="m", time_attrs=None, fill=None):
    path = OUT / name
    with Dataset(path, "w", format="NETCDF4") as ds:
        ds.featureType = "timeSeries"
        ds.Conventions = "CF-1.8"
        ds.title = "malformed test input: " + name
        ds.createDimension("time", len(times))
        ds.createDimension("strlen", 8)
        sid = ds.createVariable("station_id", "S1", ("strlen",))
        sid.cf_role = "timeseries_id"
        sid[:] = np.array(list("TEST01".ljust(8)), dtype="S1")
        t = ds.createVariable("time", "f8", ("time",))
        for k, v in (time_attrs if time_attrs is not None else {"units": "hours since 2020-01-01 00:00:00", "standard_name": "time"}).items():
            setattr(t, k, v)
        t[:] = times
        v = ds.createVariable("sea_level", "f4", ("time",), fill_value=fill)
        v.units = units
        v.standard_name = "water_surface_height_above_reference_datum"
        v[:] = values
    return path


station_file("no_time_units.nc", [0, 1, 2], [1, 2, 3], time_attrs={"standard_name": "time"})
expected["no_time_units.nc"] = ["variable 'time'", "no 'units' attribute"]
station_file("unknown_calendar.nc", [0, 1, 2], [1, 2, 3], time_attrs={"units": "days since 2000-01-01", "calendar": "lunar", "standard_name": "time"})
expected["unknown_calendar.nc"] = ["variable 'time'", "unknown calendar 'lunar'"]
station_file("unknown_length_units.nc", [0, 1, 2], [1, 2, 3], units="furlongs")
expected["unknown_length_units.nc"] = ["variable 'sea_level'", "unknown length units 'furlongs'"]
station_file("unsorted_times.nc", [0, 2, 1, 3], [1, 2, 3, 4])
expected["unsorted_times.nc"] = ["variable 'sea_level'", "not in order", "2020-01-01T01:00:00Z comes after 2020-01-01T02:00:00Z"]
station_file("duplicate_times.nc", [0, 1, 1, 2], [1, 2, 3, 4])
expected["duplicate_times.nc"] = ["variable 'sea_level'", "2020-01-01T01:00:00Z appears 2 times"]
station_file("all_missing.nc", [0, 1, 2], np.ma.masked_all(3), fill=-999.0)
expected["all_missing.nc"] = ["variable 'sea_level'", "all 3 values are missing"]

bad = station_file("string_scale_factor.nc", [0, 1, 2], [1, 2, 3])
with Dataset(bad, "a") as ds:
    ds["sea_level"].setncattr_string("scale_factor", "0.001")
expected["string_scale_factor.nc"] = ["variable 'sea_level'", "attribute scale_factor is not a number"]
station_file("value_without_time.nc", [0, np.nan, 2], [1, 2, 3])
expected["value_without_time.nc"] = ["variable 'sea_level'", "1 value(s) of station TEST01 have no time", "index 1"]

good = station_file("truncated.nc", list(range(500)), np.sin(np.arange(500)))
data = good.read_bytes()
good.write_bytes(data[: len(data) // 2])
expected["truncated.nc"] = ["truncated.nc", "NetCDF: "]

(OUT / "not_netcdf.nc").write_text("station,time,sea_level\nA,2020-01-01,1.0\n")
expected["not_netcdf.nc"] = ["not_netcdf.nc", "nc_open", "Unknown file format"]

(OUT / "usgs_missing_column.csv").write_text(
    "time,latitude,longitude,depth,magType,id,place,type\n2019-11-05T20:52:01.377Z,-57.9,-9.2,10,mww,x1,here,earthquake\n")
expected["usgs_missing_column.csv"] = ["header", "missing column 'mag'"]

(OUT / "usgs_bad_latitude.csv").write_text(
    "time,latitude,longitude,depth,mag,magType,id,place,type\n"
    "2019-11-05T20:52:01.377Z,-57.9,-9.2,10,6.3,mww,x1,here,earthquake\n"
    "2019-11-04T22:43:32.256Z,north,-175.27,10,6.6,mww,x2,there,earthquake\n")
expected["usgs_bad_latitude.csv"] = ["line 3, column 'latitude'", "'north' is not a number"]

(OUT / "999.rlrdata").write_text("  2001.0417;  7000; 0;000\n  2001.1250;  seven; 0;000\n")
expected["999.rlrdata"] = ["line 2", "expected 'time; height; missing days or Y/N; flag'"]

(OUT / "21999.txt").write_text("#YY  MM DD hh mm ss T   HEIGHT\n#yr  mo dy hr mn  s -        m\n2011 03 11 00 00 00 1 5662.195\n2011 03 11 00 15 00 7 5662.194\n")
expected["21999.txt"] = ["line 4", "record type 7 is not 1, 2 or 3"]

(OUT / "ncei_all_rows_bad.csv").write_text('OBJECTID,Oceans,Regions,SubRegions,Sampling Method,Measurement,Unit,Density Range,Density Class,Short Reference,Long Reference,DOI,Organization,Keywords,Accession Number,Accession Link,Latitude,Longitude,Date,GlobalID,x,y\n1,Pacific Ocean,,,Neuston net,0.30,pieces/m3,0.005-1,Medium,Test et al. 2024,"latitude out of range",,,,,,-91.5,150,5/8/2012 12:00:00 AM,c,,\n2,Pacific Ocean,,,Neuston net,-1,pieces/m3,0.005-1,Medium,Test et al. 2024,"negative",,,,,,10,150,5/8/2012 12:00:00 AM,c,,\n')
expected["ncei_all_rows_bad.csv"] = ["line 2", "no row could be read (2 rejected)", "latitude out of range"]

# Issue 16: numbers and dates from data that once trapped or were stored silently wrong.
(OUT / "998.rlrdata").write_text("99999999999999999.0417;  7000; 0;000\n")
expected["998.rlrdata"] = ["line 1", "is not a year between 0 and 9999"]
(OUT / "997.rlrdata").write_text("  2001.0417;  7000; 0;000\n       nan;  7000; 0;000\n")
expected["997.rlrdata"] = ["line 2", "is not a year between 0 and 9999"]
(OUT / "21998.txt").write_text("#YY  MM DD hh mm ss T   HEIGHT\n#yr  mo dy hr mn  s -        m\n999999999 03 11 00 00 00 1 5662.195\n")
expected["21998.txt"] = ["outside the years 0-9999"]
(OUT / "usgs_infinite_magnitude.csv").write_text(
    "time,latitude,longitude,depth,mag,magType,id,place,type\n2011-03-11T05:46:24.120Z,38.297,142.373,29,inf,mww,x1,Japan,earthquake\n")
expected["usgs_infinite_magnitude.csv"] = ["line 2, column 'mag'", "'inf' is not a finite number"]
(OUT / "fdd9001.csv").write_text("year,month,day,tide\n2011,2,28,1500\n2011,2,31,1501\n")
expected["fdd9001.csv"] = ["line 3", "'2011-2-31' is not a calendar date"]
(OUT / "fdd9002.csv").write_text("year,month,day,tide\n")
expected["fdd9002.csv"] = ["a header and no values"]
(OUT / "monthly_max_9003.csv").write_text("t,monthly_max,t_monthly_max,PMM\n0.02,2.0,99999999999-01-08 14:00:00,3.8\n")
expected["monthly_max_9003.csv"] = ["line 2, column 't_monthly_max'", "is not a UTC time"]

(OUT / "grid_huge_ncols.asc").write_text("ncols -1e300\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\nnodata_value -9999\n1 2\n3 4\n")
expected["grid_huge_ncols.asc"] = ["line 1", "ncols -1e+300 is not a whole number between 1 and 10000000"]
(OUT / "grid_nan_nrows.asc").write_text("ncols 2\nnrows nan\nxllcorner 0\nyllcorner 0\ncellsize 1\nnodata_value -9999\n1 2\n3 4\n")
expected["grid_nan_nrows.asc"] = ["line 2", "header value is not a finite number"]

# Classic formats: libnetcdf reads a file that lost its last bytes without a word.
for name, fmt in (("classic_last_byte_missing.nc", "NETCDF3_CLASSIC"), ("offset64_records_cut.nc", "NETCDF3_64BIT_OFFSET")):
    path = OUT / name
    with Dataset(path, "w", format=fmt) as ds:
        ds.featureType = "timeSeries"
        ds.createDimension("time", None)
        ds.createDimension("strlen", 8)
        sid = ds.createVariable("station_id", "S1", ("strlen",))
        sid.cf_role = "timeseries_id"
        sid[:] = np.array(list("TEST01".ljust(8)), dtype="S1")
        t = ds.createVariable("time", "f8", ("time",))
        t.units = "hours since 2020-01-01 00:00:00"
        t.standard_name = "time"
        v = ds.createVariable("sea_level", "f4", ("time",))
        v.units = "m"
        t[:] = np.arange(24.0)
        v[:] = np.sin(np.arange(24.0))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - (1 if fmt == "NETCDF3_CLASSIC" else 6)])
    expected[name] = [name, "truncated", "bytes missing"]

# Not malformed, but written with a fill position: reads, keeps no position, says so.
fixture = station_file("../Fixtures/netcdf/station_fill_position.nc", [0, 1, 2], [1, 2, 3])
with Dataset(fixture, "a") as ds:
    ds.createVariable("lat", "f8", ()).assignValue(-999.0)
    ds["lat"].standard_name = "latitude"
    ds["lat"].units = "degrees_north"
    ds.createVariable("lon", "f8", ()).assignValue(-999.0)
    ds["lon"].standard_name = "longitude"
    ds["lon"].units = "degrees_east"

(OUT / "EXPECTED.json").write_text(json.dumps(expected, indent=1, sort_keys=True) + "\n")
print(f"wrote {len(expected)} malformed inputs to {OUT}")
