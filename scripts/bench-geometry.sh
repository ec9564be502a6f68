#!/usr/bin/env bash
# Geometry-layer benchmark on all 101 commune files of ../shared/geodata: GeoJSON load (MB/s),
# reprojection (M coordinates/s), validity check + repair, peak memory; then the same steps with
# json + shapely + pyproj (pip) as a peer. Release build; run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${MAILLAGE_SHARED_GEODATA:-../shared/geodata}
swift build -c release --product maillage-bench >/dev/null
echo "== Maillage (Swift, GEOS $(pkg-config --modversion geos), PROJ $(pkg-config --modversion proj))"
/usr/bin/time -f "wall %e s, peak memory %M KB" .build/release/maillage-bench geometry --communes "$data/communes"
if python3 -c "import shapely, pyproj" 2>/dev/null; then
  echo "== peer: json + shapely + pyproj"
  /usr/bin/time -f "wall %e s, peak memory %M KB" python3 scripts/bench_geometry_peer.py "$data/communes"
else
  echo "(peer skipped: pip install shapely pyproj)"
fi
