#!/usr/bin/env python3
"""Independent oracle for Maillage's road travel times on Corsica.

Same inputs and rules as the Swift RoadNetwork module, separate implementation:
- roads: ../shared/geodata/roads/corse_roads.osm.pbf read by libosmium (`osmium cat -f opl`),
  not by the Swift PBF reader;
- car rules: the documented default speeds per highway class, maxspeed when tagged, oneway=yes/-1,
  roundabouts and motorways one-way, access/motor_vehicle closed values excluded;
- projection: equirectangular about (9.0 E, 42.0 N), R = 6,371,008.8 m, evaluated with the same
  formula as `EquirectangularProjection` in Swift (x = R*(lon-lon0)*k*cos(lat0*k), y = R*(lat-lat0)*k);
  segment length = Euclidean distance of projected end points; time = length / speed;
- lieux: France Services 2024 (../shared/geodata/lieux/france_services_2024.csv) with insee_dep 2A or 2B;
- origins: shapely `point_on_surface` of each commune of 2A/2B (../shared/geodata/communes/2A-*.geojson,
  2B-*.geojson; invalid polygons repaired with make_valid first);
- snapping: nearest graph node by Euclidean distance in the projected plane (ties: lowest OSM id);
  lieux to any node, then the graph keeps the nodes from which some lieu node is reachable, then
  communes snap to the kept nodes; off-road legs at 15 km/h.
- times: networkx Dijkstra ONCE PER LIEU on the reversed graph (not the multi-source search the Swift
  code uses), giving a commune x lieu matrix; nearest = row minimum; counts within 10/20/30 min.

Output: Tests/RoadNetworkTests/Fixtures/corsica_nearest_lieu.json
Usage:  python3 oracle/roadnetwork/corsica_nearest_lieu.py   (networkx, shapely, numpy; osmium-tool)
"""
import csv
import glob
import json
import math
import os
import subprocess
import urllib.parse

import networkx as nx
import numpy as np
from shapely.geometry import shape
from shapely.validation import make_valid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEODATA = os.environ.get("MAILLAGE_SHARED_GEODATA") or os.path.join(ROOT, "..", "shared", "geodata")
OUT = os.path.join(ROOT, "Tests", "RoadNetworkTests", "Fixtures", "corsica_nearest_lieu.json")

LON0, LAT0 = 9.0, 42.0
R = 6371008.8
OFF_ROAD_KMH = 15.0
THRESHOLDS_MIN = [10, 20, 30]

SPEEDS = {
    "motorway": 110, "motorway_link": 90, "trunk": 90, "trunk_link": 70, "primary": 80, "primary_link": 60,
    "secondary": 70, "secondary_link": 55, "tertiary": 60, "tertiary_link": 45, "unclassified": 50, "road": 40,
    "residential": 30, "living_street": 20, "service": 20,
}
CLOSED = {"no", "private", "agricultural", "forestry", "emergency", "psv", "bus", "military"}
IMPLICIT = {"urban": 50, "rural": 80, "motorway": 130, "trunk": 110, "zone30": 30, "zone:30": 30, "zone20": 20,
            "zone:20": 20, "living_street": 20, "walk": 6, "bicycle_road": 30}


def project(lon, lat):
    k = math.pi / 180
    c = math.cos(LAT0 * k)
    return R * (lon - LON0) * k * c, R * (lat - LAT0) * k


def parse_maxspeed(raw):
    values = []
    for part in raw.replace("|", ";").split(";"):
        v = part.strip().lower()
        if v in ("", "none", "signals", "variable"):
            continue
        if v == "walk":
            values.append(6.0)
            continue
        if ":" in v:
            if v.split(":", 1)[1] in IMPLICIT:
                values.append(float(IMPLICIT[v.split(":", 1)[1]]))
            continue
        factor = 1.0
        for unit, f in (("km/h", 1.0), ("kmh", 1.0), ("kph", 1.0), ("mph", 1.609344), ("knots", 1.852)):
            if v.endswith(unit):
                v, factor = v[: -len(unit)], f
                break
        try:
            n = float(v.strip())
            if n > 0 and math.isfinite(n):
                values.append(n * factor)
        except ValueError:
            pass
    return min(values) if values else None


def car_rule(tags):
    """(speed km/h, direction) or None; direction: 'both', 'forward', 'backward'."""
    hw = tags.get("highway")
    if hw not in SPEEDS:
        return None
    for key in ("motorcar", "motor_vehicle", "vehicle", "access"):
        if key in tags:
            if all(v.strip() in CLOSED for v in tags[key].split(";")):
                return None
            break
    ow = tags.get("oneway")
    if ow in ("yes", "true", "1"):
        d = "forward"
    elif ow in ("-1", "reverse"):
        d = "backward"
    elif ow in ("no", "false", "0"):
        d = "both"
    elif ow in ("reversible", "alternating"):
        return None
    else:
        d = "forward" if tags.get("junction") in ("roundabout", "circular") or hw == "motorway" else "both"
    speed = parse_maxspeed(tags["maxspeed"]) if "maxspeed" in tags else None
    return (speed if speed is not None else float(SPEEDS[hw])), d


def opl_unescape(s):
    # OPL escapes special characters as %xxxx% (hex code point).
    out, i = [], 0
    while i < len(s):
        if s[i] == "%":
            j = s.index("%", i + 1)
            out.append(chr(int(s[i + 1:j], 16)))
            i = j + 1
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_roads(path):
    opl = subprocess.run(["osmium", "cat", "-f", "opl", path], check=True, capture_output=True, text=True).stdout
    nodes, ways = {}, []
    for line in opl.splitlines():
        parts = line.split(" ")
        fields = {p[0]: p[1:] for p in parts[1:] if p}
        if parts[0][0] == "n":
            nodes[int(parts[0][1:])] = (float(fields["x"]), float(fields["y"]))
        elif parts[0][0] == "w":
            tags = {}
            if fields.get("T"):
                for kv in fields["T"].split(","):
                    k, v = kv.split("=", 1)
                    tags[opl_unescape(k)] = opl_unescape(v)
            refs = [int(r[1:]) for r in fields["N"].split(",")] if fields.get("N") else []
            ways.append((int(parts[0][1:]), refs, tags))
    return nodes, ways


def build_graph(nodes, ways, project_point=project):
    """Car graph; node coordinates from `project_point(lon, lat)` (default: the equirectangular plane)."""
    g = nx.DiGraph()
    xy = {}
    for _, refs, tags in ways:
        rule = car_rule(tags)
        if rule is None:
            continue
        speed, d = rule
        mps = speed / 3.6
        for a, b in zip(refs, refs[1:]):
            if a == b or a not in nodes or b not in nodes:
                continue
            for n in (a, b):
                if n not in xy:
                    xy[n] = project_point(*nodes[n])
            length = math.sqrt((xy[b][0] - xy[a][0]) ** 2 + (xy[b][1] - xy[a][1]) ** 2)
            t = length / mps
            pairs = [] if d == "backward" else [(a, b)]
            pairs += [] if d == "forward" else [(b, a)]
            for u, v in pairs:
                if not g.has_edge(u, v) or g[u][v]["t"] > t:
                    g.add_edge(u, v, t=t)
        # nodes of ways with usable segments only
    return g, xy


def snapper(node_ids, xy):
    ids = np.array(sorted(node_ids), dtype=np.int64)
    xs = np.array([xy[i][0] for i in ids])
    ys = np.array([xy[i][1] for i in ids])

    def snap(px, py):
        d2 = (xs - px) ** 2 + (ys - py) ** 2
        k = int(np.argmin(d2))  # first minimum = lowest OSM id
        return int(ids[k]), math.sqrt(d2[k])
    return snap


def main():
    nodes, ways = read_roads(os.path.join(GEODATA, "roads", "corse_roads.osm.pbf"))
    g, xy = build_graph(nodes, ways)
    full_nodes, full_edges = g.number_of_nodes(), g.number_of_edges()

    with open(os.path.join(GEODATA, "lieux", "france_services_2024.csv"), encoding="utf-8") as f:
        lieux = [r for r in csv.DictReader(f) if r["insee_dep"] in ("2A", "2B")]
    lieux.sort(key=lambda r: int(r["id_fs"]))
    v = OFF_ROAD_KMH / 3.6
    snap_all = snapper(g.nodes, xy)
    lieu_snaps = [snap_all(*project(float(r["longitude"]), float(r["latitude"]))) for r in lieux]

    keep = set()
    for node, _ in lieu_snaps:
        keep.add(node)
        keep |= nx.ancestors(g, node)
    kept = g.subgraph(keep).copy()

    communes = []
    for path in sorted(glob.glob(os.path.join(GEODATA, "communes", "2A-*.geojson")) +
                       glob.glob(os.path.join(GEODATA, "communes", "2B-*.geojson"))):
        with open(path, encoding="utf-8") as f:
            for feat in json.load(f)["features"]:
                geom = shape(feat["geometry"])
                if not geom.is_valid:
                    geom = make_valid(geom)
                p = geom.point_on_surface()
                communes.append((feat["properties"]["code"], p.x, p.y))
    communes.sort()
    snap_kept = snapper(kept.nodes, xy)
    commune_snaps = [snap_kept(*project(lon, lat)) for _, lon, lat in communes]

    reverse = kept.reverse(copy=False)
    matrix = np.full((len(communes), len(lieux)), math.inf)
    for j, (node, dist) in enumerate(lieu_snaps):
        times = nx.single_source_dijkstra_path_length(reverse, node, weight="t")
        for i, (cnode, cdist) in enumerate(commune_snaps):
            if cnode in times:
                matrix[i, j] = cdist / v + times[cnode] + dist / v

    rows = []
    for i, (code, lon, lat) in enumerate(communes):
        order = np.argsort(matrix[i], kind="stable")
        best, second = matrix[i, order[0]], matrix[i, order[1]]
        rows.append({
            "code": code, "lon": lon, "lat": lat,
            "offRoadMetres": round(commune_snaps[i][1], 3),
            "snapNodeId": commune_snaps[i][0],
            "nearestLieuId": lieux[int(order[0])]["id_fs"],
            "seconds": round(float(best), 3),
            "secondBestSeconds": round(float(second), 3),
            "countsWithin": [int((matrix[i] <= m * 60).sum()) for m in THRESHOLDS_MIN],
        })
    out = {
        "provenance": "oracle/roadnetwork/corsica_nearest_lieu.py (networkx %s, shapely point_on_surface, osmium opl)" % nx.__version__,
        "projection": {"kind": "equirectangular", "originLon": LON0, "originLat": LAT0, "earthRadiusMetres": R},
        "offRoadSpeedKmh": OFF_ROAD_KMH,
        "thresholdsMinutes": THRESHOLDS_MIN,
        "graph": {"nodes": full_nodes, "edges": full_edges, "keptNodes": kept.number_of_nodes(),
                  "keptEdges": kept.number_of_edges()},
        "lieux": [{"id": r["id_fs"], "lon": float(r["longitude"]), "lat": float(r["latitude"]),
                   "snapNodeId": s[0], "offRoadMetres": round(s[1], 3)} for r, s in zip(lieux, lieu_snaps)],
        "communes": rows,
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=0)
        f.write("\n")
    print("wrote", OUT, len(rows), "communes,", len(lieux), "lieux; graph", out["graph"])


if __name__ == "__main__":
    main()
