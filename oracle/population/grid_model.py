"""Gridded-population model shared by the population oracles (shapely 2, pyproj, numpy, pandas).

An independent Python statement of how Maillage turns INSEE gridded population ("données carroyées")
into population pieces measured from where people live:

1. Cell ids `CRS3035RES{side}mN{north}E{east}`: the square of side `side` metres whose lower-left
   (south-west) corner is (east, north) in EPSG:3035; centre = corner + side / 2. Sides 200 and 1000 are
   accepted; anything else (missing number, other letters, other CRS, trailing text, empty) is rejected.
   `lcog_geo` is read but not used: where a cell's people go is decided by geometry alone.
2. Communes (WGS84) are projected to EPSG:3035 with pyproj (always_xy), repaired when invalid with
   make_valid(method="structure", keep_collapsed=False), and only their polygonal part is kept. Each
   cell is cut by the communes: piece area = area(cell square ∩ commune). A cell's people are shared in
   proportion to its piece areas, normalised by the sum of its pieces over all loaded communes. Cells
   whose pieces add up to 0 m² touch no loaded commune: they are dropped and counted.
3. With a legal-population table (`;` CSV, COM and PMUN; Paris, Lyon and Marseille arrondissements added
   up to 75056, 69123, 13055): each commune's pieces are scaled to add up to its PMUN. A commune with
   PMUN > 0 whose pieces carry no people (no piece, or only pieces of 0 inhabitants) falls back to
   uniform density: its area is cut by the 200 m EPSG:3035 grid and each piece gets
   PMUN × piece area / commune area. Communes without a PMUN row get 0.
4. Every piece is measured from its cell centre, projected EPSG:3035 → EPSG:2154 (Lambert-93).
5. Pinned conventions: thresholds are inclusive (distance ≤ t is within t); the white zone is
   distance > main threshold; weighted quantile q = the smallest distance d whose cumulative population
   (pieces sorted by distance) reaches q × total, without interpolation (relative tolerance 1e-12 on the
   comparison so that q × total computed in floating point is reached by an exactly equal sum).
"""
import csv
import io
import json
import re

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry import shape

WGS84_TO_3035 = Transformer.from_crs(4326, 3035, always_xy=True)
LAEA_TO_L93 = Transformer.from_crs(3035, 2154, always_xy=True)
WGS84_TO_L93 = Transformer.from_crs(4326, 2154, always_xy=True)

CELL_ID = re.compile(r"^CRS3035RES(200|1000)mN([0-9]+)E([0-9]+)$")
FALLBACK_SIDE = 200.0


def parse_cell_id(text):
    """(side, east, north) in metres, or ValueError for a malformed id."""
    match = CELL_ID.match(text or "")
    if not match:
        raise ValueError("malformed INSEE cell id: %r" % text)
    return float(match.group(1)), float(match.group(3)), float(match.group(2))


def read_grid(source):
    """INSEE grid CSV (path or text) → DataFrame id, lcog_geo, ind, side, east, north (rows kept in order).

    The id column is `idcar_200m` or, in a 1 km file, `idcar_1km`."""
    handle = io.StringIO(source) if "\n" in source else source
    frame = pd.read_csv(handle, dtype={"lcog_geo": str}, keep_default_na=False)
    column = "idcar_200m" if "idcar_200m" in frame.columns else "idcar_1km"
    parts = frame[column].str.extract(CELL_ID.pattern)
    if parts.isna().any().any():
        bad = frame[column][parts.isna().any(axis=1)].tolist()
        raise ValueError("malformed INSEE cell ids: %r" % bad[:5])
    return pd.DataFrame({
        "id": frame[column], "lcog_geo": frame["lcog_geo"], "ind": frame["ind"].astype(float),
        "side": parts[0].astype(float), "north": parts[1].astype(float), "east": parts[2].astype(float)})


def arrondissement_commune(code):
    if code.isdigit():
        n = int(code)
        if 75101 <= n <= 75120:
            return "75056"
        if 69381 <= n <= 69389:
            return "69123"
        if 13201 <= n <= 13216:
            return "13055"
    return code


def read_population(source):
    """`;` CSV with COM and PMUN (path or text) → {code: PMUN}, arrondissements added up to their city."""
    handle = io.StringIO(source) if "\n" in source else open(source, encoding="utf-8")
    with handle:
        population = {}
        for row in csv.DictReader(handle, delimiter=";"):
            code = arrondissement_commune(row["COM"])
            population[code] = population.get(code, 0.0) + float(row["PMUN"])
    return population


def polygonal(geometry):
    """The polygonal part of a geometry (make_valid may add collapsed lines or points)."""
    if shapely.get_type_id(geometry) in (3, 6):
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if shapely.get_type_id(g) in (3, 6)]
    polygons = []
    for p in parts:
        polygons.extend(shapely.get_parts(p))
    return shapely.multipolygons(polygons) if polygons else shapely.Polygon()


def project_3035(geometry):
    geometry = shapely.transform(
        geometry, lambda xy: np.column_stack(WGS84_TO_3035.transform(xy[:, 0], xy[:, 1])))
    if not geometry.is_valid:
        geometry = polygonal(shapely.make_valid(geometry, method="structure", keep_collapsed=False))
    return geometry


def load_communes(paths):
    """Commune codes and EPSG:3035 geometries of GeoJSON files (file order, then feature order)."""
    codes, geometries = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            collection = json.load(f)
        for feature in collection["features"]:
            codes.append(feature["properties"]["code"])
            geometries.append(project_3035(shape(feature["geometry"])))
    return codes, np.array(geometries, dtype=object)


def communes_from_geojson_text(text):
    collection = json.loads(text)
    codes = [f["properties"]["code"] for f in collection["features"]]
    return codes, np.array([project_3035(shape(f["geometry"])) for f in collection["features"]], dtype=object)


def cut_cells(east, north, side, communes):
    """Pieces of the cells cut by the communes: (cell index, commune index, area m²), sorted.

    Cells lying wholly inside one commune get their exact square area without an overlay."""
    boxes = shapely.box(east, north, east + side, north + side)
    tree = shapely.STRtree(communes)
    cell_idx, commune_idx = tree.query(boxes, predicate="intersects")
    inside = shapely.within(boxes[cell_idx], communes[commune_idx])
    areas = np.empty(len(cell_idx))
    areas[inside] = side[cell_idx[inside]] ** 2
    rest = ~inside
    areas[rest] = shapely.area(shapely.intersection(boxes[cell_idx[rest]], communes[commune_idx[rest]]))
    keep = areas > 0
    cell_idx, commune_idx, areas = cell_idx[keep], commune_idx[keep], areas[keep]
    order = np.lexsort((commune_idx, cell_idx))
    return cell_idx[order], commune_idx[order], areas[order]


def fallback_pieces(commune, side=FALLBACK_SIDE):
    """Uniform-density pieces of one commune: (east, north corners of the 200 m cells it cuts, areas)."""
    minx, miny, maxx, maxy = commune.bounds
    xs = np.arange(np.floor(minx / side) * side, maxx, side)
    ys = np.arange(np.floor(miny / side) * side, maxy, side)
    ex, ny = np.meshgrid(xs, ys)
    ex, ny = ex.ravel(), ny.ravel()
    sides = np.full(len(ex), side)
    cells, _, areas = cut_cells(ex, ny, sides, np.array([commune], dtype=object))
    return ex[cells], ny[cells], areas


def build_pieces(grid, codes, communes, population=None):
    """The model's pieces and diagnostics.

    Returns (pieces DataFrame: cell, commune, code, area, raw, pop, centre_x/centre_y in Lambert-93,
    fallback flag; info dict). `raw` = grid people shared by area; `pop` = scaled to PMUN when a
    population table is given (plus fallback pieces), else equal to raw."""
    east, north, side = grid["east"].to_numpy(), grid["north"].to_numpy(), grid["side"].to_numpy()
    ind = grid["ind"].to_numpy()
    cell, commune, area = cut_cells(east, north, side, communes)
    cell_area_sum = np.bincount(cell, weights=area, minlength=len(grid))
    raw = ind[cell] * area / cell_area_sum[cell]
    dropped = cell_area_sum == 0
    info = {"cells": int(len(grid)), "gridPopulation": float(ind.sum()), "pieces": int(len(cell)),
            "cellsDropped": int(dropped.sum()), "droppedPopulation": float(ind[dropped].sum())}
    cx, cy = east[cell] + side[cell] / 2, north[cell] + side[cell] / 2
    pieces = pd.DataFrame({"cell": cell, "commune": commune, "area": area, "raw": raw,
                           "cx3035": cx, "cy3035": cy, "fallback": False})
    if population is None:
        pieces["pop"] = raw
    else:
        raw_by_commune = np.bincount(commune, weights=raw, minlength=len(codes))
        pmun = np.array([population.get(c, 0.0) for c in codes])
        factor = np.divide(pmun, raw_by_commune, out=np.zeros(len(codes)), where=raw_by_commune > 0)
        pieces["pop"] = raw * factor[commune]
        fallback = np.flatnonzero((pmun > 0) & (raw_by_commune == 0))
        extra = []
        for j in fallback:
            fx, fy, fa = fallback_pieces(communes[j])
            whole = shapely.area(communes[j])
            extra.append(pd.DataFrame({"cell": -1, "commune": j, "area": fa, "raw": 0.0,
                                       "cx3035": fx + FALLBACK_SIDE / 2, "cy3035": fy + FALLBACK_SIDE / 2,
                                       "fallback": True, "pop": pmun[j] * fa / whole}))
        if extra:
            pieces = pd.concat([pieces] + extra, ignore_index=True)
        info["fallbackCommunes"] = sorted(codes[j] for j in fallback)
        info["fallbackPieces"] = int(sum(len(e) for e in extra))
        info["communesWithoutPopulationRow"] = sorted(c for c in codes if c not in population)
    pieces["code"] = np.array(codes, dtype=object)[pieces["commune"].to_numpy()]
    x, y = LAEA_TO_L93.transform(pieces["cx3035"].to_numpy(), pieces["cy3035"].to_numpy())
    pieces["x"], pieces["y"] = x, y
    return pieces, info


def weighted_quantile(q, values, weights):
    """Smallest value v with Σ weights(values ≤ v) ≥ q × Σ weights (no interpolation)."""
    order = np.argsort(values, kind="stable")
    values, weights = np.asarray(values)[order], np.asarray(weights)[order]
    cumulative = np.cumsum(weights)
    return float(values[np.searchsorted(cumulative, q * cumulative[-1] * (1 - 1e-12))])


def coverage_summary(measure, pop, thresholds, main, unit_divisor):
    """Population within each threshold (inclusive), white zone (> main), weighted median and p90.

    `measure` is in base units (metres or seconds); thresholds and quantiles are reported divided by
    `unit_divisor` (1000 → km, 60 → minutes)."""
    total = float(pop.sum())
    within = {str(t): float(pop[measure <= t * unit_divisor].sum()) for t in thresholds}
    return {
        "totalPopulation": total,
        "populationWithin": within,
        "shareWithin": {k: v / total for k, v in within.items()},
        "whiteZonePopulation": float(pop[measure > main * unit_divisor].sum()),
        "weightedMedian": weighted_quantile(0.5, measure, pop) / unit_divisor,
        "weightedP90": weighted_quantile(0.9, measure, pop) / unit_divisor,
    }
