#!/usr/bin/env python3
"""Car-graph oracle on real OSM tags: the Monaco Geofabrik extract (2019) read by libosmium, with
the car rules of corsica_nearest_lieu.py (default speeds, maxspeed parsing, oneway/roundabout/
motorway, access hierarchy). Gives what the Swift RoadWaySet/RoadGraph must find: drivable ways,
dropped ways per reason, graph nodes, directed edges (parallel edges kept), total length and time.

Projection: equirectangular about (7.42 E, 43.73 N), R = 6,371,008.8 m (same formula as Swift's
EquirectangularProjection).
Output: Tests/RoadNetworkTests/Fixtures/monaco_graph.json
Usage:  python3 oracle/roadnetwork/monaco_graph.py
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corsica_nearest_lieu import GEODATA, ROOT, R, SPEEDS, car_rule, read_roads  # noqa: E402

LON0, LAT0 = 7.42, 43.73
OUT = os.path.join(ROOT, "Tests", "RoadNetworkTests", "Fixtures", "monaco_graph.json")


def project(lon, lat):
    k = math.pi / 180
    return R * (lon - LON0) * k * math.cos(LAT0 * k), R * (lat - LAT0) * k


def main():
    nodes, ways = read_roads(os.path.join(GEODATA, "roads", "monaco_2019.osm.pbf"))
    dropped = {}
    kept = []
    for wid, refs, tags in ways:
        if "highway" not in tags:
            reason = "notARoad"
        elif tags["highway"] not in SPEEDS:
            reason = "notDrivableClass"
        elif tags.get("oneway") in ("reversible", "alternating") and car_rule(tags) is None:
            # car_rule returns None for closed access too: tell the two apart as Swift does
            # (access is checked before oneway).
            reason = "reversible" if car_rule(dict(tags, oneway="no")) is not None else "closedToCars"
        elif car_rule(tags) is None:
            reason = "closedToCars"
        elif len(refs) < 2:
            reason = "degenerate"
        else:
            reason = None
        if reason:
            dropped[reason] = dropped.get(reason, 0) + 1
            continue
        kept.append((wid, refs, tags))

    graph_nodes = set()
    missing = 0
    final_ways = 0
    edges = 0
    seconds = length_m = 0.0
    speeds_used = {}
    for wid, refs, tags in kept:
        usable = [r for r in refs if r in nodes]
        missing += len(refs) - len(usable)
        graph_nodes.update(r for r in set(refs) if r in nodes)
        if len(usable) < 2:
            dropped["degenerate"] = dropped.get("degenerate", 0) + 1
            continue
        final_ways += 1
        speed, direction = car_rule(tags)
        speeds_used[speed] = speeds_used.get(speed, 0) + 1
        for a, b in zip(refs, refs[1:]):
            if a == b or a not in nodes or b not in nodes:
                continue
            (xa, ya), (xb, yb) = project(*nodes[a]), project(*nodes[b])
            seg = math.sqrt((xb - xa) ** 2 + (yb - ya) ** 2)
            n = 2 if direction == "both" else 1
            edges += n
            length_m += seg
            seconds += n * seg / (speed / 3.6)
    out = {
        "provenance": "oracle/roadnetwork/monaco_graph.py (osmium cat -f opl + Python car rules)",
        "projection": {"originLon": LON0, "originLat": LAT0},
        "waysKept": final_ways, "waysDropped": dropped, "missingNodeReferences": missing,
        "nodes": len(graph_nodes), "edges": edges,
        "roadLengthKm": length_m / 1000, "sumEdgeSeconds": seconds,
        "waysPerSpeedKmh": {("%g" % k): v for k, v in sorted(speeds_used.items())},
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", OUT, json.dumps(out))


if __name__ == "__main__":
    main()
