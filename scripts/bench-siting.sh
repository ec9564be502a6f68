#!/usr/bin/env bash
# Benchmark of the Siting core (MCLP p = 100 and a 95 % target cover on 35,000 candidates).
# Builds a release binary in a throw-away package OUTSIDE the repository whose targets are symlinks to
# Sources/Siting and scripts/siting-bench, then runs it under /usr/bin/time -v (wall time, peak memory).
# The benchmark checks its own answer and exits non-zero if a check fails.
# Usage: scripts/bench-siting.sh [--communes N] [--p P] [--existing E] [--seed S]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${SITING_BENCH_DIR:-${TMPDIR:-/tmp}/maillage-siting-bench}"
mkdir -p "$work/Sources"
ln -sfn "$repo/Sources/Siting" "$work/Sources/Siting"
ln -sfn "$repo/scripts/siting-bench" "$work/Sources/SitingBench"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version: 6.2
import PackageDescription
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]
let package = Package(
    name: "SitingBenchmark",
    targets: [
        .target(name: "Siting", swiftSettings: strict),
        .executableTarget(name: "SitingBench", dependencies: ["Siting"], swiftSettings: strict),
    ]
)
SWIFT
swift build -c release --package-path "$work" --product SitingBench >&2
echo "== $(date -u +%FT%TZ) $(swift --version 2>/dev/null | head -1), $(nproc) cores"
/usr/bin/time -v "$work/.build/release/SitingBench" "$@" 2> "$work/time.txt"
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
