"""Makes the SYNTHETIC demo territory in geodata/ (no real commune, population or lieu).

40 fictional communes (département code "99", INSEE-like codes 99001…99040) are Voronoi cells of
seeded random points inside an irregular outline near 1.5°E 45.5°N, with seeded populations and
7 fictional lieux. On purpose the data holds the cases a real run meets:
- commune 99013 has a self-intersecting (bow-tie) ring, to be repaired and reported;
- commune 99040 has no population row, and the table has a row 99099 with no commune;
- two lieux share the same coordinates (a bus based at a France Services address);
- one lieu lies outside the territory but within reach of it.
Run: python3 scripts/make_demo_data.py   (needs shapely, pyproj, numpy)
"""
import csv, json, os
import numpy as np
import shapely
from shapely.geometry import MultiPoint, Polygon, mapping
from pyproj import Transformer

rng = np.random.default_rng(20261122)
to_lonlat = Transformer.from_crs(2154, 4326, always_xy=True)
origin = np.array([560_000.0, 6_490_000.0])   # Lambert-93, near 1.5°E 45.5°N

outline = Polygon([(0, 5_000), (20_000, 0), (45_000, 2_000), (60_000, 12_000), (58_000, 35_000),
                   (40_000, 42_000), (15_000, 40_000), (2_000, 28_000)])
seeds = []
while len(seeds) < 40:
    p = rng.uniform([0, 0], [60_000, 42_000])
    if outline.contains(shapely.Point(p)):
        seeds.append(p)
seeds = np.array(seeds)
seeds = seeds[np.lexsort((seeds[:, 0], -seeds[:, 1]))]   # north to south, then west to east
cells = shapely.voronoi_polygons(MultiPoint(seeds), extend_to=outline.buffer(10_000))
by_seed = []
for seed in seeds:
    cell = next(c for c in cells.geoms if c.contains(shapely.Point(seed)))
    by_seed.append(cell.intersection(outline))

def lonlat_ring(coords):
    xs, ys = to_lonlat.transform([c[0] + origin[0] for c in coords], [c[1] + origin[1] for c in coords])
    return [[round(x, 6), round(y, 6)] for x, y in zip(xs, ys)]

names = ["Aubrac-la-Synthèse", "Belval", "Chantemerle", "Dompierre-Fictive", "Estivaux", "Fontgrand", "Genouillac-Test",
         "Hautbois", "Issoudel", "Jarnac-Modèle", "Kerbourg", "Lavaud", "Montfaucon-Essai", "Neuvialle", "Orgnac",
         "Pradelles-Démo", "Queyssac", "Rochefort-Exemple", "Saint-Imaginaire", "Trémolat-Fictif", "Ussac", "Vaulry",
         "Villemagne", "Yssandon", "Albussac", "Brignac", "Cornil", "Darnets", "Eyrein", "Favars", "Gimel",
         "Hautefage", "Ladignac", "Marcillac", "Naves", "Orliac", "Palisse", "Rosiers", "Sornac", "Tarnac"]
features, rows = [], []
for i, cell in enumerate(by_seed):
    code = f"99{i + 1:03d}"
    ring = lonlat_ring(list(cell.exterior.coords))
    if code == "99013":
        # Swap two consecutive vertices: the ring crosses itself (a bow-tie).
        ring[1], ring[2] = ring[2], ring[1]
    features.append({"type": "Feature", "properties": {"code": code, "nom": names[i]},
                     "geometry": {"type": "Polygon", "coordinates": [ring]}})
    if code != "99040":
        rows.append((code, int(rng.lognormal(6.3, 1.0)) + 50))
rows.append(("99099", 321))

os.makedirs("geodata", exist_ok=True)
with open("geodata/communes.geojson", "w", encoding="utf-8") as f:
    f.write('{"type":"FeatureCollection","name":"communes-demo-synthetiques","features":[\n')
    f.write(",\n".join(json.dumps(feature, ensure_ascii=False) for feature in features))
    f.write("\n]}\n")
with open("geodata/population.csv", "w", encoding="utf-8", newline="") as f:
    writer = csv.writer(f, delimiter=";")
    writer.writerow(["COM", "PMUN"])
    writer.writerows(rows)

lieux_l93 = [(12_000, 30_000, "Fixe", "Principal"), (35_000, 22_000, "Fixe", "Principal"),
             (50_000, 10_000, "Fixe", "Antenne"), (22_000, 8_000, "Fixe", "Principal"),
             (22_000, 8_000, "Bus_équivalent", "Principal"), (45_000, 36_000, "Itinérante", "Antenne"),
             (68_000, 25_000, "Fixe", "Principal")]   # the last one lies outside the outline
with open("geodata/lieux.csv", "w", encoding="utf-8", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["id_fs", "lib_fs", "type_fs", "format_fs", "longitude", "latitude"])
    for i, (x, y, fmt, kind) in enumerate(lieux_l93):
        lon, lat = to_lonlat.transform(x + origin[0], y + origin[1])
        writer.writerow([f"demo-{i + 1}", f"Lieu fictif {i + 1}", kind, fmt, f"{lon:.6f}", f"{lat:.6f}"])
print(len(features), "communes,", len(rows), "population rows,", len(lieux_l93), "lieux")
