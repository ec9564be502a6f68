#!/usr/bin/env bash
# Sets everything up, builds Maillage (release) and runs `maillage analyse` on the synthetic demo
# territory in geodata/, writing output/. Extra arguments go to `maillage analyse`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --product maillage
.build/release/maillage analyse "$@"
