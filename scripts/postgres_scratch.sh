#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback for trying BlueWatch on PostgreSQL by hand and for
# benchmarks (the Swift tests start their own: BlueWatchTesting/PostgresCluster.swift).
#
#   scripts/postgres_scratch.sh start DIR [PORT]   initdb + start; prints the URL of database "bluewatch"
#   scripts/postgres_scratch.sh stop DIR           stop at once and remove DIR
#
# Needs Debian's postgresql (scripts/bootstrap.sh --test). As root the cluster runs as user postgres.
set -euo pipefail
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,8p' "$0"; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "postgres_scratch: PostgreSQL is not installed (scripts/bootstrap.sh --test)" >&2; exit 2; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    port=${3:-55432}
    mkdir -p "$dir"; [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-sync --locale=C >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres bluewatch
    echo "postgres://postgres@127.0.0.1:$port/bluewatch?sslmode=disable" ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    rm -rf "$dir" ;;
  *) echo "postgres_scratch: start or stop" >&2; exit 2 ;;
esac
