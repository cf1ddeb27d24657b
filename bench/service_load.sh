#!/usr/bin/env bash
# Load on the HTTP service: wrk on loopback at 64 connections against the stations GeoJSON and
# a month of Honolulu's hourly series (JSON and CSV), requests per second and latency
# percentiles; then a soak of SOAK seconds on the series while the server's resident memory is
# sampled every 10 s (first, highest, last). Client and server share this machine's cores.
#
#   bench/service_load.sh [SECONDS=20] [SOAK=300]     (needs wrk: scripts/bootstrap.sh --bench)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}; soak=${2:-300}
data=${BLUEWATCH_DATA:-../shared/data}
swift build -c release --product bluewatch >/dev/null
bin=.build/release/bluewatch
work=$(mktemp -d)
db="$work/bw.sqlite"
"$bin" ingest --db "$db" --quiet "$data" >/dev/null
port=${PORT:-18182}
"$bin" serve --db "$db" --port "$port" 2>"$work/serve.log" &
pid=$!
trap 'kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
base="http://127.0.0.1:$port"
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status"; }
run() {   # name, path
  local out
  out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$base$2")
  local rps p50 p99 bytes
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  bytes=$(curl -s "$base$2" | wc -c)
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  printf '%-34s %9s req/s   p50 %8s   p99 %8s   %7d bytes/answer  %s\n' "$1" "$rps" "$p50" "$p99" "$bytes" "${errors:-no errors}"
}
echo "wrk -t2 -c64 -d${seconds}s, server RSS before: $(rss) MB"
run "GET /stations (GeoJSON)" "/stations"
run "GET /stations?project=… (GeoJSON)" "/stations?project=blue-21-sids-sealevel"
run "series, 1 month hourly, JSON" "/stations/honolulu/series?from=2010-02&to=2010-02"
run "series, 1 month hourly, CSV" "/stations/honolulu/series?from=2010-02&to=2010-02&format=csv"
run "series, 1 year hourly, CSV" "/stations/honolulu/series?format=csv"
echo "server RSS after the runs: $(rss) MB"
if [ "$soak" -gt 0 ]; then
  wrk -t2 -c64 -d"${soak}s" "$base/stations/honolulu/series?from=2010-02&to=2010-02" > "$work/soak.txt" &
  wpid=$!
  samples=()
  while kill -0 $wpid 2>/dev/null; do samples+=("$(rss)"); sleep 10; done
  first=${samples[0]}; last=${samples[-1]}; high=$(printf '%s\n' "${samples[@]}" | sort -n | tail -1)
  echo "soak ${soak}s at 64 connections: $(awk '/Requests\/sec/ {print $2}' "$work/soak.txt") req/s; RSS first ${first} MB, highest ${high} MB, last ${last} MB over ${#samples[@]} samples"
fi
