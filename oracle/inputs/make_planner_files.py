#!/usr/bin/env python3
"""Inputs as planners download them, made at test time from the shared data (nothing derived is committed).

From the WGS84 GeoJSON of the Creuse communes (properties `code`, `nom`):
- creuse_l93.shp (+ .shx .dbf .prj .cpg): Lambert-93 (EPSG:2154) Shapefile with the IGN ADMIN EXPRESS field
  names `INSEE_COM`, `NOM`, encoded in UTF-8 and saying so in the .cpg;
- creuse_l93.gpkg: Lambert-93 GeoPackage with the polygon layer `commune` (same fields) and a second,
  point layer `chef_lieu` (one representative point per commune), so a reader must choose the layer;
- creuse_l93.geojson: Lambert-93 GeoJSON carrying a legacy `crs` member;
- creuse_l93.fgb: Lambert-93 FlatGeobuf.
From the INSEE population table (semicolon CSV, header REG;DEP;COM;PMUN;PCAP;PTOT):
- population.xlsx: one sheet `Communes` whose first 5 rows are title lines (as INSEE workbooks have), then the
  header and every row; codes are text cells, populations integer cells. A second sheet `Notes` follows.

The reprojection to Lambert-93 is done by pyproj/PROJ through geopandas, independently of the reader under test;
reading the files back to WGS84 must give the original vertices (to 1e-7 degrees), codes and accented names.

Usage:  python3 oracle/inputs/make_planner_files.py OUTDIR
        (geopandas, pyogrio, openpyxl; shared data at ../shared/geodata or $MAILLAGE_SHARED_GEODATA)
Prints one line per file written; exit status 2 when a dependency or the shared data is missing.
"""
import csv
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GEODATA = Path(os.environ.get("MAILLAGE_SHARED_GEODATA") or REPO.parent / "shared" / "geodata")
TITLE_LINES = [
    "Populations légales des communes en vigueur au 1er janvier 2022",
    "Date de référence statistique : 1er janvier 2019",
    "Source : Insee, recensement de la population",
    "",
    "Champ : France hors Mayotte",
]


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 1
    try:
        import geopandas as gpd
        import openpyxl
        import pyogrio  # noqa: F401  (the geopandas engine used to write the files)
    except ImportError as missing:
        print(f"missing Python package: {missing.name} (pip install geopandas pyogrio openpyxl)", file=sys.stderr)
        return 2
    communes_path = GEODATA / "communes" / "23-creuse.geojson"
    population_path = GEODATA / "population" / "donnees_communes_pop2019.csv"
    if not communes_path.exists() or not population_path.exists():
        print(f"shared data not found under {GEODATA}", file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)

    communes = gpd.read_file(communes_path, engine="pyogrio")
    admin_express = communes.rename(columns={"code": "INSEE_COM", "nom": "NOM"})[["INSEE_COM", "NOM", "geometry"]]
    lambert93 = admin_express.to_crs(2154)

    write(lambert93, out / "creuse_l93.shp", driver="ESRI Shapefile", encoding="UTF-8")
    write(lambert93, out / "creuse_l93.gpkg", driver="GPKG", layer="commune")
    chef_lieu = lambert93.copy()
    chef_lieu["geometry"] = lambert93.geometry.representative_point()
    write(chef_lieu, out / "creuse_l93.gpkg", driver="GPKG", layer="chef_lieu", append=True)
    write(lambert93, out / "creuse_l93.geojson", driver="GeoJSON", layer_options={"RFC7946": "NO"})
    write(lambert93, out / "creuse_l93.fgb", driver="FlatGeobuf")

    with open(population_path, encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle, delimiter=";"))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Communes"
    for title in TITLE_LINES:
        sheet.append([title] if title else [])
    sheet.append(table[0])
    numeric = {index for index, name in enumerate(table[0]) if name in {"PMUN", "PCAP", "PTOT"}}
    for row in table[1:]:
        sheet.append([int(value) if index in numeric else value for index, value in enumerate(row)])
    notes = workbook.create_sheet("Notes")
    notes.append(["PMUN : population municipale"])
    workbook.save(out / "population.xlsx")
    print(out / "population.xlsx")
    return 0


def write(frame, path, driver, layer=None, append=False, encoding=None, layer_options=None):
    options = {"layer_options": layer_options} if layer_options else {}
    frame.to_file(path, driver=driver, layer=layer, mode="a" if append else "w", encoding=encoding,
                  engine="pyogrio", **options)
    print(path if layer is None else f"{path} ({layer})")


if __name__ == "__main__":
    sys.exit(main())
