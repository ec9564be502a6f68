#!/usr/bin/env python3
"""Oracle: coverage of Corsica by road measured from a gridded population (road mode).

Test grid, built at run time from shared data (a test builds the same one): for every commune of
../shared/geodata/communes/2A-corse-du-sud.geojson and 2B-haute-corse.geojson (file order), its chef-lieu
(points/chef_lieu_2020.csv, same `code`) is projected to EPSG:3035 (pyproj, always_xy); the 200 m cell
containing it (corner = floor(coordinate / 200) × 200) gets ind = the commune's PMUN 2019
(population/donnees_communes_pop2019.csv); a cell holding several chefs-lieux gets the sum and lcog_geo =
their codes concatenated in commune order. Communes without a chef-lieu or a PMUN row add no cell.

Model (grid_model.py): cells cut by the communes in EPSG:3035, people shared by piece area, scaled to
PMUN 2019, uniform 200 m fallback for communes with PMUN > 0 whose pieces carry nobody (none on the
real data: every chef-lieu cell keeps a piece of its own commune; the fallback is exercised by
handmade_grids.py).

Travel times: the road graph of oracle/roadnetwork/corsica_nearest_lieu.py (its `read_roads`,
`build_graph` and `snapper`: libosmium parser, car rules, nearest node with lowest-id ties), with node
coordinates in Lambert-93 (pyproj EPSG:4326 → EPSG:2154) as Maillage's road mode uses the territory's
metric CRS. Lieux: every row of lieux/france_services_2024.csv whose nearest graph node (whole graph) is
within 10 km; they snap to the whole graph; the graph keeps the nodes from which a kept lieu's node is
reachable; each piece's cell centre (EPSG:3035 → Lambert-93) snaps to a kept node. Time = off-road leg
at 15 km/h + shortest car time + off-road leg of the lieu at 15 km/h, minimised over lieux with one
Dijkstra from a virtual sink on the reversed graph (sink → lieu node costs that lieu's off-road leg).
Thresholds 10, 20, 30 min inclusive; white zone > 20 min; weighted median/p90 without interpolation.

Output: oracle/population/corsica_grid_road.json (deterministic).
Usage:  python3 oracle/population/corsica_grid_road.py   (from the repository root; networkx, shapely>=2,
        pyproj, numpy, pandas; osmium-tool)
"""
import csv
import json
import os
import sys
import time

import networkx as nx
import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "oracle", "roadnetwork"))
import grid_model as gm  # noqa: E402
import corsica_nearest_lieu as road  # noqa: E402

GEODATA = os.environ.get("MAILLAGE_SHARED_GEODATA") or os.path.join(ROOT, "..", "shared", "geodata")
OUT = os.path.join(HERE, "corsica_grid_road.json")
THRESHOLDS_MIN = [10, 20, 30]
MAIN_MIN = 20
NETWORK_REACH_METRES = 10_000.0
OFF_ROAD_KMH = road.OFF_ROAD_KMH
COMMUNE_FILES = ["2A-corse-du-sud.geojson", "2B-haute-corse.geojson"]


def lambert93(lon, lat):
    x, y = gm.WGS84_TO_L93.transform(lon, lat)
    return float(x), float(y)


def chef_lieu_grid(codes, population):
    """The test grid as an INSEE-format table (rows sorted by id) and the codes left without a cell."""
    with open(os.path.join(GEODATA, "points", "chef_lieu_2020.csv"), encoding="utf-8") as f:
        points = {r["code"]: (float(r["longitude"]), float(r["latitude"])) for r in csv.DictReader(f)}
    cells, without = {}, []
    for code in codes:
        if code not in points or code not in population:
            without.append(code)
            continue
        e, n = gm.WGS84_TO_3035.transform(*points[code])
        key = (int(np.floor(n / 200) * 200), int(np.floor(e / 200) * 200))
        codes_in, ind = cells.get(key, ("", 0.0))
        cells[key] = (codes_in + code, ind + population[code])
    rows = sorted(("CRS3035RES200mN%dE%d" % key, codes_in, ind) for key, (codes_in, ind) in cells.items())
    text = "idcar_200m,lcog_geo,ind\n" + "".join("%s,%s,%r\n" % row for row in rows)
    return text, without, sum(1 for _, c, _ in rows if len(c) > 5)


def main():
    t0 = time.perf_counter()
    codes, communes = gm.load_communes([os.path.join(GEODATA, "communes", name) for name in COMMUNE_FILES])
    population = gm.read_population(os.path.join(GEODATA, "population", "donnees_communes_pop2019.csv"))
    grid_text, without_cell, shared_cells = chef_lieu_grid(codes, population)
    grid = gm.read_grid(grid_text)
    pieces, info = gm.build_pieces(grid, codes, communes, population)

    nodes, ways = road.read_roads(os.path.join(GEODATA, "roads", "corse_roads.osm.pbf"))
    g, xy = road.build_graph(nodes, ways, project_point=lambert93)
    frame = pd.read_csv(os.path.join(GEODATA, "lieux", "france_services_2024.csv"), dtype=str, keep_default_na=False)
    frame = frame.sort_values("id_fs", key=lambda s: s.astype(int), kind="stable")
    snap_all = road.snapper(g.nodes, xy)
    lieux = []
    for _, row in frame.iterrows():
        node, dist = snap_all(*lambert93(float(row["longitude"]), float(row["latitude"])))
        if dist <= NETWORK_REACH_METRES:
            lieux.append((row["id_fs"], node, dist))
    keep = set()
    for _, node, _ in lieux:
        keep.add(node)
        keep |= nx.ancestors(g, node)
    reverse = g.subgraph(keep).reverse(copy=True)
    speed = OFF_ROAD_KMH / 3.6
    sink = "sink"
    for _, node, dist in lieux:
        leg = dist / speed
        if not reverse.has_edge(sink, node) or reverse[sink][node]["t"] > leg:
            reverse.add_edge(sink, node, t=leg)
    times = nx.single_source_dijkstra_path_length(reverse, sink, weight="t")

    snap_kept = road.snapper(keep, xy)
    seconds = np.empty(len(pieces))
    cache = {}
    for i, (x, y) in enumerate(zip(pieces["x"].to_numpy(), pieces["y"].to_numpy())):
        if (x, y) not in cache:
            node, dist = snap_kept(x, y)
            cache[(x, y)] = dist / speed + times[node]
        seconds[i] = cache[(x, y)]
    pop = pieces["pop"].to_numpy()
    figures = gm.coverage_summary(seconds, pop, THRESHOLDS_MIN, MAIN_MIN, 60.0)
    elapsed = time.perf_counter() - t0

    result = {
        "provenance": "oracle/population/corsica_grid_road.py (networkx %s; graph of "
                      "oracle/roadnetwork/corsica_nearest_lieu.py in Lambert-93)" % nx.__version__,
        "conventions": {"thresholdsMinutes": THRESHOLDS_MIN, "mainThresholdMinutes": MAIN_MIN,
                        "inclusiveThresholds": True, "whiteZone": "time > main", "offRoadSpeedKmh": OFF_ROAD_KMH,
                        "lieuNetworkReachMetres": NETWORK_REACH_METRES, "graphCRS": "EPSG:2154",
                        "quantiles": "weighted, no interpolation"},
        "testGrid": {"communes": len(codes), "cells": int(len(grid)), "cellsWithSeveralChefsLieux": shared_cells,
                     "communesWithoutCell": without_cell, "gridPopulation": float(grid["ind"].sum())},
        "model": {k: v for k, v in info.items() if k not in ("gridPopulation",)},
        "graph": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "keptNodes": len(keep)},
        "lieux": {"count": len(lieux), "ids": [i for i, _, _ in lieux]},
        "totalPopulation": figures["totalPopulation"],
        "populationWithinMinutes": figures["populationWithin"],
        "shareWithinMinutes": figures["shareWithin"],
        "whiteZonePopulation": figures["whiteZonePopulation"],
        "weightedMedianMinutes": figures["weightedMedian"],
        "weightedP90Minutes": figures["weightedP90"],
        "fallbackPopulation": float(pieces.loc[pieces["fallback"], "pop"].sum()),
        "maxMinutes": float(seconds.max() / 60),
        "thresholdMarginSeconds": round(float(min(np.abs(seconds[pop > 0] - t * 60).min() for t in THRESHOLDS_MIN)), 3),
    }
    with open(OUT, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    print("wrote", OUT, "in %.1f s" % elapsed)
    print(json.dumps({k: result[k] for k in ("testGrid", "model", "graph", "totalPopulation", "populationWithinMinutes",
                                             "whiteZonePopulation", "weightedMedianMinutes", "weightedP90Minutes",
                                             "thresholdMarginSeconds")},
                     indent=1))


if __name__ == "__main__":
    main()
