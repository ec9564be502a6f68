#!/usr/bin/env bash
# `maillage analyse` on all of metropolitan France (35,228 communes, France Services 2020, 10 km),
# release build: time per step (wall and CPU), total wall time and peak memory. Then the shapely +
# pyproj oracle (oracle/analysis/distance_coverage.py) on the same work as a peer: it computes the
# proximity, coverage and white-zone figures but writes no map layer. Run on a quiet machine.
#
#   scripts/bench-analyse.sh duplicates
#     The demo territory with 1,000, 10,000 and 100,000 lieux at one point: lieux at identical
#     coordinates are merged for the geometry work, so the time grows only with writing their rows.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${MAILLAGE_SHARED_GEODATA:-../shared/geodata}
swift build -c release --product maillage >/dev/null
if [[ ${1:-} == duplicates ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  for count in 1000 10000 100000; do
    awk -v n="$count" 'BEGIN { print "id,nom,longitude,latitude"; for (i = 0; i < n; i++) print "l" i ",Lieu " i ",1.5,45.75" }' \
      > "$work/lieux.csv"
    echo "== maillage analyse, demo territory, $count lieux at one point"
    /usr/bin/time -f "wall %e s, CPU %U s user + %S s system, peak memory %M KB" .build/release/maillage analyse \
      --lieux "$work/lieux.csv" --out "$work/out" --quiet > /dev/null
  done
  exit 0
fi
metro=$(ls "$data/communes" | grep -v '^97' | cut -d- -f1 | paste -sd,)
out=$(mktemp -d)
echo "== maillage analyse, metropolitan France, France Services 2020, 10 km"
/usr/bin/time -f "wall %e s, peak memory %M KB" .build/release/maillage analyse --communes "$data/communes" \
  --population "$data/population/donnees_communes_pop2019.csv" --lieux "$data/lieux/france_services_2020.geojson" \
  --departements "$metro" --within 10 --out "$out" --timings --quiet
if python3 -c "import shapely, pyproj" 2>/dev/null && [[ ${SKIP_PEER:-0} != 1 ]]; then
  echo "== peer: shapely + pyproj (figures only, no map layers)"
  /usr/bin/time -f "wall %e s, peak memory %M KB" python3 oracle/analysis/distance_coverage.py "$data" "$out/peer.json" "$metro" 10 10 >/dev/null
fi
rm -rf "$out"
