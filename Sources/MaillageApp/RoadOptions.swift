import ArgumentParser
import CoverageAnalysis

/// The road-mode options shared by `analyse` and `access` (same names, defaults and bounds). --network
/// itself stays with each command, whose help says what it measures by road.
struct RoadOptions: ParsableArguments {
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

    /// The road settings of a run on `network` (isochrone settings at their defaults).
    func settings(network: String) -> RoadSettings {
        RoadSettings(networkPath: network, speedProfilePath: speedProfile, offRoadSpeedKmh: offroadKmh, farFromRoadMetres: farFromRoadM)
    }
}
