import ArgumentParser
import Foundation

/// Output folder and progress options shared by the commands.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Output folder; only the files maillage writes are replaced.", valueName: "dir"))
    var out = "output"

    @Flag(help: "No progress messages.")
    var quiet = false

    @Flag(help: "Print the time of each step on standard error at the end.")
    var timings = false

    var folder: URL { URL(fileURLWithPath: out) }

    /// Refuses, before any input is read, an --out that is empty, a file, or under /proc or /sys.
    func validate() throws {
        guard !out.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--out is empty — give an output folder, e.g. --out output")
        }
        do { try OutputFolder.validate(folder, inputs: []) } catch let error as OutputFolderError {
            throw ValidationError(error.description)
        }
    }

    /// Refuses an --out that is the folder of one of the command's inputs (see `OutputFolder.validate`).
    func validate(inputs: [String]) throws {
        try OutputFolder.validate(folder, inputs: inputs)
    }

    func makeProgress() -> Progress { Progress(quiet: quiet, force: timings) }

    /// Closes the last step and prints the step times when asked.
    func finish(_ progress: Progress) {
        progress.finish()
        if timings { FileHandle.standardError.write(Data((progress.timingReport + "\n").utf8)) }
    }
}
