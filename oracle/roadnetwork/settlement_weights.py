#!/usr/bin/env python3
"""Oracle of the settlement weights read from OpenStreetMap extracts (buildings, residential roads).

Independent of the Swift reader: libosmium (pyosmium) parses the PBF and resolves node locations,
shapely computes ring areas and centroids, pyproj projects to EPSG:3035 (LAEA Europe) for the
equal-area cross-check and the 200 m cells.

Definitions (shared with SettlementWeights.swift):
- building ring: a closed way (at least 4 refs, first == last) tagged building=* (any value but
  "no") whose nodes are all in the file; weight = area in m^2 on the local equirectangular plane
  about the ring's first vertex (x = R*dlon*cos(lat0), y = R*dlat, R = 6,371,008.8 m); position =
  the area centroid on that plane, back in lon/lat (the vertex mean for a ring of zero area);
- building node: a node tagged building=* (not "no"), weight 100 m^2, at the node;
- building relation: type=multipolygon, building=* (not "no"): counted, not measured (their area,
  outer minus inner rings, is reported here for information);
- road segment: consecutive refs of a way tagged highway=residential|living_street|unclassified,
  both nodes in the file; weight = haversine length (R = 6,371,008.8 m); position = lon/lat midpoint.
- cells: 200 m squares of EPSG:3035, named like INSEE's grid "CRS3035RES200mN{y}E{x}" (lower-left
  corner); a weight falls in the cell of its position.

Usage (from the project root): python3 oracle/roadnetwork/settlement_weights.py
Writes oracle/roadnetwork/settlement_weights.json.
"""

import json
import math
import os
import sys
from collections import defaultdict

import osmium
import pyproj
from shapely.geometry import Polygon
from shapely.ops import polygonize, unary_union, linemerge

R = 6371008.8
K = math.pi / 180
NODE_FOOTPRINT_M2 = 100.0
ROAD_VALUES = {"residential", "living_street", "unclassified"}
CELL = 200.0
TOP = 5

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GEODATA = os.environ.get("MAILLAGE_SHARED_GEODATA", os.path.join(ROOT, "..", "shared", "geodata"))
FILES = ["pont_de_veyle.osm.pbf", "liechtenstein-2013-08-03.osm.pbf", "corse_roads.osm.pbf"]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "settlement_weights.json")

TO_3035 = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3035", always_xy=True)


def is_building(tags):
    v = tags.get("building")
    return v is not None and v != "no"


def local_ring(coords):
    lon0, lat0 = coords[0]
    c = math.cos(lat0 * K)
    return [(R * (lon - lon0) * K * c, R * (lat - lat0) * K) for lon, lat in coords], (lon0, lat0, c)


def haversine(a, b):
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = lat1 * K, lat2 * K
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((lon2 - lon1) * K / 2) ** 2
    return 2 * R * math.asin(min(1.0, math.sqrt(h)))


def cell_name(lon, lat):
    x, y = TO_3035.transform(lon, lat)
    return f"CRS3035RES200mN{int(math.floor(y / CELL) * CELL)}E{int(math.floor(x / CELL) * CELL)}"


def analyse(path):
    buildings = []  # (lon, lat, weight)
    roads = []
    counts = defaultdict(int)
    area_3035 = 0.0
    relation_members = []  # building multipolygon relations: [(way id, role)]
    way_coords = {}  # only the member ways of building relations, filled in a second pass

    fp = osmium.FileProcessor(path).with_locations()
    for o in fp:
        if o.is_node():
            if is_building(o.tags):
                counts["building_nodes"] += 1
                buildings.append((o.location.lon, o.location.lat, NODE_FOOTPRINT_M2))
        elif o.is_way():
            tags = o.tags
            refs = [n.ref for n in o.nodes]
            coords = [(n.location.lon, n.location.lat) if n.location.valid() else None for n in o.nodes]
            if is_building(tags):
                if len(refs) < 4 or refs[0] != refs[-1]:
                    counts["building_ways_not_closed"] += 1
                elif any(c is None for c in coords):
                    counts["building_ways_missing_nodes"] += 1
                else:
                    counts["building_ways"] += 1
                    local, (lon0, lat0, c) = local_ring(coords)
                    poly = Polygon(local)
                    area = abs(poly.area)
                    if area > 0:
                        cx, cy = poly.centroid.x, poly.centroid.y
                        lon, lat = lon0 + cx / (R * K * c), lat0 + cy / (R * K)
                    else:
                        lon = sum(p[0] for p in coords[:-1]) / (len(coords) - 1)
                        lat = sum(p[1] for p in coords[:-1]) / (len(coords) - 1)
                    buildings.append((lon, lat, area))
                    xs, ys = TO_3035.transform([p[0] for p in coords], [p[1] for p in coords])
                    area_3035 += abs(Polygon(list(zip(xs, ys))).area)
            if tags.get("highway") in ROAD_VALUES:
                counts["road_ways"] += 1
                if any(c is None for c in coords):
                    counts["road_ways_missing_nodes"] += 1
                for a, b in zip(coords, coords[1:]):
                    if a is None or b is None:
                        continue
                    roads.append(((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, haversine(a, b)))
        elif o.is_relation():
            if is_building(o.tags) and o.tags.get("type") == "multipolygon":
                counts["building_relations"] += 1
                relation_members.append([(m.ref, m.role) for m in o.members if m.type == "w"])

    # For information only: the area the Swift reader leaves out (relations, outer minus inner).
    wanted = {ref for members in relation_members for ref, _ in members}
    relation_area_3035 = 0.0
    if wanted:
        for o in osmium.FileProcessor(path, osmium.osm.NODE | osmium.osm.WAY).with_locations():
            if o.is_way() and o.id in wanted and all(n.location.valid() for n in o.nodes):
                way_coords[o.id] = [TO_3035.transform(n.location.lon, n.location.lat) for n in o.nodes]
        for members in relation_members:
            def rings(role):
                lines = [way_coords[ref] for ref, r in members if r == role and ref in way_coords]
                return unary_union(list(polygonize(linemerge(lines)))) if lines else None
            outer, inner = rings("outer"), rings("inner")
            if outer is not None:
                relation_area_3035 += (outer.difference(inner) if inner is not None else outer).area

    building_cells, road_cells = defaultdict(float), defaultdict(float)
    for lon, lat, w in buildings:
        building_cells[cell_name(lon, lat)] += w
    for lon, lat, w in roads:
        road_cells[cell_name(lon, lat)] += w

    def top(cells):
        return [{"cell": k, "weight": round(v, 6)} for k, v in sorted(cells.items(), key=lambda kv: -kv[1])[:TOP]]

    n_buildings = counts["building_ways"] + counts["building_nodes"]
    return {
        "buildings": n_buildings,
        "building_ways": counts["building_ways"],
        "building_nodes": counts["building_nodes"],
        "building_relations": counts["building_relations"],
        "building_ways_not_closed": counts["building_ways_not_closed"],
        "building_ways_missing_nodes": counts["building_ways_missing_nodes"],
        "building_area_local_m2": round(sum(w for _, _, w in buildings), 3),
        "building_way_area_epsg3035_m2": round(area_3035, 3),
        "building_relation_area_epsg3035_m2": round(relation_area_3035, 3),
        "road_ways": counts["road_ways"],
        "road_ways_missing_nodes": counts["road_ways_missing_nodes"],
        "road_segments": len(roads),
        "road_length_haversine_m": round(sum(w for _, _, w in roads), 3),
        "building_cells": len(building_cells),
        "road_cells": len(road_cells),
        "top_building_cells": top(building_cells),
        "top_road_cells": top(road_cells),
    }


def main():
    result = {
        "conventions": {
            "earth_radius_m": R, "node_footprint_m2": NODE_FOOTPRINT_M2, "cell_m": CELL, "cell_crs": "EPSG:3035",
            "road_highway_values": sorted(ROAD_VALUES),
            "note": "building_area_local_m2 includes node footprints; building_way_area_epsg3035_m2 is ways only",
        },
        "files": {},
    }
    for name in FILES:
        path = os.path.join(GEODATA, "roads", name)
        if not os.path.exists(path):
            sys.exit(f"missing {path} (set MAILLAGE_SHARED_GEODATA)")
        result["files"][name] = analyse(path)
        print(name, json.dumps({k: v for k, v in result["files"][name].items() if not k.startswith("top")}))
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
