/// Why a whole body could not be read as the Prometheus text format. A single bad line
/// is not an error: it is skipped and reported in `PrometheusParseResult.problems`.
public enum PrometheusParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing at all: an exporter always exposes something, so this is a failure.
    case emptyBody
    /// More bytes than the parser accepts.
    case bodyTooLarge(bytes: Int, limit: Int)
    /// gzip-compressed (the body starts with gzip's magic bytes): the client should
    /// have asked for, or decompressed to, identity encoding.
    case compressed
    /// Bytes but not one sample: a login page, JSON, protobuf, or only bad lines.
    /// `firstProblem` is the first bad line's reason, when there was one.
    case noSamples(skippedLines: Int, firstProblem: PrometheusLineProblem?)

    public var description: String {
        switch self {
        case .emptyBody:
            "empty body: no Prometheus text"
        case let .bodyTooLarge(bytes, limit):
            "body of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .compressed:
            "body is gzip-compressed, not Prometheus text"
        case let .noSamples(skipped, first?):
            "no sample in the body (\(skipped) bad lines; first: \(first))"
        case let .noSamples(skipped, nil):
            "no sample in the body (\(skipped) bad lines)"
        }
    }
}
