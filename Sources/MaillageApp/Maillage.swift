import ArgumentParser

/// `maillage`: coverage of French territories by lieux.
public struct Maillage: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "maillage",
        abstract: "How well do lieux (France Services, tiers-lieux…) cover the communes, and where are the white zones?",
        version: "0.1.0",
        subcommands: [Analyse.self, Suggest.self])

    public init() {}
}
