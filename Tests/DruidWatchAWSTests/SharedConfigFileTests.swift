@testable import DruidWatchAWS
import Testing

@Suite struct SharedConfigFileTests {
    private func config(_ text: String) throws -> SharedConfigFile {
        try SharedConfigFile.parse(text, kind: .config, path: "config")
    }

    @Test func configFixtureProfiles() throws {
        let file = try #require(try SharedConfigFile.load(path: CredentialTestFiles.config, kind: .config))
        #expect(Set(file.profiles.keys) == [
            "default", "prod", "config-only", "region-only", "half", "assumed", "assumed-with-keys", "sso-user", "process", "web",
        ])
        #expect(file.profiles["default"] == ["region": "eu-west-1", "output": "json"])
        #expect(file.profiles["prod"]?["region"] == "us-east-2")
    }

    @Test func credentialsFixtureTakesNamesLiterally() throws {
        let file = try #require(try SharedConfigFile.load(path: CredentialTestFiles.credentials, kind: .credentials))
        #expect(Set(file.profiles.keys) == ["default", "prod", "legacy-token"])
        #expect(file.profiles["default"]?["aws_secret_access_key"] == "SECRET-default-credentials-file")
    }

    @Test func whitespaceAroundEqualsAndTrailingComments() throws {
        let file = try #require(try SharedConfigFile.load(path: CredentialTestFiles.credentials, kind: .credentials))
        #expect(file.profiles["prod"]?["aws_access_key_id"] == "AKIDPRODCREDS000002")
        #expect(file.profiles["prod"]?["aws_secret_access_key"] == "SECRET-prod-credentials-file")
    }

    @Test func commentCharacterInsideAValueIsKept() throws {
        let file = try #require(try SharedConfigFile.load(path: CredentialTestFiles.config, kind: .config))
        #expect(file.profiles["config-only"]?["aws_secret_access_key"] == "SECRET-config-only#not-a-comment")
    }

    @Test func keysAreCaseInsensitive() throws {
        let file = try #require(try SharedConfigFile.load(path: CredentialTestFiles.config, kind: .config))
        #expect(file.profiles["config-only"]?["aws_access_key_id"] == "AKIDCONFIGONLY00007")
    }

    @Test func subSectionSettingsStayInsideTheirProperty() throws {
        let file = try #require(try SharedConfigFile.load(path: CredentialTestFiles.config, kind: .config))
        let prod = try #require(file.profiles["prod"])
        #expect(prod["aws_access_key_id"] == "AKIDPRODCONFIG00005")
        #expect(prod["max_concurrent_requests"] == nil)
        #expect(prod["s3"] == "\nmax_concurrent_requests = 20\naws_access_key_id = AKIDNESTED000000006")
    }

    @Test func prefixedDefaultReplacesPlainDefault() throws {
        let file = try config("""
        [default]
        region = us-east-1
        output = text
        [profile default]
        region = eu-north-1
        """)
        #expect(file.profiles["default"] == ["region": "eu-north-1"])
    }

    @Test func repeatedSectionsMergeLaterWinning() throws {
        let file = try config("""
        [profile a]
        region = us-east-1
        output = json
        [profile b]
        region = eu-west-3
        [profile   a  ]
        region = us-west-1
        """)
        #expect(file.profiles["a"] == ["region": "us-west-1", "output": "json"])
        #expect(file.profiles["b"] == ["region": "eu-west-3"])
    }

    @Test func crlfLineEndingsAndSemicolonComments() throws {
        let file = try config("; leading\r\n[default]\r\nregion = ca-central-1 ; why\r\n# done\r\n")
        #expect(file.profiles["default"] == ["region": "ca-central-1"])
    }

    @Test func emptyFileHasNoProfiles() throws {
        #expect(try config("").profiles.isEmpty)
        #expect(try config("# only a comment\n\n").profiles.isEmpty)
    }

    @Test func missingFileIsNil() throws {
        #expect(try SharedConfigFile.load(path: CredentialTestFiles.absent, kind: .config) == nil)
    }

    @Test func directoryIsUnreadable() throws {
        let directory = try CredentialTestFiles.temporaryDirectory(files: ["x/placeholder": ""])
        defer { CredentialTestFiles.cleanUp(directory) }
        let path = directory.appendingPathComponent("x").path
        #expect(throws: SharedConfigFileError.unreadable(path: path, reason: "it is a directory")) {
            try SharedConfigFile.load(path: path, kind: .config)
        }
    }

    @Test func malformedFixtureNamesTheLine() {
        #expect(throws: SharedConfigFileError.malformed(path: CredentialTestFiles.malformedConfig, line: 3, reason: "expected 'key = value'")) {
            try SharedConfigFile.load(path: CredentialTestFiles.malformedConfig, kind: .config)
        }
    }

    @Test(arguments: [
        ("region = us-east-1\n", 1, "a setting appears before any [section] header"),
        ("[default\nregion = us-east-1\n", 1, "a section header must end with ']'"),
        ("[default]\n  region = us-east-1\n", 2, "an indented line must continue a setting above it"),
        ("[default]\n= value\n", 2, "a setting needs a key before '='"),
        ("[ ]\n", 1, "a section header needs a name"),
    ])
    func malformedLines(text: String, line: Int, reason: String) {
        #expect(throws: SharedConfigFileError.malformed(path: "config", line: line, reason: reason)) {
            try config(text)
        }
    }

    @Test func errorsDoNotQuoteTheLine() {
        let error = #expect(throws: SharedConfigFileError.self) {
            try SharedConfigFile.parse("[default]\naws_secret_access_key SECRET-no-equals\n", kind: .credentials, path: "credentials")
        }
        #expect(error?.description == "credentials, line 2: expected 'key = value'")
    }
}
