#!/usr/bin/env python3
"""Hand-encodes the tiny road fixtures of the RoadNetwork tests: an OSM PBF file written
byte by byte (protobuf varints, BlobHeader/Blob/HeaderBlock/PrimitiveBlock, zlib and raw blobs,
dense AND plain nodes, ways, one relation) and the same ways as a GeoJSON road layer.

The ways cover the car rules: two-way, oneway=yes, oneway=-1, junction=roundabout, access=no,
access=no + motor_vehicle=yes, motor_vehicle=no, maxspeed in mph, maxspeed "50;70",
maxspeed FR:urban, a footway, a building and oneway=reversible.

Outputs (Tests/RoadNetworkTests/Fixtures/): tiny_roads.osm.pbf, tiny_roads.geojson.
Check the PBF independently with: osmium fileinfo -e Tests/RoadNetworkTests/Fixtures/tiny_roads.osm.pbf
Usage: python3 oracle/roadnetwork/make_tiny_fixtures.py
"""
import json
import os
import struct
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "RoadNetworkTests", "Fixtures")

# id: (lon, lat)
NODES = {
    1: (7.000, 44.000), 2: (7.001, 44.000), 3: (7.002, 44.000), 4: (7.003, 44.000), 5: (7.004, 44.000),
    6: (7.001, 44.001), 7: (7.001, 43.999), 8: (7.004, 44.001), 9: (7.000, 44.001), 10: (7.000, 44.002),
    11: (7.000, 44.003), 12: (7.000, 44.004),
    20: (7.002, 43.999), 21: (7.0025, 43.9985), 22: (7.0015, 43.9985),
    30: (7.010, 44.010),
    40: (7.005, 44.005), 41: (7.006, 44.005), 42: (7.006, 44.006),
}
NODE_TAGS = {30: {"amenity": "townhall", "name": "Mairie"}}

# (way id, node refs, tags)
WAYS = [
    (101, [1, 2, 3], {"highway": "primary", "name": "Route A-B-C"}),
    (102, [3, 4], {"highway": "residential", "oneway": "yes"}),
    (103, [4, 5], {"highway": "residential", "oneway": "-1"}),
    (104, [20, 21, 22, 20], {"highway": "tertiary", "junction": "roundabout"}),
    (105, [2, 6], {"highway": "secondary", "access": "no"}),
    (106, [2, 7], {"highway": "secondary", "access": "no", "motor_vehicle": "yes"}),
    (107, [5, 8], {"highway": "tertiary", "motor_vehicle": "no"}),
    (108, [1, 9], {"highway": "secondary", "maxspeed": "30 mph"}),
    (109, [9, 10], {"highway": "unclassified", "maxspeed": "50;70"}),
    (110, [10, 11], {"highway": "footway"}),
    (111, [40, 41, 42, 40], {"building": "yes"}),
    (112, [11, 12], {"highway": "service", "oneway": "reversible"}),
    (113, [3, 20], {"highway": "tertiary", "maxspeed": "FR:urban"}),
]
RELATIONS = [(201, [("w", 101, "outer"), ("n", 30, "admin_centre")], {"type": "route", "route": "road"})]

GRANULARITY = 100  # nanodegrees: coordinates in units of 1e-7 degree


# --- protobuf encoding -------------------------------------------------------------------------
def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(v):
    return (v << 1) ^ (v >> 63) if v >= 0 else ((-v) << 1) - 1


def key(field, wire):
    return varint(field << 3 | wire)


def f_varint(field, v):
    return key(field, 0) + varint(v)


def f_sint(field, v):
    return key(field, 0) + varint(zigzag(v))


def f_bytes(field, b):
    return key(field, 2) + varint(len(b)) + b


def packed(field, values, signed=False):
    return f_bytes(field, b"".join(varint(zigzag(v) if signed else v) for v in values))


def deltas(values):
    prev, out = 0, []
    for v in values:
        out.append(v - prev)
        prev = v
    return out


class StringTable:
    def __init__(self):
        self.strings = [""]

    def index(self, s):
        if s not in self.strings:
            self.strings.append(s)
        return self.strings.index(s)

    def encode(self):
        return b"".join(f_bytes(1, s.encode()) for s in self.strings)


def coord(deg):
    return round(deg * 1e9 / GRANULARITY)


def primitive_block(groups_fn):
    st = StringTable()
    groups = groups_fn(st)  # must run before encoding the table
    body = f_bytes(1, st.encode())
    for g in groups:
        body += f_bytes(2, g)
    body += f_varint(17, GRANULARITY)
    return body


def dense_group(ids):
    def make(st):
        kv = []
        for i in ids:
            for k, v in NODE_TAGS.get(i, {}).items():
                kv += [st.index(k), st.index(v)]
            kv.append(0)
        dense = packed(1, deltas(ids), signed=True)
        dense += packed(8, deltas([coord(NODES[i][1]) for i in ids]), signed=True)
        dense += packed(9, deltas([coord(NODES[i][0]) for i in ids]), signed=True)
        dense += packed(10, kv)
        return [f_bytes(2, dense)]
    return make


def plain_node_group(ids):
    def make(st):
        body = b""
        for i in ids:
            tags = NODE_TAGS.get(i, {})
            node = f_sint(1, i)
            if tags:
                node += packed(2, [st.index(k) for k in tags]) + packed(3, [st.index(v) for v in tags.values()])
            node += f_sint(8, coord(NODES[i][1])) + f_sint(9, coord(NODES[i][0]))
            body += f_bytes(1, node)
        return [body]
    return make


def way_group(ways):
    def make(st):
        body = b""
        for wid, refs, tags in ways:
            w = f_varint(1, wid)
            w += packed(2, [st.index(k) for k in tags]) + packed(3, [st.index(v) for v in tags.values()])
            w += packed(8, deltas(refs), signed=True)
            body += f_bytes(3, w)
        return [body]
    return make


def relation_group(relations):
    def make(st):
        body = b""
        types = {"n": 0, "w": 1, "r": 2}
        for rid, members, tags in relations:
            r = f_varint(1, rid)
            r += packed(2, [st.index(k) for k in tags]) + packed(3, [st.index(v) for v in tags.values()])
            r += packed(8, [st.index(role) for _, _, role in members])
            r += packed(9, deltas([m for _, m, _ in members]), signed=True)
            r += packed(10, [types[t] for t, _, _ in members])
            body += f_bytes(4, r)
        return [body]
    return make


def blob(block_type, payload, compress=True):
    if compress:
        data = f_varint(2, len(payload)) + f_bytes(3, zlib.compress(payload, 9))
    else:
        data = f_bytes(1, payload)
    header = f_bytes(1, block_type.encode()) + f_varint(3, len(data))
    return struct.pack(">I", len(header)) + header + data


def header_block():
    bbox = f_sint(1, coord(7.0) * GRANULARITY) + f_sint(2, coord(7.01) * GRANULARITY)
    bbox += f_sint(3, coord(44.01) * GRANULARITY) + f_sint(4, coord(43.99) * GRANULARITY)
    h = f_bytes(1, bbox)
    h += f_bytes(4, b"OsmSchema-V0.6") + f_bytes(4, b"DenseNodes") + f_bytes(5, b"Sort.Type_then_ID")
    h += f_bytes(16, b"maillage make_tiny_fixtures.py")
    return h


def write_pbf(path):
    ids = sorted(NODES)
    dense_ids, plain_ids = ids[:10], ids[10:]
    out = blob("OSMHeader", header_block())
    out += blob("OSMData", primitive_block(dense_group(dense_ids)))                    # zlib, dense
    out += blob("OSMData", primitive_block(plain_node_group(plain_ids)), compress=False)  # raw, plain
    out += blob("OSMData", primitive_block(way_group(WAYS)))
    out += blob("OSMData", primitive_block(relation_group(RELATIONS)))
    with open(path, "wb") as f:
        f.write(out)


def write_geojson(path):
    features = []
    for wid, refs, tags in WAYS:
        features.append({"type": "Feature", "properties": dict(tags, osm_way_id=wid),
                         "geometry": {"type": "LineString", "coordinates": [list(NODES[r]) for r in refs]}})
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, indent=None)
        f.write("\n")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write_pbf(os.path.join(OUT, "tiny_roads.osm.pbf"))
    write_geojson(os.path.join(OUT, "tiny_roads.geojson"))
    print("wrote tiny_roads.osm.pbf and tiny_roads.geojson in", OUT)
