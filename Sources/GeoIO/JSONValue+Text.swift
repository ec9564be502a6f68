/// JSON text of any value (for reports such as summary.json), with the writer's number and
/// string rules; objects keep their key order, so the same value gives the same bytes.
extension JSONValue {
    /// Two-space indented JSON followed by a newline.
    public func prettyJSON() -> [UInt8] {
        var output = JSONOutput()
        Self.appendPretty(self, indent: 0, to: &output)
        output.bytes.append(0x0A)
        return output.bytes
    }

    private static func appendPretty(_ value: JSONValue, indent: Int, to output: inout JSONOutput) {
        let pad = [UInt8](repeating: 0x20, count: 2 * (indent + 1)), closePad = [UInt8](repeating: 0x20, count: 2 * indent)
        switch value {
        case .array(let elements) where !elements.isEmpty && elements.contains(where: { $0.isContainer }):
            output.append("[\n")
            for (index, element) in elements.enumerated() {
                output.bytes += pad
                appendPretty(element, indent: indent + 1, to: &output)
                output.append(index + 1 < elements.count ? ",\n" : "\n")
            }
            output.bytes += closePad
            output.append("]")
        case .object(let object) where !object.isEmpty:
            output.append("{\n")
            for (index, pair) in object.pairs.enumerated() {
                output.bytes += pad
                output.appendString(pair.key)
                output.append(": ")
                appendPretty(pair.value, indent: indent + 1, to: &output)
                output.append(index + 1 < object.count ? ",\n" : "\n")
            }
            output.bytes += closePad
            output.append("}")
        default:
            output.appendValue(value)
        }
    }

    private var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }
}
