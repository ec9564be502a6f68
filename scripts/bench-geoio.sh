#!/usr/bin/env bash
# Benchmark of GeoIO in release: reads the 101 commune GeoJSON files (46 MB), encodes them back
# as RFC 7946 GeoJSON, reads the two CSV files; prints times, MB/s and peak memory, and checks the
# counts (35,357 communes, 34,990 + 2,845 CSV rows). A Python json.load of the same files runs as a peer.
# Usage: scripts/bench-geoio.sh [repetitions]   env: MAILLAGE_SHARED_GEODATA
set -euo pipefail
cd "$(dirname "$0")/.."
geodata="${MAILLAGE_SHARED_GEODATA:-../shared/geodata}"
repetitions="${1:-3}"

if [ ! -d "$geodata/communes" ]; then
    echo "bench-geoio: no shared data at $geodata (set MAILLAGE_SHARED_GEODATA)" >&2
    exit 1
fi

echo "== build (release)"
swift build -c release --product maillage-bench 2>&1 | tail -1

timing="$(mktemp)"
trap 'rm -f "$timing"' EXIT
pin=()
if command -v taskset > /dev/null; then pin=(taskset -c 0); fi  # one core

echo "== GeoIO (Swift, release, 1 core)"
/usr/bin/time -o "$timing" -f "process: wall %e s, max RSS %M KB" "${pin[@]}" \
    .build/release/maillage-bench geoio --geodata "$geodata" --repetitions "$repetitions"
cat "$timing"

if command -v python3 > /dev/null; then
    echo "== peer: Python json.load (C accelerated) of the same GeoJSON files"
    /usr/bin/time -o "$timing" -f "process: wall %e s, max RSS %M KB" "${pin[@]}" python3 - "$geodata" <<'PY'
import glob, json, sys, time
files = sorted(glob.glob(sys.argv[1] + "/communes/*.geojson"))
start = time.perf_counter()
count = 0
for name in files:
    with open(name, "rb") as handle:
        count += len(json.load(handle)["features"])
elapsed = time.perf_counter() - start
assert count == 35357, count
print(f"read   {len(files)} files, {count} features: {elapsed:.3f} s")
PY
    cat "$timing"
fi
