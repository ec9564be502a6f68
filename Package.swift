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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System C libraries (Debian: libgeos-dev, libproj-dev, zlib1g-dev).
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Geometry layer: the only importer of CGEOS.
        .target(name: "GeosGeometry", dependencies: ["CGEOS"], swiftSettings: strict),
        // Projection layer: the only importer of CPROJ.
        .target(name: "Projection", dependencies: ["CPROJ"], swiftSettings: strict),
        // File formats: GeoJSON (read + RFC 7946 write), CSV, atomic output files.
        .target(name: "GeoIO", swiftSettings: strict),
        // Road network: OSM PBF reader, routable graph, shortest paths.
        .target(name: "RoadNetwork", dependencies: ["CZlib"], swiftSettings: strict),
        // Coverage optimisation (MCLP / LSCP) on sparse coverage lists; no geometry.
        .target(name: "Siting", swiftSettings: strict),
        // Proximity, catchments, coverage and white zones: pure cores + geometry adapters.
        .target(name: "CoverageAnalysis",
                dependencies: ["GeosGeometry", "Projection", "GeoIO"], swiftSettings: strict),
        // Commands, options, progress and output files.
        .target(name: "MaillageApp",
                dependencies: ["CoverageAnalysis", "RoadNetwork", "Siting", "GeoIO", "GeosGeometry", "Projection",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")],
                swiftSettings: strict),
        .executableTarget(name: "maillage", dependencies: ["MaillageApp"], swiftSettings: strict),

        .testTarget(name: "GeosGeometryTests", dependencies: ["GeosGeometry"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "ProjectionTests", dependencies: ["Projection", "GeosGeometry"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "GeoIOTests", dependencies: ["GeoIO"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "RoadNetworkTests", dependencies: ["RoadNetwork"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "SitingTests", dependencies: ["Siting"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "CoverageAnalysisTests", dependencies: ["CoverageAnalysis"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "MaillageAppTests", dependencies: ["MaillageApp"], exclude: ["Fixtures"], swiftSettings: strict),
    ]
)
