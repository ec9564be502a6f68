#!/usr/bin/env python3
"""Synthetic INSEE-format 200 m population grid of metropolitan France, for benchmarks.

Writes OUT.csv with the columns of INSEE's gridded population (`idcar_200m,lcog_geo,ind`), about
2.3 million cells (as many as the real national file), built from the commune boundaries of
../shared/geodata/communes (every non-97x file) and the legal populations PMUN 2019
(population/donnees_communes_pop2019.csv; Paris, Lyon and Marseille arrondissements added up):
- each commune is projected to EPSG:3035 (pyproj, always_xy; repaired with make_valid when invalid);
  its candidate cells are the 200 m EPSG:3035 cells whose centre lies inside it (shapely contains_xy);
- a commune with PMUN > 0 gets n = clamp(round(p × candidates), 1, min(candidates, 10 × PMUN)) cells
  drawn without replacement, with p chosen so the total is about TARGET_CELLS; a commune with no
  candidate (smaller than a cell) gets the cell containing its point_on_surface;
- its PMUN is spread over its cells in tenths of an inhabitant (each cell ≥ 0.1; log-normal weights,
  largest remainders), so its cells add up exactly to PMUN;
- communes without a PMUN row, or with PMUN 0, get no cell;
- a cell drawn for two communes (only possible through the point_on_surface rule) is written once, with
  both populations added and both codes in lcog_geo.
Deterministic (seeded generator, communes in file order, rows sorted by id). Not meant to be committed.

Usage:  python3 scripts/make_synthetic_grid.py OUT.csv   (from the repository root; MAILLAGE_SHARED_GEODATA
        overrides ../shared/geodata; shapely>=2, pyproj, numpy, pandas)
Run time on a 2-core machine: about 18 s (read 4 s, sample 5 s, write 8 s), peak memory about 1.3 GB;
2,299,722 cells for 34,828 communes (it prints these figures).
"""
import glob
import os
import sys
import time

import numpy as np
import pandas as pd
import shapely

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "oracle", "population"))
import grid_model as gm  # noqa: E402

GEODATA = os.environ.get("MAILLAGE_SHARED_GEODATA") or os.path.join(ROOT, "..", "shared", "geodata")
TARGET_CELLS = 2_300_000
SIDE = 200.0
SEED = 20190101


def candidates(geometry):
    """Corners (east, north) of the 200 m cells whose centre lies inside the geometry."""
    minx, miny, maxx, maxy = geometry.bounds
    xs = np.arange(np.floor(minx / SIDE) * SIDE, maxx, SIDE)
    ys = np.arange(np.floor(miny / SIDE) * SIDE, maxy, SIDE)
    ex, ny = np.meshgrid(xs, ys)
    ex, ny = ex.ravel(), ny.ravel()
    inside = shapely.contains_xy(geometry, ex + SIDE / 2, ny + SIDE / 2)
    return ex[inside], ny[inside]


def tenths(total_tenths, weights):
    """Integers ≥ 1 adding up to total_tenths, proportional to weights beyond the minimum (largest remainders)."""
    spare = total_tenths - len(weights)
    share = spare * weights / weights.sum()
    base = np.floor(share).astype(np.int64)
    left = spare - int(base.sum())
    if left:
        base[np.argsort(-(share - base), kind="stable")[:left]] += 1
    return base + 1


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_synthetic_grid.py OUT.csv")
    start = time.perf_counter()
    files = sorted(p for p in glob.glob(os.path.join(GEODATA, "communes", "*.geojson"))
                   if not os.path.basename(p).startswith("97"))
    codes, communes = gm.load_communes(files)
    population = gm.read_population(os.path.join(GEODATA, "population", "donnees_communes_pop2019.csv"))
    loaded = time.perf_counter()

    areas = shapely.area(communes)
    pmun = np.array([population.get(c, 0.0) for c in codes])
    p = TARGET_CELLS * SIDE * SIDE / areas[pmun > 0].sum()
    rng = np.random.default_rng(SEED)
    shapely.prepare(communes)
    east, north, commune_of, ind_tenths = [], [], [], []
    for j, geometry in enumerate(communes):
        if pmun[j] <= 0:
            continue
        ex, ny = candidates(geometry)
        total = int(round(pmun[j] * 10))
        if len(ex) == 0:
            point = shapely.point_on_surface(geometry)
            ex = np.array([np.floor(point.x / SIDE) * SIDE])
            ny = np.array([np.floor(point.y / SIDE) * SIDE])
        n = int(min(max(round(p * len(ex)), 1), len(ex), total))
        pick = np.sort(rng.choice(len(ex), size=n, replace=False))
        east.append(ex[pick])
        north.append(ny[pick])
        commune_of.append(np.full(n, j))
        ind_tenths.append(tenths(total, rng.lognormal(0.0, 1.0, size=n)))
    sampled = time.perf_counter()

    frame = pd.DataFrame({"east": np.concatenate(east).astype(np.int64), "north": np.concatenate(north).astype(np.int64),
                          "commune": np.concatenate(commune_of), "tenths": np.concatenate(ind_tenths)})
    code_array = np.array(codes, dtype=object)
    frame["lcog_geo"] = code_array[frame["commune"].to_numpy()]
    shared = frame.duplicated(["east", "north"], keep=False)
    if shared.any():
        merged = (frame[shared].groupby(["east", "north"], sort=False)
                  .agg(commune=("commune", "min"), tenths=("tenths", "sum"), lcog_geo=("lcog_geo", "".join))
                  .reset_index())
        frame = pd.concat([frame[~shared], merged], ignore_index=True)
    frame["idcar_200m"] = ("CRS3035RES200mN" + frame["north"].astype(str) + "E" + frame["east"].astype(str))
    frame = frame.sort_values("idcar_200m", kind="stable")
    frame["ind"] = (frame["tenths"] // 10).astype(str) + "." + (frame["tenths"] % 10).astype(str)
    frame[["idcar_200m", "lcog_geo", "ind"]].to_csv(sys.argv[1], index=False)
    done = time.perf_counter()

    without = int(((pmun <= 0)).sum())
    print("wrote %s: %d cells, %d communes with cells, %d communes without population (no cell), "
          "%d cells shared by two communes, %.1f inhabitants" % (
              sys.argv[1], len(frame), len(communes) - without, without, int(shared.sum()),
              frame["tenths"].sum() / 10))
    print("time: read %.1f s, sample %.1f s, write %.1f s, total %.1f s" % (
        loaded - start, sampled - loaded, done - sampled, done - start))


if __name__ == "__main__":
    main()
