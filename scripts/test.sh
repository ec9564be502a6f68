#!/usr/bin/env bash
# Sets everything up and runs the whole test suite. Tests that need the real data in
# ../shared/geodata say so and skip when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
[[ -d ../shared/geodata ]] || echo "note: ../shared/geodata is absent: real-data tests will be skipped"
# Python packages the tests run at test time (files written as planners download them); tests that
# need them say so and skip when they cannot be installed.
python3 -m pip install --quiet --disable-pip-version-check geopandas pyogrio openpyxl \
  || echo "note: could not install geopandas/pyogrio/openpyxl: tests writing Shapefile/GeoPackage/XLSX files will be skipped"
swift build --build-tests
swift test --skip-build
