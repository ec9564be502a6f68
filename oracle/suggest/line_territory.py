#!/usr/bin/env python3
"""Independent brute force for the hand-made line territory of Tests/MaillageAppTests/SuggestCommandTests.swift.

Seven 2 km square communes on the parallel 46.5° N (centres at x = 0, 8, 16, 24, 32, 44, 80 km east of
2° E, populations 5, 10, 12, 10, 5, 7, 4), one existing lieu at x = 50 km, threshold 10 km, whole-commune
(representative point) demand, every commune's representative point a candidate. Distances are measured
in Lambert-93 (pyproj) between shapely point-on-surface points; every subset of candidates is enumerated.
Writes line_territory.json beside this script (deterministic).
"""
import itertools, json, math, os
from pyproj import Transformer
from shapely.geometry import Polygon

POSITIONS_KM = [0, 8, 16, 24, 32, 44, 80]
POPULATIONS = [5, 10, 12, 10, 5, 7, 4]
LAT, LON0 = 46.5, 2.0
KM_PER_DEG_LON = 111.32 * math.cos(46.5 * math.pi / 180)
KM_PER_DEG_LAT = 111.2
THRESHOLD_M = 10_000

def lon(km):
    return LON0 + km / KM_PER_DEG_LON

to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)

def project(ring):
    return [to_l93.transform(x, y) for x, y in ring]

points = []
for x in POSITIONS_KM:
    w, e, s, n = lon(x - 1), lon(x + 1), LAT - 1 / KM_PER_DEG_LAT, LAT + 1 / KM_PER_DEG_LAT
    poly = Polygon(project([(w, s), (e, s), (e, n), (w, n), (w, s)]))
    p = poly.representative_point()
    points.append((p.x, p.y))
lieu = to_l93.transform(lon(50), LAT)

def dist(a, b):
    return math.hypot(a[0] - b[0], a[1] - b[1])

existing = {u for u, p in enumerate(points) if dist(p, lieu) <= THRESHOLD_M}
covers = [{u for u, q in enumerate(points) if dist(p, q) <= THRESHOLD_M} for p in points]
total = sum(POPULATIONS)

def covered(sites):
    units = set(existing).union(*[covers[s] for s in sites]) if sites else set(existing)
    return sum(POPULATIONS[u] for u in units)

code = lambda i: f"9900{i + 1}"
mclp = {}
for p in (1, 2, 3):
    values = {sites: covered(sites) for sites in itertools.combinations(range(len(points)), p)}
    best = max(values.values())
    mclp[str(p)] = {"optimum": best, "optimal_sets": sorted([[code(s) for s in sites] for sites, v in values.items() if v == best])}

def fewest(share, allowed):
    for p in range(len(allowed) + 1):
        if any(covered(s) >= share * total - 1e-9 for s in itertools.combinations(allowed, p)):
            return p
    return None

everyone = list(range(len(points)))
ab = [1, 3]   # the candidates file of the unreachable test: sites at x = 8 and 24 km
reachable_ab = set(existing).union(*[covers[s] for s in ab])
result = {
    "existing_covered": covered(()),
    "total": total,
    "mclp": mclp,
    "fewest_sites_for_share": {"0.9": fewest(0.9, everyone), "1": fewest(1.0, everyone)},
    "candidates_8_24": {
        "max_covered": covered(tuple(ab)),
        "unreachable_communes": [code(u) for u in range(len(points)) if u not in reachable_ab],
        "best_single_site_covered": max(covered((s,)) for s in ab),
    },
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "line_territory.json")
with open(path, "w") as f:
    json.dump(result, f, indent=1, sort_keys=True)
    f.write("\n")
print(json.dumps(result, indent=1, sort_keys=True))
