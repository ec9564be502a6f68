#!/usr/bin/env bash
# Byte fingerprints (SHA-256) of every output file of four reference runs: the demo,
# Nouvelle-Aquitaine 5/10/20 km, Corsica by road 10/20/30 min and `suggest` on Creuse (p = 5, 10).
# `record` writes them to scripts/output-fingerprints.txt; `verify` (default) reruns and compares,
# so that a change meant to keep behaviour (a refactoring) can show every file is byte-identical.
# Needs a release build (.build/release/maillage) and ../shared/geodata.
# Usage: scripts/output-fingerprints.sh [record|verify]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
mode="${1:-verify}"
data="$(realpath "${MAILLAGE_SHARED_GEODATA:-../shared/geodata}")"
binary="$(realpath "${MAILLAGE_BINARY:-.build/release/maillage}")"
[[ -x $binary ]] || { echo "no release build at $binary: run 'swift build -c release --product maillage'" >&2; exit 1; }
[[ -d $data ]] || { echo "$data is absent: the reference runs need the shared data" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work" "$work.fingerprints"' EXIT
common=(--population "$data/population/donnees_communes_pop2019.csv" --quiet)
# Runs from the work folder with relative --out, so the terminal report (kept as terminal.txt) is comparable.
cd "$work"
mkdir terminal
"$binary" analyse --communes "$repo/geodata/communes.geojson" --population "$repo/geodata/population.csv" \
    --lieux "$repo/geodata/lieux.csv" --out demo --quiet > terminal/demo.txt
"$binary" analyse --communes "$data/communes" "${common[@]}" --lieux "$data/lieux/france_services_2020.geojson" \
    --departements 16,17,19,23,24,33,40,47,64,79,86,87 --within 5,10,20 --out nouvelle-aquitaine > terminal/nouvelle-aquitaine.txt
"$binary" analyse --communes "$data/communes" "${common[@]}" --lieux "$data/lieux/france_services_2024.csv" \
    --departements 2A,2B --network "$data/roads/corse_roads.osm.pbf" --within 10min,20min,30min --out corse-road > terminal/corse-road.txt
"$binary" suggest --communes "$data/communes" "${common[@]}" --lieux "$data/lieux/france_services_2020.geojson" \
    --departements 23 --within 10 --sites 5,10 --out creuse-suggest > terminal/creuse-suggest.txt
# The terminal reports end with the absolute output folder, which differs between runs.
sed -i "s|$work/||" terminal/*.txt
find . -type f | LC_ALL=C sort | xargs sha256sum > "$work.fingerprints"
cd "$repo"
case $mode in
  record) cp "$work.fingerprints" scripts/output-fingerprints.txt
          echo "recorded $(wc -l < scripts/output-fingerprints.txt) files in scripts/output-fingerprints.txt" ;;
  verify) if diff -u scripts/output-fingerprints.txt "$work.fingerprints"; then
            echo "all $(wc -l < scripts/output-fingerprints.txt) output files are byte-identical"
          else
            echo "output files differ from scripts/output-fingerprints.txt (lines above)" >&2; exit 1
          fi ;;
  *) echo "usage: $0 [record|verify]" >&2; exit 2 ;;
esac
