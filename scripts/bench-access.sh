#!/usr/bin/env bash
# Benchmarks of accessibility with competition. Release build, run under /usr/bin/time -v (wall time, peak memory).
#
#   scripts/bench-access.sh [--communes N] [--lieux M] [--side-km L] [--runs R] [--seed S]
#     The Accessibility core (2SFCA, E2SFCA, gravity and grouped statistics) on a seeded synthetic instance of
#     France's size (35,000 communes, 2,800 lieux); the benchmark checks conservation and exits non-zero if a
#     check fails.
#
#   scripts/bench-access.sh command
#     `maillage access` end to end on metropolitan France (35,228 communes at their chef-lieu, France Services
#     2024, straight line, 20 km, E2SFCA, every output written), then its peer PySAL `access`
#     (oracle/access/bench_pysal.py) on the same inputs, and the ratio of their wall times. Data:
#     $MAILLAGE_SHARED_GEODATA, default ../shared/geodata. Run on a quiet machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
timing="$(mktemp)"
out="$(mktemp -d)"
trap 'rm -rf "$timing" "$out"' EXIT
echo "== $(date -u +%FT%TZ) $(swift --version 2>/dev/null | head -1), $(nproc) cores"

if [[ "${1:-}" != "command" ]]; then
  swift build -c release --product maillage-bench >&2
  /usr/bin/time -v .build/release/maillage-bench access "$@" 2> "$timing"
  grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$timing"
  exit 0
fi

data=${MAILLAGE_SHARED_GEODATA:-../shared/geodata}
swift build -c release --product maillage >&2
mapfile -t communes < <(ls "$data"/communes/*.geojson | grep -v '/97')
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$1"; }

echo "== maillage access, metropolitan France (${#communes[@]} communes files), France Services 2024, 20 km, E2SFCA"
/usr/bin/time -v .build/release/maillage access --communes "${communes[@]}" \
  --population "$data/population/donnees_communes_pop2019.csv" --lieux "$data/lieux/france_services_2024.csv" \
  --commune-points "$data/points/chef_lieu_2020.csv" --within 20 --method e2sfca \
  --out "$out" --quiet --timings > /dev/null 2> "$timing"
grep -vE "^\s+(Command|User|System|Percent|Average|Major|Minor|Voluntary|Involuntary|Swaps|File|Socket|Signals|Page|Exit)" "$timing" \
  | grep -vE "Elapsed|Maximum resident" || true
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$timing"
maillage_seconds=$(seconds "$timing")

if [[ ${SKIP_PEER:-0} == 1 ]] || ! python3 -c "import access, pandas, scipy, shapely, pyproj" 2>/dev/null; then
  echo "== peer skipped (SKIP_PEER=1, or python3 lacks access/pandas/scipy/shapely/pyproj)"
  exit 0
fi
echo "== peer: PySAL access (oracle/access/bench_pysal.py), same inputs"
/usr/bin/time -v python3 oracle/access/bench_pysal.py 2> "$timing"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$timing"
peer_seconds=$(seconds "$timing")
awk -v m="$maillage_seconds" -v p="$peer_seconds" 'BEGIN { printf "== wall time: maillage access %.2f s, PySAL peer %.2f s (whole script), ratio %.1fx\n", m, p, p / m }'
