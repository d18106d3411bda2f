@testable import DruidWatchAWS
import Testing

@Suite struct CredentialEnvironmentTests {
    @Test func longTermKeys() throws {
        let credentials = try EnvironmentCredentialProvider(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENVIRONMENT0001",
            "AWS_SECRET_ACCESS_KEY": "SECRET-environment",
        ]).resolve()
        #expect(credentials.accessKeyId == "AKIDENVIRONMENT0001")
        #expect(credentials.secretAccessKey == "SECRET-environment")
        #expect(credentials.sessionToken == nil)
        #expect(credentials.expiration == nil)
        #expect(credentials.source == "environment")
    }

    @Test func sessionToken() throws {
        let credentials = try EnvironmentCredentialProvider(environment: [
            "AWS_ACCESS_KEY_ID": "ASIAENVIRONMENT0002",
            "AWS_SECRET_ACCESS_KEY": "SECRET-environment",
            "AWS_SESSION_TOKEN": "SECRET-session",
        ]).resolve()
        #expect(credentials.sessionToken == "SECRET-session")
    }

    /// botocore (and so the AWS CLI) still reads the legacy variable.
    @Test func legacySecurityTokenIsAccepted() throws {
        let credentials = try EnvironmentCredentialProvider(environment: [
            "AWS_ACCESS_KEY_ID": "ASIAENVIRONMENT0003",
            "AWS_SECRET_ACCESS_KEY": "SECRET-environment",
            "AWS_SECURITY_TOKEN": "SECRET-legacy",
        ]).resolve()
        #expect(credentials.sessionToken == "SECRET-legacy")
    }

    @Test func standardSessionTokenWinsOverLegacy() throws {
        let credentials = try EnvironmentCredentialProvider(environment: [
            "AWS_ACCESS_KEY_ID": "ASIAENVIRONMENT0004",
            "AWS_SECRET_ACCESS_KEY": "SECRET-environment",
            "AWS_SESSION_TOKEN": "SECRET-standard",
            "AWS_SECURITY_TOKEN": "SECRET-legacy",
        ]).resolve()
        #expect(credentials.sessionToken == "SECRET-standard")
    }

    @Test(arguments: [
        [String: String](),
        ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "  "],
        ["AWS_SESSION_TOKEN": "SECRET-token-alone", "AWS_PROFILE": "prod"],
    ])
    func absentOrEmptyVariablesMeanNotConfigured(environment: [String: String]) {
        #expect(throws: CredentialProviderError.notConfigured(
            source: "environment", reason: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set"
        )) {
            try EnvironmentCredentialProvider(environment: environment).resolve()
        }
    }

    @Test func halfSetIsAnErrorNotAFallThrough() {
        #expect(throws: CredentialProviderError.incomplete(source: "environment", missing: "AWS_SECRET_ACCESS_KEY")) {
            try EnvironmentCredentialProvider(environment: ["AWS_ACCESS_KEY_ID": "AKIDENVIRONMENT0005"]).resolve()
        }
        let error = #expect(throws: CredentialProviderError.self) {
            try EnvironmentCredentialProvider(environment: ["AWS_SECRET_ACCESS_KEY": "SECRET-orphan"]).resolve()
        }
        #expect(error == .incomplete(source: "environment", missing: "AWS_ACCESS_KEY_ID"))
        #expect(error?.description.contains("SECRET-") == false)
    }

    @Test func textualFormsShowOnlyTheKeyIdTail() {
        let credentials = AWSCredentials(
            accessKeyId: "AKIDTEXTUALFORM0006", secretAccessKey: "SECRET-textual", sessionToken: "SECRET-textual-token", source: "environment"
        )
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials), dumped] {
            #expect(!text.contains("SECRET-"))
            #expect(!text.contains("AKIDTEXTUALFORM0006"))
            #expect(text.contains("…0006"))
        }
        #expect(credentials.redactedAccessKeyId == "…0006")
    }
}
