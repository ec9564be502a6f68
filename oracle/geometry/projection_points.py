"""Oracle for the projection layer: reference points transformed by pyproj (always_xy).
Writes projection_points.json: [{"epsg": n, "lon": .., "lat": .., "x": .., "y": ..}].
Run: python3 oracle/geometry/projection_points.py
"""
import json, os
from pyproj import Transformer

POINTS = [  # (epsg, lon, lat, place)
    (2154, 2.3522, 48.8566, "Paris"), (2154, -4.4861, 48.3904, "Brest"), (2154, 7.2620, 43.7102, "Nice"),
    (2154, 9.4509, 42.6973, "Bastia"), (2154, 8.7386, 41.9192, "Ajaccio"), (2154, -0.5792, 44.8378, "Bordeaux"),
    (5490, -61.5331, 16.2411, "Pointe-à-Pitre"), (5490, -61.0588, 14.6161, "Fort-de-France"),
    (2972, -52.3135, 4.9224, "Cayenne"), (2975, 55.4504, -20.8823, "Saint-Denis"),
    (4471, 45.2279, -12.7806, "Mamoudzou"), (32631, 3.0, 0.5, "UTM 31N"),
]
out = []
for epsg, lon, lat, place in POINTS:
    x, y = Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)
    out.append({"epsg": epsg, "place": place, "lon": lon, "lat": lat, "x": round(x, 4), "y": round(y, 4)})
with open(os.path.join(os.path.dirname(__file__), "projection_points.json"), "w") as f:
    json.dump(out, f, indent=1)
