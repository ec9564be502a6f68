#!/usr/bin/env python3
"""Independent oracle for the GeoIO reader: per commune file, the number of features and
positions, the sums of all x and all y accumulated in file order, and the sums modulo 2^64
of the IEEE bit patterns of all x and all y, from Python's json module (correctly rounded
float parsing). The Swift test must match exactly; the bit-pattern sums change if any single
coordinate is parsed one ulp off, so this checks number parsing bit for bit on 46 MB of data.

Usage: scripts/geoio-oracle-coordinate-sums.py [geodata folder] > Tests/GeoIOTests/Fixtures/communes-coordinate-sums.json
"""
import glob
import json
import os
import struct
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "geodata")


def positions(geometry):
    """Positions in file order, descending into every geometry type."""
    if geometry is None:
        return
    if geometry["type"] == "GeometryCollection":
        for member in geometry["geometries"]:
            yield from positions(member)
        return

    def walk(value):
        if value and isinstance(value[0], (int, float)):
            yield value
        else:
            for child in value:
                yield from walk(child)

    yield from walk(geometry["coordinates"])


def bit_pattern(number):
    return struct.unpack("<Q", struct.pack("<d", float(number)))[0]


result = {}
for path in sorted(glob.glob(os.path.join(root, "communes", "*.geojson"))):
    with open(path, "rb") as handle:
        collection = json.load(handle)
    count = 0
    sum_x = 0.0
    sum_y = 0.0
    bits_x = 0
    bits_y = 0
    for feature in collection["features"]:
        for position in positions(feature["geometry"]):
            count += 1
            sum_x += float(position[0])
            sum_y += float(position[1])
            bits_x = (bits_x + bit_pattern(position[0])) % 2**64
            bits_y = (bits_y + bit_pattern(position[1])) % 2**64
    result[os.path.basename(path)] = {
        "features": len(collection["features"]),
        "positions": count,
        "sum_x": repr(sum_x),
        "sum_y": repr(sum_y),
        "bits_x": str(bits_x),
        "bits_y": str(bits_y),
    }

json.dump(result, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
