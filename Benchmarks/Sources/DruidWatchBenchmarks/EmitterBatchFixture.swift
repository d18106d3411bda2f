import Foundation

/// A large ARRAY-framed batch made of the sample events repeated, with query ids made
/// unique so that nothing can be cached across copies.
struct EmitterBatchFixture {
    var bytes: [UInt8]
    var events: Int

    static func scaled(sample: URL, events target: Int) throws -> EmitterBatchFixture {
        let text = try String(contentsOf: sample, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("["), text.hasSuffix("]") else { throw CocoaError(.fileReadCorruptFile) }
        let inner = String(text.dropFirst().dropLast())
        let perCopy = inner.components(separatedBy: "},{\"feed\"").count
        var parts: [String] = []
        var count = 0
        var copy = 0
        while count < target {
            parts.append(inner.replacingOccurrences(of: "-a6a3-", with: String(format: "-%04x-", copy % 65_536)))
            count += perCopy
            copy += 1
        }
        return EmitterBatchFixture(bytes: Array("[\(parts.joined(separator: ","))]\n".utf8), events: count)
    }
}
