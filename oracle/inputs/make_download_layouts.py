#!/usr/bin/env python3
"""Lieux and population tables in the layouts planners download, made at test time from the shared data
(nothing derived is committed), with the oracle values the tests compare to.

- france_services_bpe.csv: France Services 2024 in the INSEE BPE layout: Windows-1252 (Latin-1), `;`-separated,
  decimal commas, Lambert-93 coordinates in `LAMBERT_X`/`LAMBERT_Y` (EPSG:2154, projected by pyproj), no
  longitude/latitude columns.
- population_insee.csv: the population 2019 table as INSEE tables look: Windows-1252, title lines above the
  header, `;`, populations with a no-break space (U+00A0) between thousands ("1 394").
- france_services_partial.csv: France Services 2024 (UTF-8) where the lieux of Creuse listed in
  located_points.json have empty latitude/longitude (their INSEE code kept), and one added row has neither
  coordinates nor code.
- located_points.json: for those lieux, {id: {"code": INSEE code, "lon": …, "lat": …}}: the representative
  point of their commune as shapely computes it (GEOS point-on-surface of the commune projected to
  Lambert-93, back to WGS84 by pyproj), and "skipped_id" for the row with neither.

Usage:  python3 oracle/inputs/make_download_layouts.py OUTDIR
        (pyproj, shapely, numpy; shared data at ../shared/geodata or $MAILLAGE_SHARED_GEODATA)
Exit status 2 when a dependency or the shared data is missing.
"""
import csv
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GEODATA = Path(os.environ.get("MAILLAGE_SHARED_GEODATA") or REPO.parent / "shared" / "geodata")
BLANKED = 6   # Creuse lieux whose coordinates are removed
TITLES = ["Recensement de la population", "Populations légales des communes en vigueur au 1er janvier 2022",
          "Date de référence statistique : 1er janvier 2019", "Source : Insee", ""]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 1
    try:
        import numpy
        import pyproj
        import shapely
        from shapely.geometry import shape
    except ImportError as missing:
        print(f"missing Python package: {missing.name} (pip install pyproj shapely)", file=sys.stderr)
        return 2
    lieux_path = GEODATA / "lieux" / "france_services_2024.csv"
    population_path = GEODATA / "population" / "donnees_communes_pop2019.csv"
    communes_path = GEODATA / "communes" / "23-creuse.geojson"
    if not all(p.exists() for p in (lieux_path, population_path, communes_path)):
        print(f"shared data not found under {GEODATA}", file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)

    with open(lieux_path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)

    # BPE layout.
    to_l93 = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)
    bpe_header = [name for name in header if name not in ("latitude", "longitude")] + ["LAMBERT_X", "LAMBERT_Y"]
    with open(out / "france_services_bpe.csv", "w", encoding="cp1252", errors="replace", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(bpe_header)
        for row in rows:
            x, y = to_l93.transform(float(row["longitude"]), float(row["latitude"]))
            values = [row[name] for name in bpe_header[:-2]]
            writer.writerow(values + [f"{x:.6f}".replace(".", ","), f"{y:.6f}".replace(".", ",")])
    print(out / "france_services_bpe.csv")

    # INSEE-style population table.
    with open(population_path, encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    numeric = {index for index, name in enumerate(table[0]) if name in ("PMUN", "PCAP", "PTOT")}
    with open(out / "population_insee.csv", "w", encoding="cp1252", newline="") as handle:
        for title in TITLES:
            handle.write(title + "\r\n")
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(table[0])
        for row in table[1:]:
            writer.writerow([f"{int(value):,}".replace(",", "\u00a0") if index in numeric else value
                             for index, value in enumerate(row)])
    print(out / "population_insee.csv")

    # Lieux without coordinates, and their expected points.
    with open(communes_path, encoding="utf-8") as handle:
        communes = {f["properties"]["code"]: shape(f["geometry"]) for f in json.load(handle)["features"]}
    to_wgs84 = pyproj.Transformer.from_crs(2154, 4326, always_xy=True)
    located = {}
    for row in rows:
        if len(located) == BLANKED:
            break
        commune = communes.get(row["insee_com"])
        if commune is None:
            continue
        projected = shapely.transform(commune, lambda xy: numpy.column_stack(to_l93.transform(xy[:, 0], xy[:, 1])))
        if not projected.is_valid:
            continue
        point = projected.representative_point()
        lon, lat = to_wgs84.transform(point.x, point.y)
        located[row["id_fs"]] = {"code": row["insee_com"], "lon": lon, "lat": lat}
        row["latitude"] = row["longitude"] = ""
    skipped = {name: "" for name in header}
    skipped.update({"id_fs": "sans-position", "lib_fs": "Lieu sans adresse"})
    with open(out / "france_services_partial.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, quoting=csv.QUOTE_NONNUMERIC)
        writer.writeheader()
        writer.writerows(rows + [skipped])
    with open(out / "located_points.json", "w", encoding="utf-8") as handle:
        json.dump({"located": located, "skipped_id": "sans-position"}, handle, indent=1)
    print(out / "france_services_partial.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
