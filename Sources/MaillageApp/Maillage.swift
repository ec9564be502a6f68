import ArgumentParser

/// `maillage`: coverage of French territories by lieux.
public struct Maillage: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "maillage",
        abstract: "How well do lieux (France Services, tiers-lieux…) cover the communes, and where are the white zones?",
        version: version,
        subcommands: [Analyse.self, Suggest.self, AccessCommand.self])

    /// The version shown by `--version` and written into every output.
    static let version = "0.1.0"
    /// The "generator" of the outputs.
    static let generator = "maillage \(version)"

    public init() {}
}
