/// Why a silence could not be added.
public enum SilenceSetError: Error, Sendable, Hashable, CustomStringConvertible {
    case full(limit: Int)

    public var description: String {
        switch self {
        case let .full(limit):
            "there are already \(limit) silences that have not expired; expire some first"
        }
    }
}
