#!/usr/bin/env python3
"""Oracle for the Siting module: seeded small covering instances solved exactly.

Writes Tests/SitingTests/Fixtures/siting_instances.json with, per instance:
  weights, coveredByExisting (indices), coverage (per candidate, sorted demand indices), p,
  optimalAddedWeightByCount[k] for k = 0..p (MCLP optimum: weight newly covered by k new sites),
  targetShare and minimumSitesForTarget (LSCP-style optimum), uncoverable (indices),
  costs (integer per candidate), budget and optimalAddedWeightForBudget (budgeted MCLP optimum).
Tiny instances (8 candidates) are brute-forced over every subset AND solved by CBC; the two must agree.
Medium instances (60-200 candidates, 300-1000 demand units) are solved by CBC through PuLP.
Points are clustered on a square so coverage lists overlap; a site covers a demand unit when their
Euclidean distance is at most the radius (d <= d0), as in Maillage.

Run: python3 oracle/siting/make_instances.py   (deterministic: fixed seeds, CBC is exact)
     python3 oracle/siting/make_instances.py --large siting-large.json   (opt-in larger check, ~15 s)
"""
import itertools
import json
import math
import os
import random
import sys

import pulp

RADIUS_KM = 10.0


def clustered_points(rng, count, side_km, clusters, spread_km, uniform_share):
    centres = [(rng.uniform(0, side_km), rng.uniform(0, side_km)) for _ in range(clusters)]
    points = []
    for _ in range(count):
        if rng.random() < uniform_share:
            points.append((rng.uniform(0, side_km), rng.uniform(0, side_km)))
        else:
            cx, cy = rng.choice(centres)
            points.append((min(side_km, max(0.0, rng.gauss(cx, spread_km))),
                           min(side_km, max(0.0, rng.gauss(cy, spread_km)))))
    return points


def make_instance(name, seed, candidates, demand_units, side_km, clusters, spread_km, existing_lieux, p,
                  target_fraction):
    rng = random.Random(seed)
    demand = clustered_points(rng, demand_units, side_km, clusters, spread_km, 0.25)
    weights = [int(min(50000, max(20, rng.lognormvariate(6.5, 1.2)))) for _ in demand]
    # Candidates near demand points (like commune representative points), plus a little jitter.
    sites = [(x + rng.uniform(-2, 2), y + rng.uniform(-2, 2)) for x, y in rng.sample(demand, candidates)]
    existing = [rng.choice(demand) for _ in range(existing_lieux)]

    def within(a, b):
        return math.hypot(a[0] - b[0], a[1] - b[1]) <= RADIUS_KM

    covered_by_existing = [i for i, d in enumerate(demand) if any(within(e, d) for e in existing)]
    coverage = [[i for i, d in enumerate(demand) if within(s, d)] for s in sites]
    existing_set = set(covered_by_existing)
    coverable = set(i for lst in coverage for i in lst)
    uncoverable = [i for i in range(len(demand)) if weights[i] > 0 and i not in existing_set and i not in coverable]

    total = float(sum(weights))
    existing_weight = float(sum(weights[i] for i in covered_by_existing))
    reachable_share = (existing_weight + sum(weights[i] for i in coverable - existing_set)) / total
    existing_share = existing_weight / total
    # A target between existing and maximum reachable share, rounded so the JSON value is exact.
    target_share = round(existing_share + target_fraction * (reachable_share - existing_share), 4)
    # Costs from a separate generator so that adding them left the other values unchanged.
    cost_rng = random.Random(seed + 7919)
    costs = [cost_rng.randint(1, 5) for _ in sites]
    budget = int(round(2.5 * p))
    return dict(name=name, seed=seed, weights=weights, coveredByExisting=covered_by_existing,
                coverage=coverage, p=p, targetShare=target_share, uncoverable=uncoverable,
                costs=costs, budget=budget)


def added_weight(instance, chosen):
    existing = set(instance["coveredByExisting"])
    covered = set()
    for j in chosen:
        covered.update(instance["coverage"][j])
    return float(sum(instance["weights"][i] for i in covered - existing))


def needed_weight(instance):
    total = float(sum(instance["weights"]))
    existing = float(sum(instance["weights"][i] for i in instance["coveredByExisting"]))
    return instance["targetShare"] * total - existing, 1e-9 * total


def brute_force(instance):
    n = len(instance["coverage"])
    by_count = [max(added_weight(instance, c) for c in itertools.combinations(range(n), k))
                for k in range(instance["p"] + 1)]
    need, tol = needed_weight(instance)
    minimum = next(k for k in range(n + 1)
                   if any(added_weight(instance, c) >= need - tol for c in itertools.combinations(range(n), k)))
    budgeted = max(added_weight(instance, c) for k in range(n + 1) for c in itertools.combinations(range(n), k)
                   if sum(instance["costs"][j] for j in c) <= instance["budget"])
    return by_count, minimum, budgeted


def cbc_model(instance, sense):
    n = len(instance["coverage"])
    existing = set(instance["coveredByExisting"])
    covering = {}
    for j, lst in enumerate(instance["coverage"]):
        for i in lst:
            if i not in existing and instance["weights"][i] > 0:
                covering.setdefault(i, []).append(j)
    model = pulp.LpProblem("siting", sense)
    x = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(n)]
    # y_i continuous in [0, 1] is exact: y_i <= sum of binaries, which is 0 or >= 1.
    y = {i: pulp.LpVariable(f"y{i}", lowBound=0, upBound=1) for i in covering}
    for i, js in covering.items():
        model += y[i] <= pulp.lpSum(x[j] for j in js)
    coverage_expr = pulp.lpSum(instance["weights"][i] * y[i] for i in covering)
    return model, x, coverage_expr


def solve(model):
    status = model.solve(pulp.PULP_CBC_CMD(msg=False, gapRel=0, gapAbs=0))
    assert pulp.LpStatus[status] == "Optimal", pulp.LpStatus[status]


def cbc_mclp(instance, count):
    model, x, coverage_expr = cbc_model(instance, pulp.LpMaximize)
    model += coverage_expr
    model += pulp.lpSum(x) <= count
    solve(model)
    return float(round(pulp.value(coverage_expr) or 0.0))


def cbc_budgeted(instance):
    model, x, coverage_expr = cbc_model(instance, pulp.LpMaximize)
    model += coverage_expr
    model += pulp.lpSum(instance["costs"][j] * x[j] for j in range(len(x))) <= instance["budget"]
    solve(model)
    return float(round(pulp.value(coverage_expr) or 0.0))


def cbc_min_sites(instance):
    model, x, coverage_expr = cbc_model(instance, pulp.LpMinimize)
    need, tol = needed_weight(instance)
    model += pulp.lpSum(x)
    model += coverage_expr >= need - tol
    solve(model)
    return int(round(sum(v.value() for v in x)))


def write_large(path):
    """Larger MCLP instances (CBC only, not committed): for the opt-in Swift test
    SITING_LARGE_ORACLE=<path> swift test --filter LargeOracle."""
    instances = []
    for name, seed, n, m, p in [("large-1", 301, 1000, 5000, 20), ("large-2", 302, 2000, 8000, 40)]:
        instance = make_instance(name, seed, n, m, 300.0, 30, 10.0, 10, p, 0.8)
        optimum = cbc_mclp(instance, p)
        instance.update(optimalAddedWeightByCount=[None] * p + [optimum], minimumSitesForTarget=None,
                        optimalAddedWeightForBudget=None)
        instances.append(instance)
        print(f'{name}: {n} candidates, {m} demand, p={p}, OPT={optimum:.0f}')
    with open(path, "w") as f:
        json.dump(dict(generator="oracle/siting/make_instances.py --large", solver="CBC", radiusKm=RADIUS_KM,
                       instances=instances), f, separators=(",", ":"))
    print("wrote", path)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--large":
        write_large(sys.argv[2])
        return
    specs = []
    # name, seed, candidates, demand units, side km, clusters, spread km, existing lieux, p, target fraction
    for t in range(5):
        specs.append((f"tiny-{t + 1}", 100 + t, 8, 30 + 5 * t, 40.0, 3, 6.0, 1, [2, 3, 3, 4, 2][t], 0.9))
    medium = [(60, 300, 3), (100, 500, 5), (140, 700, 6), (180, 900, 8), (200, 1000, 10)]
    for t, (n, m, p) in enumerate(medium):
        specs.append((f"medium-{t + 1}", 200 + t, n, m, 120.0, 6, 10.0, 3, p, 0.8))

    instances = []
    for spec in specs:
        instance = make_instance(*spec)
        by_count = [cbc_mclp(instance, k) for k in range(instance["p"] + 1)]
        minimum = cbc_min_sites(instance)
        budgeted = cbc_budgeted(instance)
        if instance["name"].startswith("tiny"):
            brute_by_count, brute_minimum, brute_budgeted = brute_force(instance)
            assert brute_by_count == by_count, (instance["name"], brute_by_count, by_count)
            assert brute_minimum == minimum, (instance["name"], brute_minimum, minimum)
            assert brute_budgeted == budgeted, (instance["name"], brute_budgeted, budgeted)
        instance["optimalAddedWeightForBudget"] = budgeted
        instance["optimalAddedWeightByCount"] = by_count
        instance["minimumSitesForTarget"] = minimum
        instances.append(instance)
        print(f'{instance["name"]}: {len(instance["coverage"])} candidates, {len(instance["weights"])} demand, '
              f'p={instance["p"]}, OPT={by_count[-1]:.0f}, target={instance["targetShare"]} '
              f'min sites={minimum}, uncoverable={len(instance["uncoverable"])}, '
              f'budget={instance["budget"]} OPT={budgeted:.0f}')

    out = dict(generator="oracle/siting/make_instances.py",
               solver=f"PuLP {pulp.__version__} with CBC (gapRel=0); tiny instances also brute-forced",
               radiusKm=RADIUS_KM, instances=instances)
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "Tests", "SitingTests", "Fixtures", "siting_instances.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
