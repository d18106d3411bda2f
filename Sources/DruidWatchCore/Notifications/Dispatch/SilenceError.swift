/// Why a silence was refused; each case names the silence.
public enum SilenceError: Error, Sendable, Hashable, CustomStringConvertible {
    case emptyID
    case noMatchers(id: String)
    case matchesEverything(id: String)
    case endsBeforeItStarts(id: String)
    case missingCreator(id: String)
    case missingComment(id: String)
    case invalidMatcher(id: String, LabelMatcherError)

    public var description: String {
        switch self {
        case .emptyID:
            "silence without an id"
        case let .noMatchers(id):
            "silence \(id): at least one matcher is required"
        case let .matchesEverything(id):
            "silence \(id): every matcher matches an empty label, so it would silence everything; at least one must not"
        case let .endsBeforeItStarts(id):
            "silence \(id): it must end after it starts"
        case let .missingCreator(id):
            "silence \(id): createdBy is required"
        case let .missingComment(id):
            "silence \(id): a comment saying why is required"
        case let .invalidMatcher(id, error):
            "silence \(id): \(error)"
        }
    }
}
