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

    /// Parses the command line like ArgumentParser, then refuses an output folder that is an input's
    /// folder (`WritesOutputFolder`) before the command reads anything.
    public static func parseAsRoot(_ arguments: [String]? = nil) throws -> any ParsableCommand {
        let command = try parsedByArgumentParser(Maillage.self, attachingNegativeNumbers(arguments ?? Array(CommandLine.arguments.dropFirst())))
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

/// `--option -5` becomes `--option=-5`: a negative number is a value, never an option name, so the
/// option's own check can say what is wrong with it (instead of "Missing value for '--option'").
func attachingNegativeNumbers(_ arguments: [String]) -> [String] {
    var result: [String] = []
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        if argument == "--" { return result + arguments[index...] }
        if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count, isNegativeNumber(arguments[index + 1]) {
            result.append(argument + "=" + arguments[index + 1])
            index += 2
        } else {
            result.append(argument)
            index += 1
        }
    }
    return result
}

/// "-5", "-0.5", "-5,10", "-1e3", "-10min": a minus sign then a digit or a dot.
private func isNegativeNumber(_ text: String) -> Bool {
    let characters = Array(text.prefix(2))
    return characters.count == 2 && characters[0] == "-" && (characters[1].isNumber || characters[1] == ".")
}

/// ArgumentParser's own `parseAsRoot` (a generic context does not see `Maillage.parseAsRoot`).
private func parsedByArgumentParser<Command: ParsableCommand>(_: Command.Type, _ arguments: [String]?) throws -> any ParsableCommand {
    try Command.parseAsRoot(arguments)
}
