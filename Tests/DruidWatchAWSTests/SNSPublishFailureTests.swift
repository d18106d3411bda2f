import DruidWatchAWS
import Testing

/// Which publish failures are worth retrying (the notification stays in the outbox) and
/// which set it aside at once.
@Suite struct SNSPublishFailureTests {
    private func service(_ code: String, _ status: Int) -> AWSCallError {
        .service(AWSServiceError(httpStatus: status, code: code, message: ""))
    }

    @Test(arguments: [
        ("InvalidParameter", 400), ("InvalidParameterValue", 400), ("NotFound", 404), ("AuthorizationError", 403),
        ("KMSDisabled", 400), ("KMSAccessDenied", 400), ("KMSNotFound", 400), ("KMSInvalidState", 400), ("KMSOptInRequired", 403),
        ("SomethingNewAndRefused", 400),
    ])
    func permanent(code: String, status: Int) {
        #expect(service(code, status).isPermanentPublishFailure)
    }

    @Test(arguments: [
        ("Throttled", 429), ("Throttling", 400), ("KMSThrottling", 400), ("InternalError", 500), ("ServiceUnavailable", 503),
        ("ExpiredToken", 403), ("InvalidClientTokenId", 403),
    ])
    func passing(code: String, status: Int) {
        #expect(!service(code, status).isPermanentPublishFailure)
    }

    @Test func transportAndCredentialFailuresPass() {
        #expect(!AWSCallError.transport(.couldNotConnect(url: "https://sns.us-east-1.amazonaws.com/", message: "refused")).isPermanentPublishFailure)
        #expect(!AWSCallError.credentials("no role yet").isPermanentPublishFailure)
        #expect(AWSCallError.malformedResponse("no MessageId").isPermanentPublishFailure)
    }
}
