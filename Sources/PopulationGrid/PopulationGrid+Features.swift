import GeoCore
import GeoIO

extension PopulationGrid {
    /// Population units from a GeoJSON layer read by GeoIO: all polygons (Polygon / MultiPolygon,
    /// shared among communes by area) or all points (Point, each going to the commune containing it).
    /// Features without geometry are skipped; every other feature needs `populationProperty`, a finite
    /// number ≥ 0 (or a string holding one).
    public static func read(features collection: FeatureCollection, populationProperty: String,
                            source: String = "features") throws(PopulationGridError) -> PopulationGrid {
        var polygons: [Shape] = [], points: [XY] = [], populations: [Double] = []
        for (index, feature) in collection.features.enumerated() {
            guard let geometry = feature.geometry else { continue }
            guard let value = feature.properties[populationProperty] else {
                throw .missingProperty(source: source, featureIndex: index, property: populationProperty)
            }
            guard let population = value.doubleValue, population.isFinite, population >= 0 else {
                throw .invalidFeaturePopulation(source: source, featureIndex: index, value: value.stringValue ?? "\(value)")
            }
            guard population <= Self.largestUnitPopulation else {
                throw .implausibleFeaturePopulation(source: source, featureIndex: index, value: value.stringValue ?? "\(value)",
                                                    limit: Self.largestUnitPopulation)
            }
            switch geometry {
            case .polygon, .multiPolygon:
                guard points.isEmpty else { throw .mixedGeometry(source: source, featureIndex: index) }
                polygons.append(geometry)
            case .point(let point):
                guard polygons.isEmpty else { throw .mixedGeometry(source: source, featureIndex: index) }
                points.append(point)
            default:
                throw .unsupportedGeometry(source: source, featureIndex: index, type: geometry.typeName)
            }
            populations.append(population)
        }
        return PopulationGrid(source: source, units: points.isEmpty ? .polygons(polygons) : .points(points),
                              populations: populations)
    }
}
