import ArgumentParser
import CoverageAnalysis

/// A command with a road mode, and what it measures by road, as the help of --network says it.
protocol RoadModeCommand {
    /// The end of the --network help, after "Road network (.osm.pbf, or GeoJSON LineStrings with OSM tags): ".
    static var networkUse: String { get }
}

/// The road-mode options shared by `analyse` and `access` (same names, defaults and bounds; the
/// help of --network ends with what `Command` measures by road).
struct RoadOptions<Command: RoadModeCommand>: ParsableArguments {
    @Option(help: ArgumentHelp("Road network (.osm.pbf, or GeoJSON LineStrings with OSM tags): \(Command.networkUse)", valueName: "file"))
    var network: String?

    @Option(help: ArgumentHelp("CSV 'highway,kmh' overriding the default car speeds (road mode).", valueName: "csv"))
    var speedProfile: String?

    @Option(help: "Speed (km/h) of the straight leg between a point and its nearest road node (road mode).")
    var offroadKmh: Double = 15

    @Option(help: "Points farther than this (m) from any road are listed (road mode).")
    var farFromRoadM: Double = 1_000

    /// Refuses values out of bounds. Not `validate()`, which would run before the command's own checks:
    /// each command calls it at its place among them.
    func checkBounds() throws {
        guard offroadKmh > 0, offroadKmh <= 150 else { throw ValidationError("--offroad-kmh must be greater than 0 and at most 150") }
        guard farFromRoadM > 0, farFromRoadM <= 100_000 else { throw ValidationError("--far-from-road-m must be greater than 0 and at most 100000") }
    }

    /// The road settings of the run (isochrone settings at their defaults), or nil without --network.
    var settings: RoadSettings? {
        network.map { RoadSettings(networkPath: $0, speedProfilePath: speedProfile, offRoadSpeedKmh: offroadKmh, farFromRoadMetres: farFromRoadM) }
    }

    /// The files these options read.
    var inputPaths: [String] { [network, speedProfile].compactMap { $0 } }
}
