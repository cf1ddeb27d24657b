#!/usr/bin/env bash
# The main job end to end on a fresh Debian 12 machine: install the C libraries, build
# BlueWatch, ingest every file of ../shared/data into the embedded SQLite store
# (./bluewatch-data/bluewatch.sqlite) and print what it holds. Safe to run again: files
# already stored are recognised by their content and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared/data}
bash scripts/bootstrap.sh
echo "quickstart: building (release; about 5 minutes the first time)" >&2
swift build -c release --product bluewatch
bin=.build/release/bluewatch
"$bin" ingest "$data" --quiet
echo
"$bin" stations --project blue-21-sids-sealevel
echo
"$bin" series list nukualofa
echo
"$bin" qc dart-21418 --limit 5
echo
"$bin" tides analyse honolulu
echo
echo "Next: $bin --help, $bin trend suva honolulu --split 1993, $bin tides predict nukualofa --from 2011-03-11 --to 2011-03-12 --residual" >&2
