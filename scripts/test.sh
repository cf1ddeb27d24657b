#!/usr/bin/env bash
# The whole test suite, on a fresh Debian 12 machine: installs the C libraries and the
# reference tools the tests use (compliance-checker, netCDF4-python, pyproj in .venv), builds
# and runs every test, then the store-touching suites again on PostgreSQL. Expects
# ../shared/data beside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh --test
if [ ! -d ../shared/data ] && [ -z "${BLUEWATCH_SHARED_DATA:-}" ]; then
  echo "test: ../shared/data is missing (or set BLUEWATCH_SHARED_DATA)" >&2
  exit 2
fi
swift build --build-tests
# Mutation fuzzing of every reader through the CLI (Docs/RELIABILITY.md): a fixed seed, so a
# failure here is a regression; run thousands by hand with another seed.
.venv/bin/python scripts/fuzz_mutants.py --count 300 --seed 16
# Coverage-guided fuzzing of the in-process parsers (libFuzzer), 20 s per target.
bash scripts/fuzz_libfuzzer.sh 20
swift test --skip-build "$@"
# Every store-touching suite again on PostgreSQL (a throwaway cluster the tests start on
# loopback and stop at exit; Docs/DEVELOPING.md). The store's own tests run on both already.
if [ "$#" -eq 0 ]; then
  BLUEWATCH_TEST_STORE=postgres swift test --skip-build --filter "BlueWatchCLITests|BlueWatchServiceTests|StationTrendRunnerTests|SeriesExportTests"
fi
