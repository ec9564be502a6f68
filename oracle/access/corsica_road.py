#!/usr/bin/env python3
"""Oracle for `maillage access` by road on Corsica: E2SFCA (and 2SFCA) of France Services 2024 in minutes.

The road graph, the lieux, the commune points, the snapping rules and the travel times are those of
oracle/roadnetwork/corsica_nearest_lieu.py, whose functions are imported (read_roads, build_graph, snapper and
its constants), except the plane: here every point and road node is projected to Lambert-93 (EPSG:2154, pyproj,
always_xy), the metric CRS in which `maillage access --network` measures road lengths, snapping and off-road legs
(the nearest-lieu oracle uses an equirectangular plane; the ~0.1 % scale difference moves a few times across
the 10/15/20-minute bounds):
- graph: ../shared/geodata/roads/corse_roads.osm.pbf read with osmium, Maillage's car speeds and access rules;
- lieux: France Services 2024 with insee_dep 2A or 2B, snapped to the nearest node of the whole graph; the graph
  then keeps the nodes from which some lieu node is reachable;
- demand points: shapely point_on_surface of each commune of communes/2A-*.geojson and 2B-*.geojson (make_valid
  first when invalid), taken in lon/lat, snapped to the nearest kept node; off-road legs at 15 km/h at both ends.
  Maillage places a commune at the point-on-surface of its projected geometry, a different point: the output
  lists these lon/lat points ("points") and the test gives them to `maillage access --commune-points`;
- time commune -> lieu = off-road leg + networkx Dijkstra time on the reversed graph from the lieu + off-road leg.
Here, in addition:
- lieux at identical coordinates are merged (capacity = their number; their times are identical);
- population: PMUN of population/donnees_communes_pop2019.csv (COM), 0 for a code without a row;
- pairs with time <= 20 minutes; E2SFCA with (0,10] -> 1, (10,15] -> 2/3, (15,20] -> 1/3, and 2SFCA within
  20 minutes, both by PySAL `access` and numpy (fca_oracle.py), which must agree; per 100,000 inhabitants.

Output: oracle/access/corsica_road_fca.json (communes: code -> [E2SFCA, 2SFCA]; points: code -> [lon, lat]).
Usage:  python3 oracle/access/corsica_road.py   (networkx, shapely, numpy, pandas, access; osmium-tool)
"""
import csv
import glob
import json
import math
import os
import sys

import networkx as nx
import numpy as np
from pyproj import Transformer
from shapely.geometry import shape
from shapely.validation import make_valid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "oracle", "roadnetwork"))
import corsica_nearest_lieu as roads  # noqa: E402
import fca_oracle  # noqa: E402

GEODATA = roads.GEODATA
OUT = os.path.join(HERE, "corsica_road_fca.json")
CATCHMENT_MIN = 20.0
TO_L93 = Transformer.from_crs(4326, 2154, always_xy=True)


def l93(lon, lat):
    return TO_L93.transform(lon, lat)


def commune_points():
    """(code, lon, lat) at point_on_surface, sorted by code: the origins of corsica_nearest_lieu.py."""
    communes = []
    for path in sorted(glob.glob(os.path.join(GEODATA, "communes", "2A-*.geojson")) +
                       glob.glob(os.path.join(GEODATA, "communes", "2B-*.geojson"))):
        with open(path, encoding="utf-8") as f:
            for feature in json.load(f)["features"]:
                geom = shape(feature["geometry"])
                if not geom.is_valid:
                    geom = make_valid(geom)
                p = geom.point_on_surface()
                communes.append((feature["properties"]["code"], p.x, p.y))
    return sorted(communes)


def main():
    nodes, ways = roads.read_roads(os.path.join(GEODATA, "roads", "corse_roads.osm.pbf"))
    g, xy = roads.build_graph(nodes, ways, project_point=l93)
    with open(os.path.join(GEODATA, "lieux", "france_services_2024.csv"), encoding="utf-8") as f:
        lieux = [r for r in csv.DictReader(f) if r["insee_dep"] in ("2A", "2B")]
    lieux.sort(key=lambda r: int(r["id_fs"]))
    # Merge lieux at identical coordinates (first one in id order stands for the place).
    places, capacity = [], {}
    for r in lieux:
        key = (float(r["longitude"]), float(r["latitude"]))
        if key not in capacity:
            places.append(key)
        capacity[key] = capacity.get(key, 0) + 1
    capacities = [float(capacity[p]) for p in places]

    snap_all = roads.snapper(g.nodes, xy)
    place_snaps = [snap_all(*l93(lon, lat)) for lon, lat in places]
    keep = set()
    for node, _ in place_snaps:
        keep.add(node)
        keep |= nx.ancestors(g, node)
    kept = g.subgraph(keep).copy()

    communes = commune_points()
    snap_kept = roads.snapper(kept.nodes, xy)
    commune_snaps = [snap_kept(*l93(lon, lat)) for _, lon, lat in communes]
    v = roads.OFF_ROAD_KMH / 3.6
    reverse = kept.reverse(copy=False)
    di, sj, minutes = [], [], []
    for j, (node, dist) in enumerate(place_snaps):
        times = nx.single_source_dijkstra_path_length(reverse, node, weight="t")
        for i, (cnode, cdist) in enumerate(commune_snaps):
            if cnode in times:
                t = (cdist / v + times[cnode] + dist / v) / 60.0
                if t <= CATCHMENT_MIN:
                    di.append(i), sj.append(j), minutes.append(t)
    order = np.lexsort((np.array(sj), np.array(di)))
    di, sj, minutes = np.array(di)[order], np.array(sj)[order], np.array(minutes)[order]

    population = {}
    with open(os.path.join(GEODATA, "population", "donnees_communes_pop2019.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter=";"):
            population[row["COM"]] = population.get(row["COM"], 0.0) + float(row["PMUN"])
    codes = [c for c, _, _ in communes]
    pops = np.array([population.get(c, 0.0) for c in codes])

    methods = {"enhanced": {"kind": "enhanced", "steps": fca_oracle.DEFAULT_STEPS},
               "twoStep": {"kind": "twoStep", "catchment": CATCHMENT_MIN}}
    results, differences = fca_oracle.compute_all(
        list(range(len(codes))), pops, list(range(len(places))), capacities, di, sj, minutes, methods)
    e2, two = results["enhanced"]["accessibility"], results["twoStep"]["accessibility"]
    out = {
        "provenance": "oracle/access/corsica_road.py (graph and times of oracle/roadnetwork/corsica_nearest_lieu.py; "
                      "Lambert-93 plane; PySAL access and numpy agree; networkx %s)" % nx.__version__,
        "scale": fca_oracle.SCALE,
        "catchmentMinutes": CATCHMENT_MIN,
        "steps": fca_oracle.DEFAULT_STEPS,
        "columns": ["enhanced", "twoStep"],
        "summary": {
            "communes": len(codes),
            "population": float(pops.sum()),
            "communesWithoutPopulationRow": [c for c in codes if c not in population],
            "lieux": len(lieux),
            "supplyPointsAfterMerge": len(places),
            "keptNodes": kept.number_of_nodes(),
            "pairsWithinCatchment": int(len(minutes)),
            "maxRelativeDifferencePySALNumpy": differences,
            "closestTimeToBoundMinutes": {str(b): float(np.min(np.abs(minutes - b))) for b in (10.0, 15.0, 20.0)},
            "communesWithZeroEnhanced": int((e2 == 0).sum()),
            "populationWithZeroEnhanced": float(pops[e2 == 0].sum()),
            "populationWeightedMeanEnhanced": float((pops * e2).sum() / pops.sum()),
            "maxEnhanced": float(e2.max()),
            "maxTwoStep": float(two.max()),
        },
        "lieuxRatiosEnhanced": [{"lon": lon, "lat": lat, "capacity": c, "ratio": float(r),
                                 "weightedDemand": float(wd)}
                                for (lon, lat), c, r, wd in zip(places, capacities, results["enhanced"]["ratios"],
                                                                results["enhanced"]["weightedDemand"])],
        "points": {code: [lon, lat] for code, lon, lat in communes},
        "communes": {codes[k]: [float(e2[k]), float(two[k])] for k in range(len(codes))},
    }
    assert all(math.isfinite(x) for x in e2)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=0)
        f.write("\n")
    print(json.dumps(out["summary"], indent=1))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
