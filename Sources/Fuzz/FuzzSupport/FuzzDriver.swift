#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The signature libFuzzer calls for each input.
public typealias FuzzEntry = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<Int32>,
                                 _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                                 _ entry: FuzzEntry) -> Int32
#endif

/// The fuzzer's main. Built with `-sanitize=fuzzer -DFUZZING` (scripts/fuzz.sh), it hands the command
/// line to libFuzzer (`-max_total_time=600 CORPUS_FOLDER`…). In a plain build it replays inputs: every
/// argument is a file, or a folder whose files are each run once, so a crash found by the fuzzer can be
/// reproduced and debugged without fuzzer support.
public func runFuzzer(_ entry: FuzzEntry) -> Never {
    #if FUZZING
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, entry))
    #else
    var count = 0
    for argument in CommandLine.arguments.dropFirst() {
        for path in inputFiles(argument) {
            guard let bytes = readWholeFile(path) else {
                _ = "cannot read \(path)\n".withCString { write(2, $0, strlen($0)) }
                exit(2)
            }
            _ = bytes.withUnsafeBufferPointer { entry($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) }
            count += 1
        }
    }
    print("\(count) input(s) replayed without a crash")
    exit(0)
    #endif
}

private func inputFiles(_ path: String) -> [String] {
    guard let folder = opendir(path) else { return [path] }
    defer { closedir(folder) }
    var files: [String] = []
    while let entry = readdir(folder) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if !name.hasPrefix(".") { files.append(path + "/" + name) }
    }
    return files.sorted()
}

private func readWholeFile(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes.append(contentsOf: buffer[..<count])
    }
    return bytes
}
