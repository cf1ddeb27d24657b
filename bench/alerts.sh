#!/usr/bin/env bash
# One incremental `alerts run` as cron makes it: 100 tide gauges (each carrying the real
# Nuku'alofa 1-minute record of March 2011), watermarks set by a first run over two days of
# history, then a new day of 1-minute data at every station (140,000 values) and the timed run:
# tsunami and residual rules on every station (evaluate + one commit). Prints the run's wall
# time and the whole process's peak memory. There is no peer tool to run beside it.
# Usage: bench/alerts.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product bluewatch-bench >/dev/null
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
/usr/bin/time -f "%M" -o "$tmp/m" .build/release/bluewatch-bench alerts ../shared/data > "$tmp/o.json"
python3 - "$tmp/o.json" "$(cat "$tmp/m")" <<'PY'
import json, sys
o = json.load(open(sys.argv[1]))
print(f"incremental alert run: {o['stations']} stations, {o['new_values']:,} new values, {o['evaluations']} rule evaluations, "
      f"{o['changes']} alerts raised: {o['seconds']:.3f} s; process peak {int(sys.argv[2]) // 1024} MB")
PY
