#!/usr/bin/env bash
# The main job end to end on a fresh Debian 12 machine: install the C libraries, build
# BlueWatch, ingest every file of ../shared/data into the embedded SQLite store
# (./bluewatch-data/bluewatch.sqlite, QC at ingest), then tides, trends, a tsunami scan,
# microplastic hot spots, an alert run and a report for every project, ending with where the
# reports are. Safe to run again: files already stored are recognised by their content.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
bash scripts/bootstrap.sh
echo "quickstart: building (release; about 5 minutes the first time)" >&2
swift build -c release --product bluewatch
bin=.build/release/bluewatch
"$bin" ingest "$data" --quiet                       # every file, QARTOD QC at ingest
echo
"$bin" stations --project blue-21-sids-sealevel
echo
"$bin" tides analyse honolulu                       # harmonic constants (UTide's method)
echo
"$bin" trend --all --project blue-21-sids-sealevel   # sea-level trends with honest intervals
echo
"$bin" tsunami detect dart-21418 nukualofa           # tsunami arrivals in the real 2011 records
echo
"$bin" plastics hotspots --out bluewatch-data/plastics-hotspots.nc --map bluewatch-data/plastics-hotspots.svg --format csv > bluewatch-data/plastics-hotspots.csv
echo
# Alerts as cron runs them; exit 3 means alerts were raised (the demo store holds old events).
"$bin" alerts run || [ $? -eq 3 ]
echo
"$bin" report --all --out bluewatch-data/reports     # one HTML report per cooperation project
echo
echo "quickstart: serve it all over HTTP with: $bin serve   (then curl http://127.0.0.1:8080/stations)" >&2
echo "quickstart: reports are in $(pwd)/bluewatch-data/reports (open blue-21-sids-sealevel.html); CAP messages in bluewatch-data/outbox" >&2
echo "Next: $bin --help, $bin trend suva honolulu --split 1993, $bin tides predict nukualofa --from 2011-03-11 --to 2011-03-12 --residual" >&2
