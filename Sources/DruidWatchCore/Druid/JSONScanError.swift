/// Why a piece of JSON could not be read, with the byte offset where it went wrong
/// (relative to the start of the batch) so that an operator can find it in a capture.
public struct JSONScanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "at byte \(offset): \(reason)" }
}
