#!/usr/bin/env python3
"""Reference entity and tag counts of the real PBF files, from osmium (libosmium), an
implementation independent of Maillage's Swift PBF reader.

Commands run for each file (osmium-tool 1.15 / libosmium 2.19, Debian package `osmium-tool`):
    osmium fileinfo -e -j FILE          -> node/way/relation counts, min/max ids, data bbox
    osmium cat -f opl FILE              -> tags per object and way/relation member counts
                                           (fileinfo does not count tags)
Output: Tests/RoadNetworkTests/Fixtures/pbf_counts.json
Usage:  python3 oracle/roadnetwork/pbf_counts.py   (from the project root, ../shared/geodata present)
"""
import json
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ROADS = os.path.join(ROOT, "..", "shared", "geodata", "roads")
FILES = ["monaco_2019.osm.pbf", "corse_roads.osm.pbf"]


def opl_field(parts, letter):
    for p in parts[1:]:
        if p.startswith(letter):
            return p[1:]
    return ""


def count_list(text):
    return 0 if text == "" else text.count(",") + 1


def counts(path):
    info = json.loads(subprocess.run(["osmium", "fileinfo", "-e", "-j", path],
                                     check=True, capture_output=True, text=True).stdout)
    data = info["data"]
    tags = {"n": 0, "w": 0, "r": 0}
    way_refs = members = 0
    opl = subprocess.run(["osmium", "cat", "-f", "opl", path], check=True, capture_output=True, text=True).stdout
    for line in opl.splitlines():
        parts = line.split(" ")  # OPL escapes spaces and commas inside values
        kind = parts[0][0]
        tags[kind] += count_list(opl_field(parts, "T"))
        if kind == "w":
            way_refs += count_list(opl_field(parts, "N"))
        elif kind == "r":
            members += count_list(opl_field(parts, "M"))
    return {
        "command": f"osmium fileinfo -e -j {os.path.basename(path)}; osmium cat -f opl {os.path.basename(path)}",
        "nodes": data["count"]["nodes"], "ways": data["count"]["ways"], "relations": data["count"]["relations"],
        "minNodeId": data["minid"]["nodes"], "maxNodeId": data["maxid"]["nodes"],
        "minWayId": data["minid"]["ways"], "maxWayId": data["maxid"]["ways"],
        "bbox": data["bbox"],
        "nodeTags": tags["n"], "wayTags": tags["w"], "relationTags": tags["r"],
        "wayNodeRefs": way_refs, "relationMembers": members,
    }


def main():
    out = {name: counts(os.path.join(ROADS, name)) for name in FILES}
    dest = os.path.join(ROOT, "Tests", "RoadNetworkTests", "Fixtures", "pbf_counts.json")
    with open(dest, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", dest)


if __name__ == "__main__":
    main()
