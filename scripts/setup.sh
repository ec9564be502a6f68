#!/usr/bin/env bash
# Installs the system libraries Maillage builds on (Debian/Ubuntu), with apt-get as root or via sudo.
# The Swift toolchain (6.2 or later) must already be on PATH: https://www.swift.org/install/linux/
set -euo pipefail
packages=(libgeos-dev libproj-dev proj-data zlib1g-dev libgdal-dev gdal-bin pkg-config)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing ${missing[*]}…"
  if [[ $(id -u) -eq 0 ]]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  for candidate in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    [[ -x $candidate/swift ]] && export PATH="$candidate:$PATH"
  done
fi
command -v swift >/dev/null 2>&1 || { echo "Swift is not installed: get Swift 6.2+ from https://www.swift.org/install/linux/ and run again." >&2; exit 1; }
pkg-config --exists geos proj zlib gdal || { echo "pkg-config does not find geos, proj, zlib and gdal after installation" >&2; exit 1; }
