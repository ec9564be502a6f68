#!/usr/bin/env bash
# `maillage analyse --population-grid`, release build, distance mode: wall time, CPU time and peak
# memory (/usr/bin/time -v) of
#   1. metropolitan France (France Services 2024, 10 km) with a synthetic 2.3-million-cell 200 m grid in
#      INSEE format (scripts/make_synthetic_grid.py, written once to $SYNTHETIC_GRID, default
#      /tmp/synthetic_grid.csv); target < 10 s and < 3 GB on 2 cores;
#   2. Gironde (54,580 cells of the real Filosofi 2019 grid, 5/10/20 km); target < 2 s;
# then the Python peer (oracle/population/gironde_grid_coverage.py: shapely + pyproj, vectorised) on
# the Gironde case. Run on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${MAILLAGE_SHARED_GEODATA:-../shared/geodata}
grid=${SYNTHETIC_GRID:-/tmp/synthetic_grid.csv}
swift build -c release --product maillage 2>&1 | grep -E "error|warning|Compiling|Build" | tail -1
bin=.build/release/maillage
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"

measure() {  # label, command…: wall, CPU (user + system) and peak memory
  local label=$1; shift
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log" >&2; exit 1; }
  awk -v label="$label" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { kb = $2 }
    END { printf "%-42s wall %6.2f s   CPU %6.2f s   peak memory %7.0f MB\n", label, wall, user + sys, kb / 1024 }' "$log"
  rm -f "$log"
}

if [[ ! -s $grid ]]; then
  echo "writing the synthetic grid to $grid (about 20 s) ..."
  python3 scripts/make_synthetic_grid.py "$grid"
fi
metro=$(ls "$data/communes" | grep -v '^97' | cut -d- -f1 | paste -sd,)
out=$(mktemp -d)
measure "France, synthetic grid ($(($(wc -l < "$grid") - 1)) cells), 10 km" \
  "$bin" analyse --communes "$data/communes" --departements "$metro" \
  --population "$data/population/donnees_communes_pop2019.csv" --lieux "$data/lieux/france_services_2024.csv" \
  --population-grid "$grid" --within 10 --out "$out/france" --quiet
measure "Gironde, Filosofi 2019 grid, 5/10/20 km" \
  "$bin" analyse --communes "$data/communes/33-gironde.geojson" \
  --population "$data/population/donnees_communes_pop2019.csv" --lieux "$data/lieux/france_services_2024.csv" \
  --population-grid "$data/population/filosofi2019_carreaux_200m_gironde.csv" --within 5,10,20 --out "$out/gironde" --quiet
if python3 -c "import shapely, pyproj, pandas" 2>/dev/null && [[ ${SKIP_PEER:-0} != 1 ]]; then
  # A copy of the oracle folder, so that the committed JSON is not rewritten.
  cp oracle/population/grid_model.py oracle/population/gironde_grid_coverage.py "$out/"
  MAILLAGE_SHARED_GEODATA=$(cd "$data" && pwd) measure "peer: shapely + pyproj, Gironde" python3 "$out/gironde_grid_coverage.py"
fi
rm -rf "$out"
