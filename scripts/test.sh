#!/usr/bin/env bash
# Sets everything up and runs the whole test suite. Tests that need the real data in
# ../shared/geodata say so and skip when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
[[ -d ../shared/geodata ]] || echo "note: ../shared/geodata is absent: real-data tests will be skipped"
swift build --build-tests
swift test --skip-build
