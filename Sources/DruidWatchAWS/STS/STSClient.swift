import Foundation

/// The one STS call druidwatch makes: which account its credentials belong to, for the
/// account field of the alarm ARNs the evaluator puts in its notifications.
public struct STSClient: AWSQueryService {
    public static let signingName = "sts"
    static let apiVersion = "2011-06-15"

    public var query: AWSQueryClient
    // The regional endpoint (AWSQueryService): the global one lives in us-east-1 alone.

    public init(query: AWSQueryClient) {
        self.query = query
    }

    /// The 12-digit account id of the credentials in use.
    public func getCallerIdentity() async throws(AWSCallError) -> String {
        let tree = try await query.call([("Action", "GetCallerIdentity"), ("Version", Self.apiVersion)])
        guard let account = tree.first(named: "Account")?.text, !account.isEmpty else {
            throw .malformedResponse("GetCallerIdentity answer has no Account")
        }
        return account
    }
}
