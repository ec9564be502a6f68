#!/usr/bin/env bash
# Byte fingerprints (SHA-256) of every output file, and of the terminal report, of four reference
# runs: the demo, Nouvelle-Aquitaine 5/10/20 km, Corsica by road 10/20/30 min and `suggest` on
# Creuse (p = 5, 10). `record` writes them to scripts/output-fingerprints.txt; `verify` (default)
# reruns and compares, so a change meant to keep behaviour (a refactoring) shows every file is
# byte-identical. Runs from the repository root with relative input paths (../shared/geodata), as
# the outputs state their inputs. Needs a release build (or MAILLAGE_BINARY) and ../shared/geodata.
# Usage: scripts/output-fingerprints.sh [record|verify]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
mode="${1:-verify}"
data="../shared/geodata"
binary="$(realpath "${MAILLAGE_BINARY:-.build/release/maillage}")"
[[ -x $binary ]] || { echo "no release build at $binary: run 'swift build -c release --product maillage'" >&2; exit 1; }
[[ -d $data ]] || { echo "$data is absent: the reference runs need the shared data" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work" "$work.fingerprints"' EXIT
mkdir "$work/terminal"
common=(--population "$data/population/donnees_communes_pop2019.csv" --quiet)
"$binary" analyse --out "$work/demo" --quiet > "$work/terminal/demo.txt"
"$binary" analyse --communes "$data/communes" "${common[@]}" --lieux "$data/lieux/france_services_2020.geojson" \
    --departements 16,17,19,23,24,33,40,47,64,79,86,87 --within 5,10,20 --out "$work/nouvelle-aquitaine" \
    > "$work/terminal/nouvelle-aquitaine.txt"
"$binary" analyse --communes "$data/communes" "${common[@]}" --lieux "$data/lieux/france_services_2024.csv" \
    --departements 2A,2B --network "$data/roads/corse_roads.osm.pbf" --within 10min,20min,30min --out "$work/corse-road" \
    > "$work/terminal/corse-road.txt"
"$binary" suggest --communes "$data/communes" "${common[@]}" --lieux "$data/lieux/france_services_2020.geojson" \
    --departements 23 --within 10 --sites 5,10 --out "$work/creuse-suggest" > "$work/terminal/creuse-suggest.txt"
# The terminal reports end with the output folder, which differs between runs.
sed -i "s|$work/||" "$work"/terminal/*.txt
(cd "$work" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$work.fingerprints"
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
