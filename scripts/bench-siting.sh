#!/usr/bin/env bash
# Benchmark of the Siting core (MCLP p = 100 and a 95 % target cover on 35,000 candidates) on a
# seeded synthetic instance. Release build, run under /usr/bin/time -v (wall time, peak memory).
# The benchmark checks its own answer and exits non-zero if a check fails.
# Usage: scripts/bench-siting.sh [--communes N] [--p P] [--existing E] [--seed S]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build -c release --product maillage-bench >&2
timing="$(mktemp)"
trap 'rm -f "$timing"' EXIT
echo "== $(date -u +%FT%TZ) $(swift --version 2>/dev/null | head -1), $(nproc) cores"
/usr/bin/time -v .build/release/maillage-bench siting "$@" 2> "$timing"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$timing"
