#!/usr/bin/env python3
"""Oracle: hand-made gridded-population cases whose answers can be checked by hand.

Builds every input inside this script (no shared data), writes them into the JSON so a test can write
them to temporary files, and records the expected results of the model of grid_model.py.

Case "row" (200 m cells), territory laid out in EPSG:3035 metres relative to the corner
(E0, N0) = (3,700,000, 2,600,000) (central France); cell (col i, row r) = [200i, 200i+200] × [200r, 200r+200].
No commune edge lies on a cell edge (they are 10 or 20 m off), so sub-millimetre projection noise
cannot create sliver pieces:
- commune 99001 (A) = [10, 660] × [20, 380]; commune 99002 (B) = [660, 1300] × [20, 380]: their shared
  border x = 660 cuts the cells of column 3 at 30 % (A, 60 × 180 m) / 70 % (B, 140 × 180 m);
- every cell of rows 0 and 1 is partly outside all communes (y < 20 or y > 380; x < 10 in column 0;
  x > 1300 in column 6): its people stay on land (normalised by the sum of its pieces);
- column 7 ([1400, 1600]) touches no commune: dropped (3 inhabitants);
- commune 99004 (D) = [0, 400] × [-380, -20] has cells but no population row: 0 once scaled;
- commune 99003 (C) = [210, 510] × [610, 910] has PMUN 45 and no cell: uniform fallback, cut by the
  200 m grid into pieces of 36,100 / 20,900 / 20,900 / 12,100 m² → 18.05 / 10.45 / 10.45 / 6.05 inhabitants;
- population table: 99001 → 100, 99002 → 250, 99003 → 45, 99005 → 7 (a row with no geometry).
  Raw grid people: A = 10 + 5.5 + 4 + 0.3·20 + 0.3·10 = 28.5; B = 0.7·20 + 8 + 12 + 6 + 0.7·10 + 2.5 = 49.5;
  D = 7 + 3 = 10; scaled: A 100, B 250, C 45, D 0.
- lieux at (60, 70) and (1130, 1400) (EPSG:3035 relative metres, given in WGS84); thresholds 0.5 and
  1 km (inclusive), main 1 km. Distances are measured in Lambert-93 from the cell centres; every piece's
  distance is at least 20 m away from each threshold (checked; recorded as `thresholdMarginMetres`).

Case "km" (one 1 km cell, column `idcar_1km`): corner (E1, N1) = (3,701,000, 2,590,000); communes 99011 (G) =
[0, 700] × [0, 1000] and 99012 (H) = [700, 1000] × [0, 500]; cell ind 100 → G 700/850·100, H 150/850·100;
table G 90, H 20; one lieu at relative (500, 1800) (1.3 km from the centre (500, 500)); thresholds 1, 2 km.

Id cases: valid ids with their corner, side and centre, and malformed ids that must be rejected.

Coordinates: WGS84 rings are written with 12 decimals, found by Newton iteration on the forward
projection (the inverse LAEA alone is only good to ~0.5 mm); projecting them back to EPSG:3035 reproduces
the intended corners to < 1 mm (checked here: about 1e-7 m; the largest error is recorded). Expected figures are computed
from the written (rounded) coordinates, as a reader of the JSON would see them.

Output: oracle/population/handmade_grids.json (deterministic).
Usage:  python3 oracle/population/handmade_grids.py   (shapely>=2, pyproj, numpy, pandas)
"""
import json
import os
import sys

import numpy as np
import shapely
from pyproj import Transformer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grid_model as gm  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "handmade_grids.json")
LAEA_TO_WGS84 = Transformer.from_crs(3035, 4326, always_xy=True)
DECIMALS = 12


def lonlat(e, n):
    """WGS84 point whose forward EPSG:3035 projection is (e, n), rounded to DECIMALS."""
    lon, lat = LAEA_TO_WGS84.transform(e, n)
    h = 1e-6
    for _ in range(4):
        fe, fn = gm.WGS84_TO_3035.transform(lon, lat)
        de_dlon, dn_dlon = [(a - b) / h for a, b in zip(gm.WGS84_TO_3035.transform(lon + h, lat), (fe, fn))]
        de_dlat, dn_dlat = [(a - b) / h for a, b in zip(gm.WGS84_TO_3035.transform(lon, lat + h), (fe, fn))]
        step = np.linalg.solve([[de_dlon, de_dlat], [dn_dlon, dn_dlat]], [e - fe, n - fn])
        lon, lat = lon + step[0], lat + step[1]
    return [round(float(lon), DECIMALS), round(float(lat), DECIMALS)]


def rectangle_feature(code, origin, x0, y0, x1, y1):
    e0, n0 = origin
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]  # counter-clockwise
    ring = [lonlat(e0 + x, n0 + y) for x, y in corners]
    return {"type": "Feature", "properties": {"code": code, "nom": "Commune %s" % code},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}, [(e0 + x, n0 + y) for x, y in corners]


def roundtrip_error(features_with_corners):
    worst = 0.0
    for feature, corners in features_with_corners:
        ring = np.array(feature["geometry"]["coordinates"][0])
        e, n = gm.WGS84_TO_3035.transform(ring[:, 0], ring[:, 1])
        intended = np.array(corners)
        worst = max(worst, float(np.max(np.hypot(e - intended[:, 0], n - intended[:, 1]))))
    return worst


def cell_id(side, e, n):
    return "CRS3035RES%dmN%dE%d" % (side, n, e)


def evaluate(geojson_text, grid_csv, table_text, lieux, thresholds_km, main_km):
    codes, communes = gm.communes_from_geojson_text(geojson_text)
    grid = gm.read_grid(grid_csv)
    lx, ly = gm.WGS84_TO_L93.transform([p["longitude"] for p in lieux], [p["latitude"] for p in lieux])
    out = {}
    for variant, population in (("raw", None), ("scaled", gm.read_population(table_text))):
        pieces, info = gm.build_pieces(grid, codes, communes, population)
        px, py = pieces["x"].to_numpy(), pieces["y"].to_numpy()
        distance = np.min(np.hypot(px[:, None] - np.array(lx)[None, :], py[:, None] - np.array(ly)[None, :]), axis=1)
        pop = pieces["pop"].to_numpy()
        figures = gm.coverage_summary(distance, pop, thresholds_km, main_km, 1000.0)
        by_commune = {c: 0.0 for c in codes}
        for code, value in zip(pieces["code"], pop):
            by_commune[code] += float(value)
        margin = min(abs(distance - t * 1000).min() for t in thresholds_km)
        ids = grid["id"].to_numpy()
        figures.update({
            "populationByCommune": by_commune,
            "cellsDropped": info["cellsDropped"], "droppedPopulation": info["droppedPopulation"],
            "pieceCount": int(len(pieces)),
            "thresholdMarginMetres": round(float(margin), 3),
            "pieces": [{"cell": ids[c] if c >= 0 else None, "code": code, "areaM2": round(float(a), 4),
                        "population": float(p), "distanceMetres": round(float(d), 4), "fallback": bool(f)}
                       for c, code, a, p, d, f in zip(pieces["cell"], pieces["code"], pieces["area"], pop,
                                                      distance, pieces["fallback"])],
        })
        if population is not None:
            figures["fallbackCommunes"] = info["fallbackCommunes"]
            figures["communesWithoutPopulationRow"] = info["communesWithoutPopulationRow"]
        out[variant] = figures
    return out


def row_case():
    origin = (3_700_000, 2_600_000)
    made = [rectangle_feature("99001", origin, 10, 20, 660, 380),
            rectangle_feature("99002", origin, 660, 20, 1300, 380),
            rectangle_feature("99003", origin, 210, 610, 510, 910),
            rectangle_feature("99004", origin, 0, -380, 400, -20)]
    geojson = json.dumps({"type": "FeatureCollection", "features": [f for f, _ in made]})
    cells = [  # (col, row, lcog_geo, ind)
        (0, 0, "99001", 10), (1, 0, "99001", 5.5), (2, 0, "99001", 4), (3, 0, "9900199002", 20),
        (4, 0, "99002", 8), (5, 0, "99002", 12), (6, 0, "99002", 6), (7, 0, "99002", 3),
        (3, 1, "9900199002", 10), (5, 1, "99002", 2.5), (0, -1, "99004", 7), (1, -1, "99004", 3)]
    lines = ["idcar_200m,lcog_geo,ind"] + [
        "%s,%s,%s" % (cell_id(200, origin[0] + 200 * i, origin[1] + 200 * r), codes, repr(float(ind)))
        for i, r, codes, ind in cells]
    grid_csv = "\n".join(lines) + "\n"
    table = "REG;DEP;COM;PMUN;PCAP;PTOT\n99;99;99001;100;0;100\n99;99;99002;250;0;250\n" \
            "99;99;99003;45;0;45\n99;99;99005;7;0;7\n"
    lieux = [{"id": "L1", **dict(zip(("longitude", "latitude"), lonlat(origin[0] + 60, origin[1] + 70)))},
             {"id": "L2", **dict(zip(("longitude", "latitude"), lonlat(origin[0] + 1130, origin[1] + 1400)))}]
    return {
        "description": "200 m row: 30/70 split by a border, coastal cell, dropped cell, commune without row, "
                       "commune without cell (fallback)",
        "originEPSG3035": list(origin),
        "communesGeoJSON": geojson, "gridCSV": grid_csv, "populationTableCSV": table,
        "lieux": lieux, "lieuxCSV": "id,longitude,latitude\n" + "".join(
            "%s,%.12f,%.12f\n" % (p["id"], p["longitude"], p["latitude"]) for p in lieux),
        "thresholdsKm": [0.5, 1], "mainThresholdKm": 1,
        "roundTripMaxErrorMetres": roundtrip_error(made),
        "expected": evaluate(geojson, grid_csv, table, lieux, [0.5, 1], 1),
    }


def km_case():
    origin = (3_701_000, 2_590_000)
    made = [rectangle_feature("99011", origin, 0, 0, 700, 1000),
            rectangle_feature("99012", origin, 700, 0, 1000, 500)]
    geojson = json.dumps({"type": "FeatureCollection", "features": [f for f, _ in made]})
    grid_csv = "idcar_1km,lcog_geo,ind\n%s,9901199012,100.0\n" % cell_id(1000, *origin)
    table = "COM;PMUN\n99011;90\n99012;20\n"
    lieux = [{"id": "K1", **dict(zip(("longitude", "latitude"), lonlat(origin[0] + 500, origin[1] + 1800)))}]
    return {
        "description": "one 1 km cell shared 700/150 by two communes",
        "originEPSG3035": list(origin),
        "communesGeoJSON": geojson, "gridCSV": grid_csv, "populationTableCSV": table,
        "lieux": lieux, "lieuxCSV": "id,longitude,latitude\n" + "".join(
            "%s,%.12f,%.12f\n" % (p["id"], p["longitude"], p["latitude"]) for p in lieux),
        "thresholdsKm": [1, 2], "mainThresholdKm": 1,
        "roundTripMaxErrorMetres": roundtrip_error(made),
        "expected": evaluate(geojson, grid_csv, table, lieux, [1, 2], 1),
    }


def id_cases():
    valid = []
    for text in ("CRS3035RES200mN2029800E4252400", "CRS3035RES1000mN2590000E3701000", "CRS3035RES200mN0E0"):
        side, e, n = gm.parse_cell_id(text)
        valid.append({"id": text, "side": side, "east": e, "north": n, "centreEast": e + side / 2,
                      "centreNorth": n + side / 2})
    malformed = ["CRS3035RES200mN20298E", "CRS3035RES200mX1E2", "", "CRS3035RES200mN2029800",
                 "CRS3035RES200mE4252400N2029800", "CRS4326RES200mN2029800E4252400", "CRS3035RES200N2029800E4252400",
                 "CRS3035RES200mN2029800E4252400x", "CRS3035RES200mN-2029800E4252400", "CRS3035RES200mN20298.5E4252400"]
    for text in malformed:
        try:
            gm.parse_cell_id(text)
            raise AssertionError("accepted " + text)
        except ValueError:
            pass
    return {"valid": valid, "malformed": malformed}


def main():
    result = {
        "provenance": "oracle/population/handmade_grids.py (shapely %s, pyproj)" % shapely.__version__,
        "conventions": {"inclusiveThresholds": True, "whiteZone": "distance > main",
                        "quantiles": "weighted, no interpolation", "coordinateDecimals": DECIMALS},
        "cases": {"row": row_case(), "km": km_case()},
        "ids": id_cases(),
    }
    for name, case in result["cases"].items():
        assert case["roundTripMaxErrorMetres"] < 1e-3, name
        assert case["expected"]["scaled"]["thresholdMarginMetres"] >= 20, name
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    for name, case in result["cases"].items():
        for variant in ("raw", "scaled"):
            e = case["expected"][variant]
            print(name, variant, {k: round(v, 6) for k, v in e["populationByCommune"].items()},
                  "within", e["populationWithin"], "white", e["whiteZonePopulation"],
                  "margin", e["thresholdMarginMetres"], "fallback", e.get("fallbackCommunes"))
        print(name, "round trip error (m):", case["roundTripMaxErrorMetres"])
    print("wrote", OUT)


if __name__ == "__main__":
    main()
