#!/usr/bin/env python3
"""Peer benchmark for `maillage access`: PySAL `access` E2SFCA on metropolitan France, straight line, 20 km.

Demand: every metropolitan commune of ../shared/geodata/communes at its chef-lieu (points/chef_lieu_2020.csv;
point_on_surface of the Lambert-93 geometry when it has none), population PMUN 2019 (Paris/Lyon/Marseille
arrondissements summed), as in nouvelle_aquitaine.py whose readers are imported. Supply: France Services 2024
(lieux/france_services_2024.csv, longitude/latitude), lieux at identical coordinates merged (capacity = count).
Timed separately, after the data is read:
- the cost table: Lambert-93 projection (pyproj) of both point sets, scipy cKDTree pairs within 20 km, the pandas
  DataFrame PySAL takes;
- the PySAL call: Access(...) then enhanced_two_stage_fca with steps 10 -> 1, 15 -> 2/3, 20 -> 1/3, max_cost 20;
- for reference, the numpy implementation of fca_oracle.py on the same pairs (and their agreement).
Prints wall times and the peak resident memory of the process (resource.getrusage, ru_maxrss).

Usage: python3 oracle/access/bench_pysal.py   (numpy, pandas, scipy, shapely, pyproj, access)
"""
import csv
import os
import resource
import sys
import time
import warnings

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fca_oracle  # noqa: E402
import nouvelle_aquitaine as na  # noqa: E402

STEPS = {10.0: 1.0, 15.0: 2.0 / 3.0, 20.0: 1.0 / 3.0}
CATCHMENT_KM = 20.0


def peak_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    from access import Access, weights

    t0 = time.perf_counter()
    population = na.read_population()
    chef_lieux = na.read_chef_lieux()
    communes = na.metropolitan_communes()
    codes = [c for c, _ in communes]
    lonlat = [chef_lieux.get(c) for c, _ in communes]
    fallback = {k: na.l93_point_on_surface(g) for k, (c, g) in enumerate(communes) if lonlat[k] is None}
    pops = np.array([population.get(c, 0.0) for c in codes])
    with open(os.path.join(na.GEODATA, "lieux", "france_services_2024.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    capacity = {}
    for r in rows:
        key = (float(r["longitude"]), float(r["latitude"]))
        capacity[key] = capacity.get(key, 0) + 1
    places = sorted(capacity)
    capacities = np.array([float(capacity[p]) for p in places])
    read = time.perf_counter() - t0
    print(f"data read: {len(codes)} communes ({len(fallback)} without chef-lieu), {len(rows)} lieux "
          f"-> {len(places)} places, {read:.2f} s, peak {peak_mib():.0f} MiB")

    t1 = time.perf_counter()
    xs, ys = na.TO_L93.transform([p[0] if p else 0.0 for p in lonlat], [p[1] if p else 0.0 for p in lonlat])
    demand_xy = np.column_stack([xs, ys])
    for k, (x, y) in fallback.items():
        demand_xy[k] = (x, y)
    sx, sy = na.TO_L93.transform([p[0] for p in places], [p[1] for p in places])
    di, sj, km = na.pairs_within(demand_xy, np.column_stack([sx, sy]), CATCHMENT_KM)
    cost_df = pd.DataFrame({"i": di, "j": sj, "cost": km})
    cost_time = time.perf_counter() - t1
    print(f"cost table (projection + cKDTree + DataFrame): {len(cost_df)} pairs, {cost_time:.3f} s, "
          f"peak {peak_mib():.0f} MiB")

    t2 = time.perf_counter()
    model = Access(demand_df=pd.DataFrame({"i": np.arange(len(codes)), "population": pops}), demand_index="i",
                   demand_value="population",
                   supply_df=pd.DataFrame({"j": np.arange(len(places)), "capacity": capacities}), supply_index="j",
                   supply_value="capacity", cost_df=cost_df, cost_origin="i", cost_dest="j", cost_name="cost")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = model.enhanced_two_stage_fca(name="e2sfca", max_cost=CATCHMENT_KM, weight_fn=weights.step_fn(STEPS))
    pysal = np.nan_to_num(out["e2sfca_capacity"].reindex(np.arange(len(codes))).to_numpy(dtype=float), nan=0.0)
    pysal_time = time.perf_counter() - t2
    print(f"PySAL access enhanced_two_stage_fca: {pysal_time:.3f} s, peak {peak_mib():.0f} MiB")

    t3 = time.perf_counter()
    mine = fca_oracle.fca_numpy(di, sj, km, pops, capacities, {"kind": "enhanced", "steps": fca_oracle.DEFAULT_STEPS})
    numpy_time = time.perf_counter() - t3
    infinite = int(np.isinf(pysal).sum())
    finite = np.isfinite(pysal)
    diff = fca_oracle.max_relative_difference(mine["accessibility"][finite] / fca_oracle.SCALE, pysal[finite])
    print(f"numpy E2SFCA: {numpy_time:.3f} s; max relative difference to PySAL {diff:.3g} "
          f"({infinite} communes infinite in PySAL: lieux whose catchment has no population)")
    print(f"total wall {time.perf_counter() - t0:.2f} s, peak resident memory {peak_mib():.0f} MiB")


if __name__ == "__main__":
    main()
