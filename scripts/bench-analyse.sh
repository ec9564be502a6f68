#!/usr/bin/env bash
# `maillage analyse` on all of metropolitan France (35,228 communes, France Services 2020, 10 km),
# release build: time per step (wall and CPU), total wall time and peak memory. Then the shapely +
# pyproj oracle (oracle/analysis/distance_coverage.py) on the same work as a peer: it computes the
# proximity, coverage and white-zone figures but writes no map layer. Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${MAILLAGE_SHARED_GEODATA:-../shared/geodata}
swift build -c release --product maillage >/dev/null
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
