import Foundation

/// The top-level JSON object of a file (an oracle fixture or an output), for tests that read a few keys.
public func readJSON(_ url: URL) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
        throw CocoaError(.propertyListReadCorrupt, userInfo: [NSFilePathErrorKey: url.path])
    }
    return object
}
