"""Independent computation of `maillage analyse` figures with shapely + pyproj.

Same method as Maillage, written separately: communes repaired with make_valid(method="structure")
when invalid, projected to Lambert-93, representative point = point_on_surface, nearest lieu by
straight-line distance, catchments = buffers with 16 segments per quarter circle, area-weighted
population = population × area(commune ∩ union of buffers) / area(commune).

Usage: python3 oracle/analysis/distance_coverage.py SHARED_GEODATA OUTPUT.json DEPTS THRESHOLDS_KM MAIN_KM
e.g.   python3 oracle/analysis/distance_coverage.py ../shared/geodata oracle/analysis/nouvelle_aquitaine.json \
           16,17,19,23,24,33,40,47,64,79,86,87 5,10,20 10
"""
import csv, json, os, sys
import numpy as np
import shapely
from shapely.geometry import shape
from pyproj import Transformer

root, output, depts, thresholds, main = sys.argv[1], sys.argv[2], sys.argv[3].split(","), \
    [float(t) for t in sys.argv[4].split(",")], float(sys.argv[5])
to_l93 = Transformer.from_crs(4326, 2154, always_xy=True)

def project(geometry):
    return shapely.transform(geometry, lambda xy: np.column_stack(to_l93.transform(xy[:, 0], xy[:, 1])))

codes, geoms = [], []
for name in sorted(os.listdir(os.path.join(root, "communes"))):
    for feature in json.load(open(os.path.join(root, "communes", name)))["features"]:
        code = feature["properties"]["code"]
        dept = code[:3] if code.startswith("97") else code[:2]
        if dept not in depts:
            continue
        geometry = project(shape(feature["geometry"]))
        if not geometry.is_valid:
            geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
        codes.append(code)
        geoms.append(geometry)
geoms = np.array(geoms)

plm = {**{str(75100 + i): "75056" for i in range(1, 21)}, **{str(69380 + i): "69123" for i in range(1, 10)},
       **{str(13200 + i): "13055" for i in range(1, 17)}}
population = {}
with open(os.path.join(root, "population/donnees_communes_pop2019.csv"), encoding="utf-8") as f:
    for row in csv.DictReader(f, delimiter=";"):
        code = plm.get(row["COM"], row["COM"])
        population[code] = population.get(code, 0.0) + float(row["PMUN"])
pop = np.array([population.get(c, 0.0) for c in codes])

lieux = json.load(open(os.path.join(root, "lieux/france_services_2020.geojson")))["features"]
lonlat = np.array([f["geometry"]["coordinates"][:2] for f in lieux])
metropolitan = (lonlat[:, 0] >= -5.8) & (lonlat[:, 0] <= 10) & (lonlat[:, 1] >= 41) & (lonlat[:, 1] <= 51.6)
lx, ly = to_l93.transform(lonlat[metropolitan, 0], lonlat[metropolitan, 1])
lieu_points = shapely.points(np.column_stack([lx, ly]))

points = shapely.point_on_surface(geoms)
px, py = shapely.get_x(points), shapely.get_y(points)
nearest = np.array([np.min(np.hypot(lx - x, ly - y)) for x, y in zip(px, py)])
areas = shapely.area(geoms)

def weighted_quantile(q, values, weights):
    order = np.argsort(values, kind="stable")
    values, weights = values[order], weights[order]
    keep = weights > 0
    values, weights = values[keep], weights[keep]
    cumulative = np.cumsum(weights)
    return float(values[np.searchsorted(cumulative, q * cumulative[-1] * (1 - 1e-12))])

result = {"communes": len(codes), "population": float(pop.sum()), "thresholds": {}}
for t in thresholds:
    coverage = shapely.union_all(shapely.buffer(lieu_points, t * 1000, quad_segs=16))
    covered = shapely.area(shapely.intersection(geoms, coverage))
    share = np.minimum(1.0, covered / areas)
    result["thresholds"][str(t)] = {
        "population_by_point": float(pop[nearest <= t * 1000].sum()),
        "population_area_weighted": float((pop * share).sum()),
        "covered_area_m2": float((areas * share).sum()),
    }
    if t == main:
        result["white_zone_area_m2"] = float((areas * (1 - share)).sum())
        result["white_zone_population"] = float((pop * (1 - share)).sum())
result["median_distance_m"] = weighted_quantile(0.5, nearest, pop)
result["p90_distance_m"] = weighted_quantile(0.9, nearest, pop)
result["max_distance_m"] = float(nearest[pop > 0].max())
json.dump(result, open(output, "w"), indent=1, sort_keys=True)
print(json.dumps(result, indent=1))
