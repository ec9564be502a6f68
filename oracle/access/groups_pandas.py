#!/usr/bin/env python3
"""Expected group tables of `maillage access`, by a pandas groupby of the per-commune values it wrote.

Reads access_communes.csv (code, population, access_index) and joins, here, the commune -> EPCI table
(code, epci_siren, epci_nom) and the commune -> density class table (code, dens7, libdens7) by commune code;
the département is the first two characters of the code (three for 97x). Communes absent from a table are left
out of that level's groups (and counted). Per group, population-weighted:
- mean = sum(P x) / sum(P);
- median, p10, p90: the smallest value whose cumulative population reaches q x the group's population, no
  interpolation, communes of population 0 ignored;
- gini = sum_i sum_k P_i P_k |x_i - x_k| / (2 P^2 mean), by its O(n^2) definition;
- zeroShare = population with index exactly 0 / population.

Usage: python3 oracle/access/groups_pandas.py ACCESS_COMMUNES_CSV EPCI_CSV DENSITY_CSV OUT_JSON   (pandas, numpy)
"""
import json
import sys

import numpy as np
import pandas as pd


def weighted_quantile(q, values, weights):
    keep = weights > 0
    values, weights = values[keep], weights[keep]
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    k = int(np.searchsorted(cumulative, q * cumulative[-1] * (1 - 1e-12), side="left"))
    return float(values[order][min(k, len(order) - 1)])


def statistics(group):
    x = group["access_index"].to_numpy(dtype=float)
    p = group["population"].to_numpy(dtype=float)
    total = float(p.sum())
    row = {"units": int(len(x)), "population": total}
    if total > 0:
        mean = float((p * x).sum() / total)
        row.update({
            "mean": mean,
            "median": weighted_quantile(0.5, x, p),
            "p10": weighted_quantile(0.1, x, p),
            "p90": weighted_quantile(0.9, x, p),
            "gini": float((p[:, None] * p[None, :] * np.abs(x[:, None] - x[None, :])).sum() / (2 * total * total * mean))
            if mean > 0 else None,
            "zeroShare": float(p[x == 0].sum() / total),
        })
    return row


def main():
    communes_csv, epci_csv, density_csv, out = sys.argv[1:5]
    communes = pd.read_csv(communes_csv, dtype={"code": str}, usecols=["code", "population", "access_index"])
    epci = pd.read_csv(epci_csv, dtype=str, usecols=["code", "epci_siren"])
    density = pd.read_csv(density_csv, dtype=str, usecols=["code", "dens7"])
    communes["departement"] = communes["code"].map(lambda c: c[:3] if c.startswith("97") else c[:2])
    joined = communes.merge(epci, on="code", how="left").merge(density, on="code", how="left")
    result = {}
    for level, column in (("departement", "departement"), ("epci", "epci_siren"), ("densite", "dens7")):
        grouped = joined.dropna(subset=[column]).groupby(column)
        result[level] = {
            "groups": {str(key): statistics(group) for key, group in grouped},
            "withoutGroup": int(joined[column].isna().sum()),
        }
    with open(out, "w") as f:
        json.dump(result, f, indent=0)


if __name__ == "__main__":
    main()
