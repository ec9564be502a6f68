#!/usr/bin/env bash
# Benchmark of the Accessibility core (2SFCA, E2SFCA, gravity and grouped statistics) on a seeded
# synthetic instance of France's size (35,000 communes, 2,800 lieux). Release build, run under
# /usr/bin/time -v (wall time, peak memory). The benchmark checks conservation and exits non-zero
# if a check fails.
# Usage: scripts/bench-access.sh [--communes N] [--lieux M] [--side-km L] [--runs R] [--seed S]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
swift build -c release --product maillage-bench >&2
timing="$(mktemp)"
trap 'rm -f "$timing"' EXIT
echo "== $(date -u +%FT%TZ) $(swift --version 2>/dev/null | head -1), $(nproc) cores"
/usr/bin/time -v .build/release/maillage-bench access "$@" 2> "$timing"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$timing"
