import ArgumentParser

/// A command that reads input files and writes an output folder: before it runs, the folder is
/// checked against the inputs (`OutputFolder.validate`), so that no output can replace an input.
protocol WritesOutputFolder {
    var outputFolderOptions: OutputOptions { get }
    /// Every file or folder the command reads, as given on the command line (or the demo's defaults).
    var inputPaths: [String] { get }
}

extension WritesOutputFolder {
    func checkOutputFolder() throws { try outputFolderOptions.validate(inputs: inputPaths) }
}

extension TerritoryInputOptions {
    /// Communes, population table and lieux, as `load` reads them (the demo territory without --communes).
    var inputPaths: [String] {
        let demo = communes.isEmpty
        return (demo ? [Analyse.demoCommunes] : communes)
            + [population ?? (demo && populationProperty == nil ? Analyse.demoPopulation : nil), lieux ?? Analyse.demoLieux,
               populationGrid, communePoints, communeChanges].compactMap { $0 }
    }
}

extension Analyse: WritesOutputFolder {
    var outputFolderOptions: OutputOptions { output }
    var inputPaths: [String] { inputs.inputPaths + road.inputPaths + [epci, density].compactMap { $0 } }
}

extension Suggest: WritesOutputFolder {
    var outputFolderOptions: OutputOptions { output }
    var inputPaths: [String] { inputs.inputPaths + [candidates.candidates].compactMap { $0 } }
}

extension AccessCommand: WritesOutputFolder {
    var outputFolderOptions: OutputOptions { output }
    var inputPaths: [String] { inputs.inputPaths + road.inputPaths + [epci, density].compactMap { $0 } }
}
