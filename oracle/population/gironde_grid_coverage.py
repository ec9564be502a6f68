#!/usr/bin/env python3
"""Oracle: coverage of Gironde measured from INSEE gridded population (distance mode).

Computes, with the model of grid_model.py (independent of the Swift code):
- communes of ../shared/geodata/communes/33-gironde.geojson projected to EPSG:3035;
- grid ../shared/geodata/population/filosofi2019_carreaux_200m_gironde.csv, cells cut by the communes,
  people shared by piece area (normalised over the loaded communes; cells touching none dropped);
- scaled to the legal population PMUN 2019 (population/donnees_communes_pop2019.csv), with uniform
  fallback for communes with PMUN > 0 and no populated piece; and the same figures without scaling
  (raw grid counts, no fallback);
- lieux: every row of lieux/france_services_2024.csv (longitude/latitude), projected to Lambert-93;
  rows whose projection is not finite would be ignored (none are); overseas rows are thousands of km
  away and never nearest;
- straight-line Lambert-93 distance from each piece's cell centre (EPSG:3035 → EPSG:2154) to the
  nearest lieu; thresholds 5, 10, 20 km inclusive, white zone > 10 km, weighted median and p90
  without interpolation.

Doubles as the performance peer of `--population-grid`: prints wall time split into read / cut /
measure, and peak resident memory.

Output: oracle/population/gironde_grid_coverage.json (deterministic).
Usage:  python3 oracle/population/gironde_grid_coverage.py   (from the repository root;
        MAILLAGE_SHARED_GEODATA overrides ../shared/geodata; needs shapely>=2, pyproj, numpy, pandas)
"""
import json
import os
import resource
import sys
import time

import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import grid_model as gm  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GEODATA = os.environ.get("MAILLAGE_SHARED_GEODATA") or os.path.join(ROOT, "..", "shared", "geodata")
OUT = os.path.join(HERE, "gironde_grid_coverage.json")
THRESHOLDS_KM = [5, 10, 20]
MAIN_KM = 10


def lieux_lambert93(path):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    lon, lat = frame["longitude"].astype(float).to_numpy(), frame["latitude"].astype(float).to_numpy()
    x, y = gm.WGS84_TO_L93.transform(lon, lat)
    finite = np.isfinite(x) & np.isfinite(y)
    return len(frame), shapely.points(np.column_stack([x[finite], y[finite]]))


def nearest_distance(pieces, lieux):
    tree = shapely.STRtree(lieux)
    origins = shapely.points(np.column_stack([pieces["x"].to_numpy(), pieces["y"].to_numpy()]))
    (origin_idx, _), distance = tree.query_nearest(origins, return_distance=True, all_matches=False)
    result = np.empty(len(origins))
    result[origin_idx] = distance
    return result


def summary(pieces, info, distance):
    figures = gm.coverage_summary(distance, pieces["pop"].to_numpy(), THRESHOLDS_KM, MAIN_KM, 1000.0)
    figures["populationWithinKm"] = figures.pop("populationWithin")
    figures["shareWithinKm"] = figures.pop("shareWithin")
    figures["weightedMedianKm"] = figures.pop("weightedMedian")
    figures["weightedP90Km"] = figures.pop("weightedP90")
    figures.update(info)
    populated = pieces["pop"].to_numpy() > 0
    figures["thresholdMarginMetres"] = round(float(min(np.abs(distance[populated] - t * 1000).min()
                                                       for t in THRESHOLDS_KM)), 3)
    return figures


def main():
    t0 = time.perf_counter()
    codes, communes = gm.load_communes([os.path.join(GEODATA, "communes", "33-gironde.geojson")])
    grid = gm.read_grid(os.path.join(GEODATA, "population", "filosofi2019_carreaux_200m_gironde.csv"))
    population = gm.read_population(os.path.join(GEODATA, "population", "donnees_communes_pop2019.csv"))
    lieu_rows, lieux = lieux_lambert93(os.path.join(GEODATA, "lieux", "france_services_2024.csv"))
    t1 = time.perf_counter()
    scaled, scaled_info = gm.build_pieces(grid, codes, communes, population)
    raw, raw_info = gm.build_pieces(grid, codes, communes, None)
    t2 = time.perf_counter()
    scaled_distance = nearest_distance(scaled, lieux)
    raw_distance = nearest_distance(raw, lieux)
    t3 = time.perf_counter()

    gironde_codes = set(codes)
    table_codes_33 = sorted(c for c in population if c.startswith("33") and c not in gironde_codes)
    result = {
        "provenance": "oracle/population/gironde_grid_coverage.py (shapely %s, pyproj, numpy)" % shapely.__version__,
        "inputs": {"communes": "communes/33-gironde.geojson", "grid": "population/filosofi2019_carreaux_200m_gironde.csv",
                   "population": "population/donnees_communes_pop2019.csv (PMUN)",
                   "lieux": "lieux/france_services_2024.csv (all rows)"},
        "conventions": {"thresholdsKm": THRESHOLDS_KM, "mainThresholdKm": MAIN_KM, "inclusiveThresholds": True,
                        "whiteZone": "distance > main", "quantiles": "weighted, no interpolation",
                        "distance": "Lambert-93 straight line from the EPSG:3035 cell centre"},
        "communeCount": len(codes),
        "lieuRows": lieu_rows,
        "lieuxUsed": int(len(lieux)),
        "populationTableCodes33WithoutGeometry": table_codes_33,
        "scaled": summary(scaled, scaled_info, scaled_distance),
        "raw": summary(raw, raw_info, raw_distance),
        "scaledPopulationOfFallbackCommunes": float(scaled.loc[scaled["fallback"], "pop"].sum()),
    }
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("wrote", OUT)
    print("scaled: total %.1f, within %s, white %.1f" % (
        result["scaled"]["totalPopulation"], result["scaled"]["populationWithinKm"], result["scaled"]["whiteZonePopulation"]))
    print("raw:    total %.1f, within %s, white %.1f" % (
        result["raw"]["totalPopulation"], result["raw"]["populationWithinKm"], result["raw"]["whiteZonePopulation"]))
    print("time: read %.2f s, cut %.2f s (both variants), measure %.2f s; total %.2f s; peak RSS %.0f MiB" % (
        t1 - t0, t2 - t1, t3 - t2, t3 - t0, peak_mib))


if __name__ == "__main__":
    main()
