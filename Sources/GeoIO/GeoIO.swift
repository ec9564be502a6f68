// GeoIO: the file formats of Maillage, with no GEOS and no PROJ.
//
// - `GeoJSONReader` reads GeoJSON (FeatureCollection, Feature or bare geometry) into `FeatureCollection`,
//   `Feature`, `Shape` (plain `XY` coordinates, from GeoCore) and `JSONValue` / `JSONObject` properties
//   (key order kept), with a hand-written byte-level parser (about 400 MB/s in release).
// - `GeoJSONWriter` writes canonical RFC 7946 GeoJSON: fixed member order, one feature per line,
//   coordinates rounded to 6 decimals, exterior rings counter-clockwise and holes clockwise.
// - `CSVTable` reads RFC 4180 CSV (delimiter detection, UTF-8 or Latin-1); `CSVWriter` writes it.
// - `AtomicFile` writes a file completely or not at all.
// Every failure is a `GeoIOError` whose `description` is one sentence for the user.
// The library never prints and never exits.
