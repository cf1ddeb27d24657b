#!/usr/bin/env bash
# The HTTP contract: Schemathesis (PyPI) generates requests from Docs/openapi.yaml against a live
# `bluewatch serve` on loopback and checks every answer: no 5xx, the documented status codes,
# content types and headers, and bodies that match their schemas. The store holds real files
# (a PSMSL monthly record, Honolulu's hourly 2010, a DART record, an altimetry grid); a token
# with both scopes is passed so the write routes are exercised past authentication.
#
#   bench/service_contract.sh [MAX_EXAMPLES=40]     (needs scripts/bootstrap.sh --bench)
set -euo pipefail
cd "$(dirname "$0")/.."
examples=${1:-40}
data=${BLUEWATCH_DATA:-../shared/data}
swift build -c release --product bluewatch >/dev/null
bin=.build/release/bluewatch
work=$(mktemp -d)
db="$work/bw.sqlite"
"$bin" ingest --db "$db" --quiet "$data/sealevel/psmsl/rlr_monthly/1327.rlrdata" "$data/sealevel/hourly/HNL2010.asc" \
  "$data/tsunami/dart_tohoku2011_raw/21418.txt" "$data/sealevel/altimetry/dt_med_allsat_phy_l4_20160515_20190101.nc" \
  "$data/sealevel/altimetry/dt_med_allsat_phy_l4_2005T2.nc" >/dev/null
# One alert to serve: the Tohoku wave at DART 21418, as a cron run at 07:00 UTC would have raised it.
cat > "$work/rules.toml" <<TOML
sender = "contract@bluewatch.example"
outbox = "$work/outbox"
[[rule]]
id = "tsunami-watch"
kind = "tsunami"
severity = "Extreme"
stations = ["dart-21418"]
TOML
"$bin" alerts run --db "$db" --config "$work/rules.toml" --now 2011-03-11T07:00:00Z >/dev/null || [ $? -eq 3 ]
token=$("$bin" tokens create --db "$db" --name schemathesis 2>/dev/null)
port=${PORT:-18181}
"$bin" serve --db "$db" --port "$port" --uploads "$work/uploads" --max-upload-mb 4 2>"$work/serve.log" &
pid=$!
trap 'kill -9 $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
.venv/bin/schemathesis run Docs/openapi.yaml --url "http://127.0.0.1:$port" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples "$examples" --seed 1 -H "Authorization: Bearer $token"
