#!/usr/bin/env bash
# Benchmark of `maillage suggest` on all of metropolitan France (every non-97x département of
# ../shared/geodata/communes, about 35,000 communes = 35,000 candidates), population 2019,
# France Services 2020, 10 km, p = 100: once with area-weighted demand (default 0.5 km grid) and once
# with whole-commune (point) demand. Release build, run under /usr/bin/time -v: wall time and peak
# memory, plus the time of each step (--timings).
# Usage: scripts/bench-suggest.sh [extra suggest options, e.g. --grid-km 0.5 or --fast]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
data="${MAILLAGE_SHARED_GEODATA:-../shared/geodata}"
swift build -c release --product maillage >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
departements="$(ls "$data/communes" | grep -v '^97' | sed 's/-.*//' | paste -sd, -)"
echo "== $(date -u +%FT%TZ) $(swift --version 2>/dev/null | head -1), $(nproc) cores"
for demand in area point; do
    echo "== metropolitan France, demand $demand, 10 km, p = 100 $*"
    /usr/bin/time -v .build/release/maillage suggest --communes "$data/communes" \
        --population "$data/population/donnees_communes_pop2019.csv" \
        --lieux "$data/lieux/france_services_2020.geojson" --departements "$departements" \
        --within 10 --sites 100 --demand "$demand" --out "$work/out-$demand" --quiet --timings "$@" \
        > "$work/report-$demand.txt" 2> "$work/time-$demand.txt"
    sed -n '1,5p' "$work/report-$demand.txt"
    grep -E "^ +[0-9.]+ s " "$work/time-$demand.txt" || true
    grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time-$demand.txt"
done
