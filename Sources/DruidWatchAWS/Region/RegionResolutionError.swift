public enum RegionResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No source named a region; `reasons` says what each step found.
    case notFound(reasons: [String])
    case sharedConfig(SharedConfigFileError)
    /// Instance metadata is there but failed to give the region.
    case instanceMetadata(InstanceMetadataError)

    public var description: String {
        switch self {
        case let .notFound(reasons):
            "no AWS region: set region in the druidwatch configuration, or AWS_REGION, or region in the AWS profile ("
                + reasons.joined(separator: "; ") + ")"
        case let .sharedConfig(error):
            "cannot determine the AWS region: \(error.description)"
        case let .instanceMetadata(error):
            "cannot determine the AWS region: \(error.description)"
        }
    }
}
