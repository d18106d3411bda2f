/// Fixed credentials: for a caller that already holds them (and for tests).
public struct StaticCredentialProvider: AWSCredentialProvider {
    public let fixed: AWSCredentials

    public init(_ credentials: AWSCredentials) {
        self.fixed = credentials
    }

    public func credentials() async throws -> AWSCredentials { fixed }
}
