#!/usr/bin/env python3
"""Oracle: `maillage access` with gridded population as demand (Gironde, France Services 2024, 20 km, E2SFCA).

Independent of the Swift code:
- demand: the pieces of oracle/population/grid_model.py (communes of communes/33-gironde.geojson, grid
  population/filosofi2019_carreaux_200m_gironde.csv, scaled to PMUN 2019 with uniform fallback), each at its
  cell centre (EPSG:3035 -> Lambert-93), with its people; a commune without any piece would be one point at
  its shapely point-on-surface in Lambert-93 (none in Gironde: the script asserts it);
- supply: every row of lieux/france_services_2024.csv, capacity 1, rows at identical lon/lat merged (capacities
  added up), projected to Lambert-93 (overseas rows are thousands of km away and never in reach);
- pairs: straight-line Lambert-93 distance <= 20 km (scipy cKDTree, then exact distances, bound inclusive);
- E2SFCA with the default steps 1, 2/3, 1/3 on (0,10], (10,15], (15,20] km by fca_oracle.fca_numpy
  (PySAL's formulas, weight in both steps), x 100,000;
- per commune: the population-weighted mean of its pieces' indices (the plain mean when its pieces hold nobody).

Output: oracle/access/gironde_grid_fca.json: {"communes": {code: index}, "summary": {...}}.
Usage:  python3 oracle/access/gironde_grid_fca.py   (from the repository root; MAILLAGE_SHARED_GEODATA overrides
        ../shared/geodata; needs shapely>=2, pyproj, numpy, pandas, scipy)
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "oracle", "population"))
import fca_oracle as fca  # noqa: E402
import grid_model as gm  # noqa: E402

GEODATA = os.environ.get("MAILLAGE_SHARED_GEODATA") or os.path.join(ROOT, "..", "shared", "geodata")
OUT = os.path.join(HERE, "gironde_grid_fca.json")
CATCHMENT_KM = 20.0


def main():
    codes, communes = gm.load_communes([os.path.join(GEODATA, "communes", "33-gironde.geojson")])
    grid = gm.read_grid(os.path.join(GEODATA, "population", "filosofi2019_carreaux_200m_gironde.csv"))
    population = gm.read_population(os.path.join(GEODATA, "population", "donnees_communes_pop2019.csv"))
    pieces, info = gm.build_pieces(grid, codes, communes, population)
    without = sorted(set(range(len(codes))) - set(pieces["commune"].unique()))
    assert not without, "communes without pieces: %r" % [codes[j] for j in without]

    lieux = pd.read_csv(os.path.join(GEODATA, "lieux", "france_services_2024.csv"), dtype=str, keep_default_na=False)
    lonlat = lieux[["longitude", "latitude"]].astype(float)
    merged = lonlat.groupby(["longitude", "latitude"], sort=False).size().reset_index(name="capacity")
    sx, sy = gm.WGS84_TO_L93.transform(merged["longitude"].to_numpy(), merged["latitude"].to_numpy())
    capacities = merged["capacity"].to_numpy(dtype=float)

    demand_xy = np.column_stack([pieces["x"].to_numpy(), pieces["y"].to_numpy()])
    supply_xy = np.column_stack([sx, sy])
    tree = cKDTree(supply_xy)
    candidates = tree.query_ball_point(demand_xy, r=CATCHMENT_KM * 1000 + 1.0)
    di = np.repeat(np.arange(len(demand_xy)), [len(c) for c in candidates])
    sj = np.fromiter((j for c in candidates for j in c), dtype=np.int64, count=len(di))
    km = np.hypot(demand_xy[di, 0] - supply_xy[sj, 0], demand_xy[di, 1] - supply_xy[sj, 1]) / 1000
    keep = km <= CATCHMENT_KM
    di, sj, km = di[keep], sj[keep], km[keep]

    method = {"kind": "enhanced", "steps": fca.DEFAULT_STEPS}
    pop = pieces["pop"].to_numpy()
    result = fca.fca_numpy(di, sj, km, pop, capacities, method)
    values = result["accessibility"]
    commune = pieces["commune"].to_numpy()
    weight = np.bincount(commune, weights=pop, minlength=len(codes))
    count = np.bincount(commune, minlength=len(codes))
    weighted = np.bincount(commune, weights=values * pop, minlength=len(codes))
    plain = np.bincount(commune, weights=values, minlength=len(codes))
    index = np.where(weight > 0, weighted / np.where(weight > 0, weight, 1), plain / np.maximum(count, 1))

    out = {
        "provenance": "oracle/access/gironde_grid_fca.py (grid_model.py pieces, fca_oracle.fca_numpy)",
        "communes": {code: float(index[k]) for k, code in enumerate(codes)},
        "summary": {"demandPoints": int(len(pieces)), "fallbackPieces": info.get("fallbackPieces", 0),
                    "supplyPoints": int(len(capacities)), "pairsWithinCatchment": int(result["pairsWithinCatchment"]),
                    "communesWithZeroPopulationUnits": [codes[k] for k in range(len(codes)) if weight[k] == 0],
                    "closestPairToTheCatchmentBoundM": float(np.min(np.abs(km - CATCHMENT_KM)) * 1000),
                    "population": float(pop.sum())},
    }
    with open(OUT, "w") as f:
        json.dump(out, f, indent=0, sort_keys=True)
        f.write("\n")
    print("wrote", OUT, out["summary"])


if __name__ == "__main__":
    main()
