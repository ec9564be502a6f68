"""Oracle for the geometry layer's real-data test.

For every commune file of ../shared/geodata/communes: read the polygons with the json module,
repair invalid ones with shapely's make_valid(method="structure") (GEOS, as Maillage does),
project with pyproj (always_xy) to the département's metric CRS (Lambert-93 for metropolitan
France, the official UTM CRS overseas) and sum the areas with shapely.

Writes departement_areas.json: {code: {"communes": n, "invalid": k, "area_m2": a}}.
Run: python3 oracle/geometry/departement_areas.py [path/to/shared/geodata]
"""
import json, os, sys
import shapely
from shapely.geometry import shape
from pyproj import Transformer

CRS = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/geodata")
folder = os.path.join(root, "communes")
out = {}
for name in sorted(os.listdir(folder)):
    code = name.split("-")[0]
    with open(os.path.join(folder, name)) as f:
        features = json.load(f)["features"]
    transformer = Transformer.from_crs(4326, CRS.get(code, 2154), always_xy=True)
    total, invalid = 0.0, 0
    for feature in features:
        geometry = shape(feature["geometry"])
        if not geometry.is_valid:
            invalid += 1
            geometry = shapely.make_valid(geometry, method="structure", keep_collapsed=False)
        projected = shapely.transform(geometry, lambda xy: list(zip(*transformer.transform(xy[:, 0], xy[:, 1]))))
        total += projected.area
    out[code] = {"communes": len(features), "invalid": invalid, "area_m2": round(total, 1)}
with open(os.path.join(os.path.dirname(__file__), "departement_areas.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
print(len(out), "départements,", sum(v["communes"] for v in out.values()), "communes,",
      sum(v["invalid"] for v in out.values()), "invalid")
