import ArgumentParser

/// `maillage`: coverage of French territories by lieux.
public struct Maillage: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "maillage",
        abstract: "How well do lieux (France Services, tiers-lieux…) cover the communes, and where are the white zones?",
        version: version,
        subcommands: [Analyse.self, Suggest.self])

    /// The version shown by `--version` and written into every output.
    static let version = "0.1.0"
    /// The "generator" of the outputs.
    static let generator = "maillage \(version)"

    public init() {}

    /// Parses the command line like ArgumentParser, then refuses an output folder that is an input's
    /// folder (`WritesOutputFolder`) before the command reads anything.
    public static func parseAsRoot(_ arguments: [String]? = nil) throws -> any ParsableCommand {
        let command = try parsedByArgumentParser(Maillage.self, arguments)
        if let writer = command as? any WritesOutputFolder { try writer.checkOutputFolder() }
        return command
    }

    /// The program's entry point: parse (with the check above), run, and exit with ArgumentParser's
    /// messages and codes.
    public static func main() {
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// ArgumentParser's own `parseAsRoot` (a generic context does not see `Maillage.parseAsRoot`).
private func parsedByArgumentParser<Command: ParsableCommand>(_: Command.Type, _ arguments: [String]?) throws -> any ParsableCommand {
    try Command.parseAsRoot(arguments)
}
