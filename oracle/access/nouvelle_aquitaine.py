#!/usr/bin/env python3
"""Oracle for `maillage access` on Nouvelle-Aquitaine: E2SFCA and 2SFCA of France Services 2020, straight line.

Inputs (../shared/geodata, or $MAILLAGE_SHARED_GEODATA):
- demand: EVERY commune of metropolitan France in communes/ (files not starting with 97), since communes of
  neighbouring régions compete for the same lieux; only the communes of départements 16, 17, 19, 23, 24, 33, 40,
  47, 64, 79, 86, 87 are reported;
- demand points: the chef-lieu of points/chef_lieu_2020.csv (code, longitude, latitude), as `--commune-points`
  gives it; a commune without a row there is placed at shapely's point_on_surface of its Lambert-93 geometry
  (repaired with make_valid(method="structure") when invalid), and listed in the output;
- population: PMUN of population/donnees_communes_pop2019.csv (COM), Paris/Lyon/Marseille arrondissements
  (75101-75120, 69381-69389, 13201-13216) summed into 75056, 69123, 13055; a code without a row has 0;
- supply: lieux/france_services_2020.geojson (points), lieux at identical coordinates merged into one supply
  point whose capacity is their number;
- costs: straight-line distance in km between points in Lambert-93 (EPSG:2154, pyproj, always_xy), pairs with
  d <= 20 km (scipy cKDTree), catchment 20 km;
- methods: E2SFCA with steps (0,10] -> 1, (10,15] -> 2/3, (15,20] -> 1/3 and 2SFCA within 20 km, both computed by
  PySAL `access` and numpy (fca_oracle.py) which must agree; index per 100,000 inhabitants.
Also: population-weighted statistics of the E2SFCA index per département and for the région, computed here
with the definitions written in the output (quantile without interpolation, Gini by its O(n^2) definition).

Output: oracle/access/nouvelle_aquitaine_fca.json (communes: code -> [E2SFCA, 2SFCA, population], full precision).
Usage:  python3 oracle/access/nouvelle_aquitaine.py   (numpy, pandas, scipy, shapely, pyproj, access)
"""
import csv
import glob
import json
import os
import sys

import numpy as np
import shapely
from pyproj import Transformer
from scipy.spatial import cKDTree
from shapely.geometry import shape

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fca_oracle  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(HERE))
GEODATA = os.environ.get("MAILLAGE_SHARED_GEODATA") or os.path.join(ROOT, "..", "shared", "geodata")
OUT = os.path.join(HERE, "nouvelle_aquitaine_fca.json")
NA_DEPARTEMENTS = ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"]
CATCHMENT_KM = 20.0
PLM = {**{str(75100 + i): "75056" for i in range(1, 21)}, **{str(69380 + i): "69123" for i in range(1, 10)},
       **{str(13200 + i): "13055" for i in range(1, 17)}}
TO_L93 = Transformer.from_crs(4326, 2154, always_xy=True)


def read_population():
    population = {}
    with open(os.path.join(GEODATA, "population", "donnees_communes_pop2019.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            code = PLM.get(row["COM"], row["COM"])
            population[code] = population.get(code, 0.0) + float(row["PMUN"])
    return population


def read_chef_lieux():
    with open(os.path.join(GEODATA, "points", "chef_lieu_2020.csv"), encoding="utf-8") as f:
        return {r["code"]: (float(r["longitude"]), float(r["latitude"])) for r in csv.DictReader(f)}


def metropolitan_communes():
    """[(code, feature geometry)] of every commune file not in 97x, in file then feature order."""
    out = []
    for path in sorted(glob.glob(os.path.join(GEODATA, "communes", "*.geojson"))):
        if os.path.basename(path).startswith("97"):
            continue
        with open(path, encoding="utf-8") as f:
            for feature in json.load(f)["features"]:
                out.append((feature["properties"]["code"], feature["geometry"]))
    return out


def l93_point_on_surface(geometry):
    g = shapely.transform(shape(geometry), lambda xy: np.column_stack(TO_L93.transform(xy[:, 0], xy[:, 1])))
    if not g.is_valid:
        g = shapely.make_valid(g, method="structure", keep_collapsed=False)
    p = g.point_on_surface()
    return p.x, p.y


def merged_lieux(path):
    """Supply points: distinct coordinates of the point features, capacity = number of lieux there."""
    with open(path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    capacity = {}
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"][:2]
        capacity[(lon, lat)] = capacity.get((lon, lat), 0) + 1
    coords = sorted(capacity)
    return len(features), coords, [float(capacity[c]) for c in coords]


def pairs_within(demand_xy, supply_xy, catchment_km):
    """(demand positions, supply positions, km) of every pair with d <= catchment, sorted by demand then supply."""
    tree_d, tree_s = cKDTree(demand_xy), cKDTree(supply_xy)
    sparse = tree_d.sparse_distance_matrix(tree_s, catchment_km * 1000 + 1, output_type="ndarray")
    di, sj = sparse["i"].astype(np.int64), sparse["j"].astype(np.int64)
    dx = demand_xy[di, 0] - supply_xy[sj, 0]
    dy = demand_xy[di, 1] - supply_xy[sj, 1]
    km = np.sqrt(dx * dx + dy * dy) / 1000.0
    keep = km <= catchment_km
    order = np.lexsort((sj[keep], di[keep]))
    return di[keep][order], sj[keep][order], km[keep][order]


def weighted_quantile(q, values, weights):
    """Smallest value v whose population with value <= v reaches q x total (no interpolation); weight 0 ignored."""
    values, weights = np.asarray(values), np.asarray(weights)
    populated = weights > 0
    values, weights = values[populated], weights[populated]
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    k = int(np.searchsorted(cumulative, q * cumulative[-1] * (1 - 1e-12), side="left"))
    return float(values[order][min(k, len(order) - 1)])


def gini_by_definition(values, weights):
    """sum_i sum_k w_i w_k |x_i - x_k| / (2 (sum w)^2 mean), by brute force."""
    x, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    total, mean = w.sum(), float((w * x).sum() / w.sum())
    return float((w[:, None] * w[None, :] * np.abs(x[:, None] - x[None, :])).sum() / (2 * total * total * mean))


def group_statistics(values, weights):
    values, weights = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    total = float(weights.sum())
    return {
        "units": int(len(values)), "population": total,
        "mean": float((weights * values).sum() / total),
        "median": weighted_quantile(0.5, values, weights),
        "p10": weighted_quantile(0.1, values, weights),
        "p90": weighted_quantile(0.9, values, weights),
        "gini": gini_by_definition(values, weights),
        "zeroShare": float(weights[values == 0].sum() / total),
    }


def main():
    population = read_population()
    chef_lieux = read_chef_lieux()
    communes = metropolitan_communes()
    codes = [c for c, _ in communes]
    assert len(set(codes)) == len(codes), "duplicate commune codes"
    xy = np.empty((len(communes), 2))
    without_chef_lieu = []
    for k, (code, geometry) in enumerate(communes):
        if code in chef_lieux:
            xy[k] = TO_L93.transform(*chef_lieux[code])
        else:
            xy[k] = l93_point_on_surface(geometry)
            without_chef_lieu.append(code)
    pops = np.array([population.get(c, 0.0) for c in codes])

    lieu_count, lieu_coords, capacities = merged_lieux(os.path.join(GEODATA, "lieux", "france_services_2020.geojson"))
    sx, sy = TO_L93.transform([c[0] for c in lieu_coords], [c[1] for c in lieu_coords])
    supply_xy = np.column_stack([sx, sy])

    di, sj, km = pairs_within(xy, supply_xy, CATCHMENT_KM)
    methods = {"enhanced": {"kind": "enhanced", "steps": fca_oracle.DEFAULT_STEPS},
               "twoStep": {"kind": "twoStep", "catchment": CATCHMENT_KM}}
    results, differences = fca_oracle.compute_all(
        list(range(len(codes))), pops, list(range(len(capacities))), capacities, di, sj, km, methods)

    na = [k for k, c in enumerate(codes) if c[:2] in NA_DEPARTEMENTS]
    e2, two = results["enhanced"]["accessibility"], results["twoStep"]["accessibility"]
    # How close a cost comes to a bound: a pair that close could flip side with another projection library.
    margins = {str(b): float(np.min(np.abs(km - b))) for b in (10.0, 15.0, 20.0)}
    statistics = {d: group_statistics(e2[[k for k in na if codes[k][:2] == d]],
                                      pops[[k for k in na if codes[k][:2] == d]]) for d in NA_DEPARTEMENTS}
    statistics["all"] = group_statistics(e2[na], pops[na])
    out = {
        "provenance": "oracle/access/nouvelle_aquitaine.py (PySAL access and numpy agree; pyproj %s, shapely %s)"
                      % (__import__("pyproj").__version__, shapely.__version__),
        "scale": fca_oracle.SCALE,
        "catchmentKm": CATCHMENT_KM,
        "steps": fca_oracle.DEFAULT_STEPS,
        "columns": ["enhanced", "twoStep", "population"],
        "summary": {
            "competingCommunes": len(codes),
            "competingPopulation": float(pops.sum()),
            "reportedCommunes": len(na),
            "reportedPopulation": float(pops[na].sum()),
            "lieux": lieu_count,
            "supplyPointsAfterMerge": len(capacities),
            "pairsWithinCatchment": int(len(km)),
            "maxRelativeDifferencePySALNumpy": differences,
            "closestCostToBoundKm": margins,
            "reportedWithZeroEnhanced": int((e2[na] == 0).sum()),
            "reportedWithZeroTwoStep": int((two[na] == 0).sum()),
            "maxEnhanced": float(e2[na].max()),
            "maxTwoStep": float(two[na].max()),
            "communesWithoutChefLieu": without_chef_lieu,
            "communesWithoutChefLieuPlacement": "point_on_surface of the Lambert-93 geometry (make_valid structure if invalid)",
            "communesWithoutPopulationRow": int(sum(c not in population for c in codes)),
        },
        "statisticsEnhancedByDepartement": statistics,
        "statisticsDefinitions": "population-weighted; quantile q = smallest value whose cumulative population "
                                 ">= q x total, no interpolation; gini = sum_ik P_i P_k |x_i - x_k| / (2 P^2 mean); "
                                 "zeroShare = population with index 0 / population",
        "communes": {codes[k]: [float(e2[k]), float(two[k]), float(pops[k])] for k in sorted(na, key=lambda k: codes[k])},
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=0)
        f.write("\n")
    print(json.dumps(out["summary"], indent=1))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
