/// Why a shared config or credentials file could not be used. A missing file is not an
/// error (it just has no profiles); an unreadable or malformed one is, because the SDKs
/// would fail on it too and guessing around it could pick the wrong credentials.
public enum SharedConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .malformed(path, line, reason): "\(path), line \(line): \(reason)"
        }
    }
}
