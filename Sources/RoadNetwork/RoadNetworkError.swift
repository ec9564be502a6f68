/// The one error type of the RoadNetwork module. Each case says what is wrong and where; its
/// `description` is a sentence for the user.
public enum RoadNetworkError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A PBF file could not be read: names the file, the block (0-based; block 0 is normally the
    /// OSMHeader) and the byte offset of that block's 4-byte header length.
    case pbf(file: String, blockIndex: Int, byteOffset: Int, message: String)
    /// A speed-profile override file has a bad line (1-based line number).
    case speedProfile(file: String, line: Int, message: String)
    /// A road layer (GeoJSON) feature could not be used (0-based feature index).
    case roadLayer(source: String, feature: Int?, message: String)
    /// Inputs that do not fit together (e.g. arrays of different lengths, an empty lieu list).
    case invalidInput(String)

    public var description: String {
        switch self {
        case let .pbf(file, block, offset, message):
            return "\(file): block \(block) at byte offset \(offset): \(message). Check the file with `osmium fileinfo \(file)`, or download or extract it again."
        case let .speedProfile(file, line, message):
            return "\(file) line \(line): \(message). Expected lines `highway,kmh`, e.g. `residential,30`."
        case let .roadLayer(source, feature, message):
            return "\(source)\(feature.map { " feature \($0)" } ?? ""): \(message)"
        case let .invalidInput(message):
            return message
        }
    }
}
