"""Peer for scripts/bench-geometry.sh: the same steps with json + shapely 2 + pyproj, vectorised."""
import json, os, sys, time
import numpy as np
import shapely
from pyproj import Transformer

folder = sys.argv[1]
CRS = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}
t = time.time()
files = sorted(os.listdir(folder))
size = sum(os.path.getsize(os.path.join(folder, f)) for f in files)
data = {f: json.load(open(os.path.join(folder, f))) for f in files}
geoms = {f: shapely.from_geojson([json.dumps(x["geometry"]) for x in d["features"]]) for f, d in data.items()}
load = time.time() - t
t = time.time()
projected, coords = {}, 0
for f, g in geoms.items():
    tr = Transformer.from_crs(4326, CRS.get(f.split("-")[0], 2154), always_xy=True)
    projected[f] = shapely.transform(g, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
    coords += int(shapely.get_num_coordinates(g).sum())
project = time.time() - t
t = time.time()
repaired = 0
for f, g in projected.items():
    bad = ~shapely.is_valid(g)
    repaired += int(bad.sum())
    g[bad] = shapely.make_valid(g[bad], method="structure", keep_collapsed=False)
valid = time.time() - t
print(f"GeoJSON load (json + from_geojson)           {load:.3f} s, {size / 1e6 / load:.0f} MB/s")
print(f"reprojection ({coords} coordinates)        {project:.3f} s, {coords / 1e6 / project:.1f} M coordinates/s")
print(f"validity + repair                            {valid:.3f} s, {repaired} repaired")
