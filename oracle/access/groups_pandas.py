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

Second use, the group tables of `maillage analyse` (uniform density, no population model), by a groupby of the
communes.csv it wrote (code, population, nearest_km, share_within_<T>, population_within_<T>):
- population_within (area-weighted) = sum of the communes' population_within_<T>;
- white_zone_population = sum of (population - population_within_<T>) (uniform density: the rest of the commune);
- by point = sum of the population of the communes whose nearest_km <= T;
- région from the département (table below, COG 2024), EPCI and density class joined on the code.
Usage: python3 oracle/access/groups_pandas.py analyse COMMUNES_CSV EPCI_CSV DENSITY_CSV THRESHOLD_KM OUT_JSON
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


REGIONS = {
    "01": ["971"], "02": ["972"], "03": ["973"], "04": ["974"], "06": ["976"],
    "11": ["75", "77", "78", "91", "92", "93", "94", "95"], "24": ["18", "28", "36", "37", "41", "45"],
    "27": ["21", "25", "39", "58", "70", "71", "89", "90"], "28": ["14", "27", "50", "61", "76"],
    "32": ["02", "59", "60", "62", "80"], "44": ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"],
    "52": ["44", "49", "53", "72", "85"], "53": ["22", "29", "35", "56"],
    "75": ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"],
    "76": ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"],
    "84": ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"],
    "93": ["04", "05", "06", "13", "83", "84"], "94": ["2A", "2B"],
}
REGION_OF = {d: r for r, ds in REGIONS.items() for d in ds}


def analyse_groups(communes_csv, epci_csv, density_csv, threshold, out):
    label = ("%g" % threshold) + "km"
    communes = pd.read_csv(communes_csv, dtype={"code": str})
    communes["within"] = communes["population_within_" + label]
    communes["white"] = communes["population"] - communes["within"]
    communes["by_point"] = np.where(communes["nearest_km"] <= threshold, communes["population"], 0.0)
    communes["region"] = communes["code"].map(lambda c: REGION_OF.get(c[:3] if c.startswith("97") else c[:2]))
    epci = pd.read_csv(epci_csv, dtype=str, usecols=["code", "epci_siren"])
    density = pd.read_csv(density_csv, dtype=str, usecols=["code", "dens7"])
    joined = communes.merge(epci, on="code", how="left").merge(density, on="code", how="left")
    result = {}
    for level, column in (("region", "region"), ("epci", "epci_siren"), ("densite", "dens7")):
        grouped = joined.dropna(subset=[column]).groupby(column)
        result[level] = {
            "groups": {str(key): {"communes": int(len(g)), "population": float(g["population"].sum()),
                                  "within": float(g["within"].sum()), "white": float(g["white"].sum()),
                                  "byPoint": float(g["by_point"].sum())} for key, g in grouped},
            "withoutGroup": int(joined[column].isna().sum()),
        }
    with open(out, "w") as f:
        json.dump(result, f, indent=0)


def main():
    if sys.argv[1] == "analyse":
        analyse_groups(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), sys.argv[6])
        return
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
