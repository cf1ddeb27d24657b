#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, built into the Swift toolchain) of the parsers that run
# in-process on untrusted bytes: the date and period parser (every reader, every HTTP date
# parameter), the CSV tokenizer and its numbers (every CSV reader), and the classic NetCDF
# header parser. Each target is the parser's own source file compiled with
# -sanitize=fuzzer,address beside a harness in fuzz/, seeded from ../shared/data.
#
#   scripts/fuzz_libfuzzer.sh            20 s per target (what scripts/test.sh runs)
#   scripts/fuzz_libfuzzer.sh 600        ten minutes per target, by hand
#
# A crash or an assertion fails the run; the input that did it is copied to
# Tests/Malformed/libfuzzer-<target>-<sha1> to become a regression file (add its expected
# error to scripts/make_malformed_inputs.py). Whole readers (NetCDF through libnetcdf,
# PSMSL, DART, …) are fuzzed through the CLI by scripts/fuzz_mutants.py.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shared="${BLUEWATCH_SHARED_DATA:-../shared/data}"
out=.build-fuzz
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

build() {  # name, sources…
  local name=$1; shift
  swiftc -parse-as-library -sanitize=fuzzer,address -O "$@" -o "$out/fuzz-$name" 2>"$work/$name.build.log" \
    || { cat "$work/$name.build.log" >&2; exit 1; }
}
build time Sources/BlueWatchCore/UTCTime.swift fuzz/FuzzTimeParser.swift
build csv Sources/BlueWatchIngest/CSVTable.swift Sources/BlueWatchIngest/IngestError.swift Sources/BlueWatchIngest/RegularFile.swift fuzz/FuzzCSVTable.swift
build classic Sources/NetCDF/ClassicExtent.swift fuzz/FuzzClassicHeader.swift

# Seed corpora from the real files.
mkdir -p "$work/time" "$work/csv" "$work/classic"
n=0
for f in "$shared"/sealevel/uhslc_daily/fdd0007.csv "$shared"/tsunami/tidegauge_nukualofa/nukualofa_tohoku2011_detided.csv \
         "$shared"/sealevel/monthly_maxima/monthly_max_57.csv "$shared"/events/usgs_global_M6plus_1960-2019.csv; do
  [ -f "$f" ] || continue
  head -c 4096 "$f" > "$work/csv/$(basename "$f")"
  sed -n '2,40p' "$f" | cut -d, -f1 | while read -r field; do n=$((n + 1)); printf '%s' "$field" > "$work/time/$(basename "$f")-$n"; done
done
printf '2011-03-11T05:46:24Z' > "$work/time/iso"; printf '2010-03' > "$work/time/month"; printf '1993' > "$work/time/year"
for f in "$shared"/moorings/oceansites_papa/*.nc Tests/Malformed/classic_last_byte_missing.nc Tests/Malformed/offset64_records_cut.nc; do
  [ -f "$f" ] && head -c 65536 "$f" > "$work/classic/$(basename "$f")"
done

status=0
for target in time csv classic; do
  mkdir -p "$work/$target-artifacts"
  if ! "$out/fuzz-$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/$target-artifacts/" "$work/$target" >"$work/$target.log" 2>&1; then
    status=1
    echo "fuzz_libfuzzer: $target FAILED" >&2
    tail -30 "$work/$target.log" >&2
    for a in "$work/$target-artifacts"/*; do
      [ -f "$a" ] || continue
      keep="Tests/Malformed/libfuzzer-$target-$(sha1sum "$a" | cut -c1-12)"
      cp "$a" "$keep"
      echo "fuzz_libfuzzer: kept $keep" >&2
    done
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$target.log" | grep -o '[0-9]*$' || echo 0)
  echo "fuzz_libfuzzer: $target: $runs inputs in ${seconds} s$([ $status -eq 0 ] && echo ', no crash')"
done
exit $status
