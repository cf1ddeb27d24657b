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
expected["21998.txt"] = ["line 3", "is not a real UTC time"]
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

# ---- more classes (issue 16: every reader, header-only files, non-finite numbers, bad dates)
def text(name, content, fragments):
    (OUT / name).write_text(content)
    expected[name] = fragments

USGS_HEAD = "time,latitude,longitude,depth,mag,magType,id,place,type\n"
NCEI_HEAD = ("OBJECTID,Oceans,Regions,SubRegions,Sampling Method,Measurement,Unit,Density Range,Density Class,Short Reference,"
             "Long Reference,DOI,Organization,Keywords,Accession Number,Accession Link,Latitude,Longitude,Date,GlobalID,x,y\n")
MRC_HEAD = "Country Code,Station Code,Parameter,Label,Timestamp (UTC+07:00),Value,Unit,Observed or Estimated,Approval Level,Grade\n"
USGSDV_HEAD = '"agency_cd","site_no","datetime","gage.height.mean","gage.height.mean.approval"\n'
DART_HEAD = "#YY  MM DD hh mm ss T   HEIGHT\n#yr  mo dy hr mn  s -        m\n"
text("usgs_header_only.csv", USGS_HEAD, ["holds no data", "header and no rows"])
text("ncei_header_only.csv", NCEI_HEAD, ["holds no data"])
text("mrc_header_only.csv", MRC_HEAD, ["a header and no values"])
text("usgs_daily_header_only.csv", USGSDV_HEAD, ["a header and no values"])
text("21997.txt", DART_HEAD, ["21997.txt"])
text("usgs_bad_date.csv", USGS_HEAD + "2011-02-31T05:46:24.120Z,38.297,142.373,29,9.1,mww,x1,Japan,earthquake\n", ["line 2", "2011-02-31"])
text("usgs_nan_latitude.csv", USGS_HEAD + "2011-03-11T05:46:24.120Z,nan,142.373,29,9.1,mww,x1,Japan,earthquake\n", ["line 2"])
text("usgs_huge_year.csv", USGS_HEAD + "99999999999-03-11T05:46:24.120Z,38.297,142.373,29,9.1,mww,x1,Japan,earthquake\n", ["line 2"])
text("21995.txt", DART_HEAD + "2011 03 11 00 00 00 1 5662.195\n2011 03 11 00 15 00 1 inf\n", ["line 4", "height 'inf' is not a finite number"])
text("21994.txt", DART_HEAD + "2011 13 11 00 00 00 1 5662.195\n", ["21994.txt", "line 3"])
text("21993.txt", DART_HEAD + "2011 02 30 00 00 00 1 5662.195\n", ["line 3", "2011-2-30 0:0:00 is not a real UTC time"])
text("996.rlrdata", "  2001.0417;  inf; 0;000\n", ["996.rlrdata", "infinite"])
text("995.rlrdata", "  2001.0417;  7000; 0;000\n  2002.0000;  7000; N;000\n", ["line 2", "mixes monthly and annual times"])
text("994.rlrdata", "", ["994.rlrdata", "no values"])
text("fdd9004.csv", "year,month,day,tide\n2011,1,1,inf\n", ["line 2, column 'tide'", "not a finite number"])
text("fdd9005.csv", "year,month,day,tide\n99999,1,1,1500\n", ["line 2", "not a calendar date"])
text("fdd9006.csv", "year,month,day,tide\n2011,1,1,fifteen\n", ["line 2, column 'tide'", "'fifteen' is not a number"])
text("monthly_max_9007.csv", "t,monthly_max,t_monthly_max,PMM\n0.02,-inf,1993-01-08 14:00:00,3.8\n", ["line 2, column 'monthly_max'", "not a finite number"])
text("monthly_max_9008.csv", "t,monthly_max,t_monthly_max,PMM\n", ["a header and no values"])
text("usgs_daily_inf.csv", USGSDV_HEAD + '"USGS",2085000,2019-01-01,inf,"A"\n', ["line 2, column 'gage.height.mean'", "not a finite number"])
text("usgs_daily_bad_date.csv", USGSDV_HEAD + '"USGS",2085000,2019-02-30,1.5,"A"\n', ["line 2, column 'datetime'", "not a date"])
text("usgs_daily_two_sites.csv", USGSDV_HEAD + '"USGS",2085000,2019-01-01,1.5,"A"\n"USGS",2085001,2019-01-02,1.5,"A"\n', ["line 3", "mixes sites"])
text("usgs_daily_bad_site.csv", USGSDV_HEAD + '"USGS",20x85000,2019-01-01,1.5,"A"\n', ["column 'site_no'", "not a USGS site number"])
text("mrc_bad_time.csv", MRC_HEAD + "LA,013901,Water Level,Manual,1996-02-30T17:00Z,1.21,m,O,Raw,Unverified\n", ["line 2, column 'Timestamp'", "not a time"])
text("mrc_two_stations.csv", MRC_HEAD + "LA,013901,Water Level,Manual,1996-08-01T17:00Z,1.21,m,O,Raw,U\nLA,011901,Water Level,Manual,1996-08-02T17:00Z,1.25,m,O,Raw,U\n", ["line 3", "mixes stations"])
text("mrc_discharge.csv", MRC_HEAD.replace("Water Level", "x") + "LA,013901,Discharge,Manual,1996-08-01T17:00Z,1210,m3/s,O,Raw,U\n", ["column 'Parameter'", "only Water Level"])
text("mrc_bad_offset.csv", MRC_HEAD.replace("UTC+07:00", "UTC+99:00") + "LA,013901,Water Level,Manual,1996-08-01T17:00,1.21,m,O,Raw,U\n", ["header", "does not give an offset"])
text("mrc_bad_flag.csv", MRC_HEAD + "LA,013901,Water Level,Manual,1996-08-01T17:00Z,1.21,m,X,Raw,U\n", ["column 'Observed or Estimated'", "'X' is not O or E"])
text("mrc_inf.csv", MRC_HEAD + "LA,013901,Water Level,Manual,1996-08-01T17:00Z,inf,m,O,Raw,U\n", ["line 2, column 'Value'", "not a finite number"])
text("monthly_summary_huge_year.csv", '"month","mean_sea_level","max_sea_level"\n"2014-08",1.3394,1.3394\n"9223372036854775807-12",1.0,1.8\n',
     ["line 3, column 'month'", "is not YYYY-MM"])
text("grid_truncated.asc", "ncols 3\nnrows 2\nxllcorner 0\nyllcorner 0\ncellsize 1\nnodata_value -9999\n1 2 3\n4 5\n", ["holds 5 values", "3 × 2"])
text("grid_inf_value.asc", "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\ncellsize 1\nnodata_value -9999\n1 inf\n", ["line 7", "not a finite number"])
text("grid_unknown_key.asc", "ncols 2\nnrows 1\nxllcorner 0\nyllcorner 0\nspacing 1\nnodata_value -9999\n1 2\n", ["line 5", "unknown header key 'spacing'"])
text("empty.geojson", '{"type": "FeatureCollection", "features": []}\n', ["empty.geojson"])

bad = station_file("zero_scale_factor.nc", [0, 1, 2], [1, 2, 3])
with Dataset(bad, "a") as ds:
    ds["sea_level"].scale_factor = 0.0
expected["zero_scale_factor.nc"] = ["variable 'sea_level'", "scale_factor = 0.0"]
station_file("huge_year_units.nc", [0, 1, 2], [1, 2, 3], time_attrs={"units": "days since 99999-01-01", "standard_name": "time"})
expected["huge_year_units.nc"] = ["outside the years 0-9999"]
station_file("infinite_value.nc", [0, 1, 2], [1, np.inf, 3])
expected["infinite_value.nc"] = ["variable 'sea_level'", "value 2 is infinite"]
path = OUT / "huge_dimension.nc"
with Dataset(path, "w", format="NETCDF4") as ds:
    ds.featureType = "timeSeries"
    ds.createDimension("time", 2_000_000_000)
    t = ds.createVariable("time", "f8", ("time",), chunksizes=(1024,))
    t.units = "hours since 2020-01-01 00:00:00"
    t.standard_name = "time"
    v = ds.createVariable("sea_level", "f4", ("time",), chunksizes=(1024,))
    v.units = "m"
expected["huge_dimension.nc"] = ["variable 'time'", "above BlueWatch's 2048 MiB budget"]

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
