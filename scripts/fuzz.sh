#!/bin/sh
# Fuzzes one parser with libFuzzer: scripts/fuzz.sh geojson|csv|pbf|population-grid [SECONDS] [libFuzzer options…]
# Builds the fuzzer (release, libFuzzer and AddressSanitizer: release builds do not check the bounds of
# unsafe buffers, ASan does; linked with lld), then runs it on a working corpus in
# .build/fuzz-corpus/PARSER seeded from Sources/Fuzz/Seeds/PARSER. Crashing inputs are written to
# .build/fuzz-crashes/PARSER; keep each one, once fixed, in Tests/FuzzTests/FuzzCorpus/PARSER.
set -eu
parser=${1:?usage: scripts/fuzz.sh geojson|csv|pbf|population-grid [seconds] [libFuzzer options]}
seconds=${2:-600}
shift; [ $# -gt 0 ] && shift
case $parser in
    geojson) product=FuzzGeoJSON ;;
    csv) product=FuzzCSV ;;
    pbf) product=FuzzPBF ;;
    population-grid) product=FuzzPopulationGrid ;;
    *) echo "unknown parser '$parser': geojson, csv, pbf or population-grid" >&2; exit 2 ;;
esac
scratch=${MAILLAGE_FUZZ_BUILD:-.build/fuzz}
# ld.gold fails on libFuzzer's debug information: link with lld.
swift build -c release --product "$product" --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
corpus=.build/fuzz-corpus/$parser
crashes=.build/fuzz-crashes/$parser
mkdir -p "$corpus" "$crashes"
# PROJ would print a line for every unknown EPSG code the population-grid fuzzer invents.
PROJ_DEBUG=0 exec "$scratch/release/$product" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$@" "$corpus" "Sources/Fuzz/Seeds/$parser"
