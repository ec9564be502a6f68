import GeoCore

func square(_ x0: Double, _ y0: Double, _ size: Double) -> [XY] {
    [XY(x0, y0), XY(x0 + size, y0), XY(x0 + size, y0 + size), XY(x0, y0 + size), XY(x0, y0)]
}
