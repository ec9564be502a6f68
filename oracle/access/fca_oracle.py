#!/usr/bin/env python3
"""Independent oracle for Maillage's floating-catchment accessibility (2SFCA, E2SFCA, gravity).

Two implementations of the same formulas, which must agree:
- PySAL `access` (Access.two_stage_fca / enhanced_two_stage_fca with weights.step_fn / weights.gravity),
  which applies the weight in both steps:
      R_j = S_j / sum_i P_i W(d_ij),    A_i = sum_j R_j W(d_ij)    (d_ij <= catchment, inclusive);
- plain numpy (np.bincount scatter sums over the pair list).
Results are A_i x 100,000 (per 100,000 inhabitants).

Maillage's rules where PySAL leaves undefined values, and how PySAL is brought to them:
- a demand point with no pair within the catchment: A = 0 (PySAL: NaN, mapped to 0 here);
- a supply point whose catchment holds no population: R = 0, contributes nothing (PySAL: R = S/0 = inf,
  which would make A = inf around it); PySAL is given the cost table WITHOUT the pairs of those supply
  points, which is the same thing as R = 0;
- a demand point with population 0 still gets its A (as in PySAL).

Methods (a dict): {"kind": "twoStep", "catchment": c}, {"kind": "enhanced", "steps": [[bound, weight], ...]}
(cost on a bound belongs to the lower step; catchment = last bound), {"kind": "gravity", "beta": b,
"minimumCost": d0, "catchment": c} with W = (max(d, d0)/d0)^-b.

Usage:
  python3 oracle/access/fca_oracle.py
      rebuilds the small deterministic instance (small_costs.csv, small_demand.csv, small_supply.csv,
      seed 20240801) and writes small_fca.json next to this script;
  python3 oracle/access/fca_oracle.py COSTS.csv DEMAND.csv SUPPLY.csv OUT.json
      any instance: COSTS columns i,j,cost; DEMAND i,population; SUPPLY j,capacity (integer ids).
Also imported as a module by the other scripts of this folder (compute_all, DEFAULT_STEPS, ...).
Needs: numpy, pandas, access (pip install access).
"""
import csv
import json
import os
import sys
import warnings

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SCALE = 100_000.0
DEFAULT_STEPS = [[10.0, 1.0], [15.0, 2.0 / 3.0], [20.0, 1.0 / 3.0]]
TOLERANCE = 1e-9  # relative agreement demanded between PySAL and numpy


def catchment_of(method):
    return method["steps"][-1][0] if method["kind"] == "enhanced" else method["catchment"]


def pair_weights(method, costs):
    """W(d) per pair (0 beyond the catchment) and, for steps, the step index (-1 beyond)."""
    costs = np.asarray(costs, dtype=float)
    steps = np.full(len(costs), -1, dtype=np.int64)
    if method["kind"] == "twoStep":
        w = np.where(costs <= method["catchment"], 1.0, 0.0)
    elif method["kind"] == "enhanced":
        w = np.zeros(len(costs))
        bounds = [b for b, _ in method["steps"]]
        # first bound >= cost: searchsorted(side="left") puts a cost equal to a bound in that bound's step
        k = np.searchsorted(np.array(bounds), costs, side="left")
        inside = k < len(bounds)
        steps[inside] = k[inside]
        w[inside] = np.array([wt for _, wt in method["steps"]])[k[inside]]
    elif method["kind"] == "gravity":
        d0 = method["minimumCost"]
        w = np.where(costs <= method["catchment"], np.power(np.maximum(costs, d0) / d0, -method["beta"]), 0.0)
    else:
        raise ValueError(method)
    return w, steps


def fca_numpy(demand_idx, supply_idx, costs, populations, capacities, method, scale=SCALE):
    """Plain numpy; indices are positions 0..n-1 into populations / capacities."""
    demand_idx = np.asarray(demand_idx, dtype=np.int64)
    supply_idx = np.asarray(supply_idx, dtype=np.int64)
    populations = np.asarray(populations, dtype=float)
    capacities = np.asarray(capacities, dtype=float)
    w, steps = pair_weights(method, costs)
    weighted_demand = np.bincount(supply_idx, weights=populations[demand_idx] * w, minlength=len(capacities))
    ratios = np.zeros(len(capacities))
    served = weighted_demand > 0
    ratios[served] = capacities[served] / weighted_demand[served]
    share = ratios[supply_idx] * w
    accessibility = np.bincount(demand_idx, weights=share, minlength=len(populations)) * scale
    by_step = []
    if method["kind"] == "enhanced":
        for k in range(len(method["steps"])):
            by_step.append(np.bincount(demand_idx, weights=np.where(steps == k, share, 0.0),
                                       minlength=len(populations)) * scale)
    return {"accessibility": accessibility, "ratios": ratios, "weightedDemand": weighted_demand,
            "byStep": by_step, "pairsWithinCatchment": int((w > 0).sum())}


def fca_pysal(demand_ids, populations, supply_ids, capacities, cost_df, method, scale=SCALE):
    """PySAL access on DataFrames; cost_df columns i, j, cost (ids, not positions). Returns A per demand id
    (in demand_ids order) with Maillage's rules (see the module doc)."""
    from access import Access, weights

    catchment = catchment_of(method)
    demand_df = pd.DataFrame({"i": demand_ids, "population": np.asarray(populations, dtype=float)}).set_index("i")
    supply_df = pd.DataFrame({"j": supply_ids, "capacity": np.asarray(capacities, dtype=float)}).set_index("j")
    inside = cost_df[cost_df["cost"] <= catchment]
    # Supply points with an empty catchment: positive weight everywhere inside, so the population sum decides.
    reached = inside.merge(demand_df, left_on="i", right_index=True).groupby("j")["population"].sum()
    populated = set(reached[reached > 0].index)
    kept = cost_df[cost_df["j"].isin(populated)].reset_index(drop=True)
    model = Access(demand_df=demand_df.reset_index(), demand_index="i", demand_value="population",
                   supply_df=supply_df.reset_index(), supply_index="j", supply_value="capacity",
                   cost_df=kept, cost_origin="i", cost_dest="j", cost_name="cost")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if method["kind"] == "twoStep":
            out = model.two_stage_fca(name="fca", max_cost=catchment)
        elif method["kind"] == "enhanced":
            fn = weights.step_fn({float(b): float(wt) for b, wt in method["steps"]})
            out = model.enhanced_two_stage_fca(name="fca", max_cost=catchment, weight_fn=fn)
        else:
            d0 = method["minimumCost"]
            fn = weights.gravity(scale=d0, alpha=-method["beta"], min_dist=d0)
            out = model.two_stage_fca(name="fca", max_cost=catchment, weight_fn=fn)
    series = out["fca_capacity"].reindex(demand_ids)
    values = series.to_numpy(dtype=float)
    assert not np.isinf(values).any(), "PySAL returned an infinite accessibility"
    return np.nan_to_num(values, nan=0.0) * scale


def max_relative_difference(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.maximum(np.abs(a), np.abs(b)), 1e-300), initial=0.0))


def compute_all(demand_ids, populations, supply_ids, capacities, pairs_i, pairs_j, costs, methods):
    """Runs numpy and PySAL for every method (name -> method dict), asserts they agree, and returns
    ({name: numpy result}, {name: max relative difference})."""
    demand_pos = {d: k for k, d in enumerate(demand_ids)}
    supply_pos = {s: k for k, s in enumerate(supply_ids)}
    di = np.array([demand_pos[i] for i in pairs_i], dtype=np.int64)
    sj = np.array([supply_pos[j] for j in pairs_j], dtype=np.int64)
    cost_df = pd.DataFrame({"i": list(pairs_i), "j": list(pairs_j), "cost": np.asarray(costs, dtype=float)})
    results, differences = {}, {}
    for name, method in methods.items():
        mine = fca_numpy(di, sj, costs, populations, capacities, method)
        theirs = fca_pysal(list(demand_ids), populations, list(supply_ids), capacities, cost_df, method)
        diff = max_relative_difference(mine["accessibility"], theirs)
        zero_mismatch = int(((mine["accessibility"] == 0) != (theirs == 0)).sum())
        assert diff <= TOLERANCE and zero_mismatch == 0, f"{name}: PySAL and numpy differ ({diff}, {zero_mismatch})"
        results[name], differences[name] = mine, diff
    return results, differences


def read_instance(costs_path, demand_path, supply_path):
    with open(demand_path) as f:
        demand = [(int(r["i"]), float(r["population"])) for r in csv.DictReader(f)]
    with open(supply_path) as f:
        supply = [(int(r["j"]), float(r["capacity"])) for r in csv.DictReader(f)]
    with open(costs_path) as f:
        pairs = [(int(r["i"]), int(r["j"]), float(r["cost"])) for r in csv.DictReader(f)]
    return demand, supply, pairs


def make_small_instance():
    """A deterministic instance with every edge case: 60 demand points and 12 supply points on a 60 km square,
    Euclidean costs rounded to 0.1 (many fall on 10, 15, 20), pairs up to 22 km (some beyond the catchment),
    populations 0 for a few points, one isolated point, one supply point whose reach holds only empty points,
    one with no pair at all, capacities 1 or 2."""
    rng = np.random.default_rng(20240801)
    n_demand, n_supply = 60, 12
    dxy = rng.uniform(0, 60, size=(n_demand, 2))
    sxy = rng.uniform(0, 60, size=(n_supply, 2))
    populations = rng.integers(50, 5000, size=n_demand).astype(float)
    populations[[3, 17, 41]] = 0
    dxy[59] = [500, 500]                 # isolated: nothing in reach
    sxy[10] = [300, 300]                 # reaches only demand 58, which has no inhabitant
    dxy[58] = [303, 304]
    populations[58] = 0
    sxy[11] = [-400, 0]                  # no pair at all
    capacities = np.where(np.arange(n_supply) % 4 == 1, 2.0, 1.0)
    pairs = []
    for i in range(n_demand):
        for j in range(n_supply):
            d = round(float(np.hypot(*(dxy[i] - sxy[j]))), 1)
            if d <= 22:
                pairs.append((i, j, d))
    # exact bounds
    pairs += [(40, 0, 10.0), (42, 1, 15.0), (43, 2, 20.0)]
    pairs = sorted({(i, j): (i, j, c) for i, j, c in pairs}.values())
    demand = [(i, float(p)) for i, p in enumerate(populations)]
    supply = [(j, float(c)) for j, c in enumerate(capacities)]
    return demand, supply, pairs


def write_instance(demand, supply, pairs, prefix):
    with open(prefix + "_demand.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["i", "population"])
        w.writerows([(i, repr(p)) for i, p in demand])
    with open(prefix + "_supply.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["j", "capacity"])
        w.writerows([(j, repr(c)) for j, c in supply])
    with open(prefix + "_costs.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["i", "j", "cost"])
        w.writerows([(i, j, repr(c)) for i, j, c in pairs])


SMALL_METHODS = {
    "twoStep": {"kind": "twoStep", "catchment": 20.0},
    "enhanced": {"kind": "enhanced", "steps": DEFAULT_STEPS},
    "gravity": {"kind": "gravity", "beta": 1.5, "minimumCost": 2.0, "catchment": 20.0},
}


def run(demand, supply, pairs, out_path, methods=SMALL_METHODS):
    import access
    demand_ids = [i for i, _ in demand]
    supply_ids = [j for j, _ in supply]
    results, differences = compute_all(
        demand_ids, [p for _, p in demand], supply_ids, [c for _, c in supply],
        [p[0] for p in pairs], [p[1] for p in pairs], [p[2] for p in pairs], methods)
    out = {
        "provenance": "oracle/access/fca_oracle.py (numpy %s, PySAL access %s agree within %g)"
                      % (np.__version__, access.__version__ if hasattr(access, "__version__") else "?", TOLERANCE),
        "scale": SCALE,
        "demandIds": demand_ids,
        "supplyIds": supply_ids,
        "methods": {},
    }
    for name, method in methods.items():
        r = results[name]
        out["methods"][name] = {
            "method": method,
            "maxRelativeDifferencePySAL": differences[name],
            "pairsWithinCatchment": r["pairsWithinCatchment"],
            "accessibility": r["accessibility"].tolist(),
            "ratios": r["ratios"].tolist(),
            "weightedDemand": r["weightedDemand"].tolist(),
            "accessibilityByStep": [s.tolist() for s in r["byStep"]],
        }
    with open(out_path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for name in methods:
        print(f"{name}: max relative difference PySAL vs numpy {differences[name]:.3g}")
    print("wrote", out_path)


def main():
    if len(sys.argv) == 5:
        demand, supply, pairs = read_instance(*sys.argv[1:4])
        run(demand, supply, pairs, sys.argv[4])
    elif len(sys.argv) == 1:
        prefix = os.path.join(HERE, "small")
        write_instance(*make_small_instance(), prefix)
        # read back what was written, so the oracle sees exactly the committed CSV values
        demand, supply, pairs = read_instance(prefix + "_costs.csv", prefix + "_demand.csv", prefix + "_supply.csv")
        run(demand, supply, pairs, prefix + "_fca.json")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
