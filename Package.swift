// swift-tools-version: 6.2
// Maillage: territorial coverage of "lieux" in France, over GEOS and PROJ.
import PackageDescription

/// Every Swift target builds in Swift 6 language mode with warnings treated as errors.
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "Maillage",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "maillage", targets: ["maillage"]),
        .executable(name: "maillage-bench", targets: ["MaillageBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System C libraries (Debian: libgeos-dev, libproj-dev, zlib1g-dev, libgdal-dev).
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),

        // Pure-Swift values and arithmetic at the bottom of the graph: points, envelopes, shapes,
        // ring arithmetic and clipping, packed R-tree, Hilbert order, heap, coverage dissolve.
        .target(name: "GeoCore", swiftSettings: strict),
        // Geometry layer: the only importer of CGEOS.
        .target(name: "GeosGeometry", dependencies: ["CGEOS", "GeoCore"], swiftSettings: strict),
        // Projection layer: the only importer of CPROJ.
        .target(name: "Projection", dependencies: ["CPROJ", "GeoCore"], swiftSettings: strict),
        // File formats: GeoJSON (read + RFC 7946 write), CSV, atomic output files.
        .target(name: "GeoIO", dependencies: ["GeoCore"], swiftSettings: strict),
        // Vector layers (Shapefile, GeoPackage, FlatGeobuf…) and spreadsheets through GDAL/OGR: the only importer of CGDAL.
        .target(name: "VectorSource", dependencies: ["CGDAL", "GeoCore", "GeoIO"], swiftSettings: strict),
        // Gridded population (INSEE "données carroyées"): reading grids and sharing their people among communes.
        .target(name: "PopulationGrid", dependencies: ["GeoCore", "GeoIO", "Projection", "GeosGeometry"], swiftSettings: strict),
        // Road network: OSM PBF reader, routable graph, shortest paths.
        .target(name: "RoadNetwork", dependencies: ["CZlib", "GeoCore"], swiftSettings: strict),
        // Coverage optimisation (MCLP / LSCP) on sparse coverage lists; no geometry.
        .target(name: "Siting", dependencies: ["GeoCore"], swiftSettings: strict),
        // Floating-catchment accessibility (2SFCA, E2SFCA, gravity) and population-weighted group statistics; numbers only.
        .target(name: "Accessibility", swiftSettings: strict),
        // Proximity, catchments, coverage and white zones: pure cores + geometry adapters.
        .target(name: "CoverageAnalysis",
                dependencies: ["GeoCore", "GeosGeometry", "Projection", "GeoIO", "VectorSource", "RoadNetwork", "Siting", "PopulationGrid", "Accessibility"], swiftSettings: strict),
        // Commands, options, progress and output files.
        .target(name: "MaillageApp",
                dependencies: ["CoverageAnalysis", "Siting", "GeoIO", "GeoCore", "Accessibility",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: strict),
        .executableTarget(name: "maillage", dependencies: ["MaillageApp"], swiftSettings: strict),
        // Release benchmarks, `maillage-bench geometry|geoio|roads|siting|access` (run by scripts/bench-*.sh); not tests.
        .executableTarget(name: "MaillageBench",
                          dependencies: ["GeoCore", "GeosGeometry", "Projection", "GeoIO", "RoadNetwork", "Siting", "Accessibility",
                                         "CoverageAnalysis", "TestSupport"],
                          swiftSettings: strict),

        // Fuzzers, one per parser, over the probes of FuzzSupport (Sources/Fuzz/README.md, scripts/fuzz.sh). A plain
        // build makes them replayers of saved inputs; `-sanitize=fuzzer,address -DFUZZING` makes them libFuzzer fuzzers.
        .target(name: "FuzzSupport", dependencies: ["GeoIO", "RoadNetwork", "PopulationGrid"], path: "Sources/Fuzz/FuzzSupport",
                swiftSettings: strict),
        .executableTarget(name: "FuzzGeoJSON", dependencies: ["FuzzSupport"], path: "Sources/Fuzz/FuzzGeoJSON", swiftSettings: strict),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport"], path: "Sources/Fuzz/FuzzCSV", swiftSettings: strict),
        .executableTarget(name: "FuzzPBF", dependencies: ["FuzzSupport"], path: "Sources/Fuzz/FuzzPBF", swiftSettings: strict),
        .executableTarget(name: "FuzzPopulationGrid", dependencies: ["FuzzSupport"], path: "Sources/Fuzz/FuzzPopulationGrid",
                          swiftSettings: strict),

        // Shared by the test targets (and the benchmarks): seeded generator, synthetic road graphs, data and
        // fixture locators, temporary folders, GEOS leak check, golden-file snapshots.
        .target(name: "TestSupport", dependencies: ["GeoCore", "GeosGeometry", "RoadNetwork"], path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "GeoCoreTests", dependencies: ["GeoCore", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "GeosGeometryTests", dependencies: ["TestSupport", "GeosGeometry"], swiftSettings: strict),
        .testTarget(name: "ProjectionTests", dependencies: ["GeoCore", "TestSupport", "Projection", "GeosGeometry"], swiftSettings: strict),
        .testTarget(name: "GeoIOTests", dependencies: ["GeoCore", "TestSupport", "GeoIO"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "RoadNetworkTests", dependencies: ["TestSupport", "RoadNetwork", "Projection"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "SitingTests", dependencies: ["TestSupport", "Siting"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "VectorSourceTests", dependencies: ["TestSupport", "VectorSource", "GeoCore", "GeoIO"], swiftSettings: strict),
        .testTarget(name: "PopulationGridTests", dependencies: ["TestSupport", "PopulationGrid", "GeoCore", "GeoIO", "Projection"], swiftSettings: strict),
        .testTarget(name: "AccessibilityTests", dependencies: ["TestSupport", "Accessibility"], swiftSettings: strict),
        .testTarget(name: "CoverageAnalysisTests", dependencies: ["TestSupport", "CoverageAnalysis", "PopulationGrid", "RoadNetwork", "Projection", "Accessibility"], swiftSettings: strict),
        .testTarget(name: "MaillageAppTests", dependencies: ["TestSupport", "MaillageApp", "Projection", "GeoCore"],
                    exclude: ["Snapshots", "BadInputs"], swiftSettings: strict),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzSupport", "TestSupport"], exclude: ["FuzzCorpus"], swiftSettings: strict),
    ]
)
