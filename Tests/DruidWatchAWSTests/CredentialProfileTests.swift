@testable import DruidWatchAWS
import Testing

@Suite struct CredentialProfileTests {
    private func resolve(profile: String? = nil, _ environment: [String: String] = CredentialTestFiles.environment()) throws -> AWSCredentials {
        try ProfileCredentialProvider(profile: profile, environment: environment).resolve()
    }

    @Test func defaultProfileFromTheCredentialsFile() throws {
        let credentials = try resolve()
        #expect(credentials.accessKeyId == "AKIDDEFAULT00000001")
        #expect(credentials.secretAccessKey == "SECRET-default-credentials-file")
        #expect(credentials.sessionToken == nil)
        #expect(credentials.expiration == nil)
        #expect(credentials.source == "profile default (\(CredentialTestFiles.credentials))")
    }

    @Test func namedProfileFromAWSProfile() throws {
        let credentials = try resolve(CredentialTestFiles.environment(["AWS_PROFILE": "legacy-token"]))
        #expect(credentials.accessKeyId == "AKIDLEGACY000000003")
        #expect(credentials.sessionToken == "SECRET-legacy-security-token")
    }

    @Test func explicitProfileWinsOverAWSProfile() throws {
        let credentials = try resolve(profile: "legacy-token", CredentialTestFiles.environment(["AWS_PROFILE": "prod"]))
        #expect(credentials.accessKeyId == "AKIDLEGACY000000003")
    }

    @Test func credentialsFileWinsOverConfigFileForTheSameProfile() throws {
        let credentials = try resolve(profile: "prod")
        #expect(credentials.accessKeyId == "AKIDPRODCREDS000002")
        #expect(credentials.secretAccessKey == "SECRET-prod-credentials-file")
        #expect(credentials.sessionToken == "SECRET-prod-session-token")
        #expect(credentials.source == "profile prod (\(CredentialTestFiles.credentials))")
    }

    @Test func configFileAloneCanHoldKeys() throws {
        let credentials = try resolve(profile: "config-only")
        #expect(credentials.accessKeyId == "AKIDCONFIGONLY00007")
        #expect(credentials.secretAccessKey == "SECRET-config-only#not-a-comment")
        #expect(credentials.source == "profile config-only (\(CredentialTestFiles.config))")
    }

    @Test func configFileWithoutCredentialsFile() throws {
        let environment = CredentialTestFiles.environment(credentials: CredentialTestFiles.absent, ["AWS_PROFILE": "prod"])
        let credentials = try resolve(environment)
        #expect(credentials.accessKeyId == "AKIDPRODCONFIG00005")
        #expect(credentials.sessionToken == nil)
    }

    @Test func filesUnderHome() throws {
        let home = try CredentialTestFiles.temporaryDirectory(files: [
            ".aws/credentials": "[default]\naws_access_key_id = AKIDHOMEDIR00000011\naws_secret_access_key = SECRET-home\n",
        ])
        defer { CredentialTestFiles.cleanUp(home) }
        let credentials = try resolve(["HOME": home.path])
        #expect(credentials.accessKeyId == "AKIDHOMEDIR00000011")
        #expect(credentials.source == "profile default (\(home.path)/.aws/credentials)")
    }

    @Test func sectionsThatAreNotProfilesAreNotUsed() {
        // [profile shadow] in the credentials file and [stray] in the config file.
        for name in ["shadow", "stray"] {
            #expect(throws: CredentialProviderError.profileNotFound(
                profile: name, searched: [CredentialTestFiles.credentials, CredentialTestFiles.config]
            )) {
                try resolve(profile: name)
            }
        }
    }

    @Test func noFilesMeansNotConfigured() {
        let environment = CredentialTestFiles.environment(credentials: CredentialTestFiles.absent, config: CredentialTestFiles.absent)
        let error = #expect(throws: CredentialProviderError.self) { try resolve(environment) }
        #expect(error?.isNotConfigured == true)
    }

    @Test func missingDefaultProfileMeansNotConfigured() throws {
        let directory = try CredentialTestFiles.temporaryDirectory(files: ["credentials": "[other]\naws_access_key_id = A\naws_secret_access_key = SECRET-x\n"])
        defer { CredentialTestFiles.cleanUp(directory) }
        let environment = CredentialTestFiles.environment(
            credentials: directory.appendingPathComponent("credentials").path, config: CredentialTestFiles.absent
        )
        let error = #expect(throws: CredentialProviderError.self) { try resolve(environment) }
        #expect(error?.isNotConfigured == true)
    }

    @Test func explicitlyNamedMissingProfileIsAnError() {
        let searched = [CredentialTestFiles.credentials, CredentialTestFiles.config]
        #expect(throws: CredentialProviderError.profileNotFound(profile: "nope", searched: searched)) {
            try resolve(profile: "nope")
        }
        #expect(throws: CredentialProviderError.profileNotFound(profile: "nope", searched: searched)) {
            try resolve(CredentialTestFiles.environment(["AWS_PROFILE": "nope"]))
        }
    }

    @Test func profileWithoutKeysPassesOn() {
        #expect(throws: CredentialProviderError.notConfigured(source: "profile region-only", reason: "the profile has no aws_access_key_id")) {
            try resolve(profile: "region-only")
        }
    }

    @Test func keyWithoutSecretIsAnError() {
        #expect(throws: CredentialProviderError.incomplete(source: "profile half", missing: "aws_secret_access_key")) {
            try resolve(profile: "half")
        }
    }

    @Test(arguments: [
        ("assumed", "role_arn"),
        ("assumed-with-keys", "role_arn"),
        ("sso-user", "sso_account_id"),
        ("process", "credential_process"),
        ("web", "web_identity_token_file"),
    ])
    func unsupportedWaysOfObtainingCredentialsAreNamed(profile: String, key: String) {
        let error = #expect(throws: CredentialProviderError.self) { try resolve(profile: profile) }
        #expect(error == .unsupportedProfileSetting(profile: profile, key: key, file: CredentialTestFiles.config))
        let description = error?.description ?? ""
        #expect(description.contains("profile \(profile)"))
        #expect(description.contains(key))
        #expect(!description.contains(CredentialTestFiles.secretMarker))
        #expect(!description.contains("AKIDASSUMED00000009"))
    }

    @Test func malformedFileIsAnError() {
        let environment = CredentialTestFiles.environment(config: CredentialTestFiles.malformedConfig)
        #expect(throws: CredentialProviderError.sharedConfig(
            .malformed(path: CredentialTestFiles.malformedConfig, line: 3, reason: "expected 'key = value'")
        )) {
            try resolve(environment)
        }
    }
}
