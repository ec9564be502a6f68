#!/usr/bin/env bash
# Benchmark of the RoadNetwork module (release build, seeded inputs, every step checks its answer).
#
#   scripts/bench-roads.sh [--synthetic-size N] [--repeats R] [--lieux L] [--reach-lieux K] [--no-shuffled]
#
# Corsica (../shared/geodata/roads/corse_roads.osm.pbf + the networkx oracle fixture): PBF read
# rate (MB/s, nodes/s), road loading, graph build, snapping + component filter, multi-source
# search, all-lieux reach (threshold counts and isochrone segments), peak memory.
# Synthetic grid (SyntheticRoadGraph.grid, default 1650 × 1650 ≈ 10.3 M directed edges), in
# row-major and shuffled node order: generation, multi-source search from 1000 sources,
# single-source search, all-lieux reach, peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
geodata=${MAILLAGE_SHARED_GEODATA:-../shared/geodata}
echo "building (release) ..."
swift build -c release --product maillage-bench 2>&1 | grep -E "error|warning|Build complete" || true
bin=.build/release/maillage-bench
[[ -x $bin ]] || { echo "build failed" >&2; exit 1; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m); $(swift --version 2>/dev/null | head -1)"
args=(roads --corsica-pbf "$geodata/roads/corse_roads.osm.pbf" "$@")
if [[ -x /usr/bin/time ]]; then
  /usr/bin/time -f "whole run: %e s wall, %M KiB max resident (/usr/bin/time)" "$bin" "${args[@]}"
else
  "$bin" "${args[@]}"
fi
