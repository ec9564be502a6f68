#!/usr/bin/env bash
# Benchmark of GeoIO in release: reads the 101 commune GeoJSON files (46 MB), encodes them back
# as RFC 7946 GeoJSON, reads the two CSV files; prints times, MB/s and peak memory, and checks the
# counts (35,357 communes, 34,990 + 2,845 CSV rows). A Python json.load of the same files runs as a peer.
#
# The executable (scripts/geoio-bench/main.swift) is built in a sandbox package outside the repository
# (default ../sandbox-geoio, created if missing) so no .build folder lands in the repository.
# Usage: scripts/bench-geoio.sh [repetitions]   env: MAILLAGE_SHARED_GEODATA, GEOIO_SANDBOX
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
geodata="${MAILLAGE_SHARED_GEODATA:-$repo/../shared/geodata}"
sandbox="${GEOIO_SANDBOX:-$repo/../sandbox-geoio}"
repetitions="${1:-3}"

if [ ! -d "$geodata/communes" ]; then
    echo "bench-geoio: no shared data at $geodata (set MAILLAGE_SHARED_GEODATA)" >&2
    exit 1
fi

if [ ! -f "$sandbox/Package.swift" ]; then
    mkdir -p "$sandbox/Sources" "$sandbox/Tests"
    ln -sfn "$repo/Sources/GeoIO" "$sandbox/Sources/GeoIO"
    ln -sfn "$repo/Tests/GeoIOTests" "$sandbox/Tests/GeoIOTests"
    ln -sfn "$repo/scripts/geoio-bench" "$sandbox/Sources/geoio-bench"
    cat > "$sandbox/Package.swift" <<'SWIFT'
// swift-tools-version: 6.2
import PackageDescription
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]
let package = Package(
    name: "SandboxGeoIO",
    platforms: [.macOS(.v14)],
    targets: [
        .target(name: "GeoIO", swiftSettings: strict),
        .executableTarget(name: "geoio-bench", dependencies: ["GeoIO"], swiftSettings: strict),
        .testTarget(name: "GeoIOTests", dependencies: ["GeoIO"], exclude: ["Fixtures"], swiftSettings: strict),
    ]
)
SWIFT
fi

echo "== build (release) in $sandbox"
(cd "$sandbox" && swift build -c release --product geoio-bench 2>&1 | tail -1)

timing="$(mktemp)"
trap 'rm -f "$timing"' EXIT
pin=()
if command -v taskset > /dev/null; then pin=(taskset -c 0); fi  # one core

echo "== GeoIO (Swift, release, 1 core)"
/usr/bin/time -o "$timing" -f "process: wall %e s, max RSS %M KB" "${pin[@]}" \
    "$sandbox/.build/release/geoio-bench" "$geodata" "$repetitions"
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
