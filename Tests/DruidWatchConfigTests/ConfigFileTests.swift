import DruidWatchConfig
import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("Agent configuration: files, YAML syntax and several errors at once")
struct ConfigFileTests {
    static let brokenPath = Fixtures.url("config/broken.yaml").path

    /// What check-config must print for Tests/Fixtures/config/broken.yaml, line by line.
    static func brokenProblems(path: String) -> [String] {
        [
            "\(path):3: namespace: namespaces starting with 'AWS/' are reserved for AWS services",
            "\(path):4: period: must be 1s, 5s, 10s, 30s or a multiple of 60s (the periods CloudWatch stores)",
            "\(path):5: collection_interval: expected a duration such as 500ms, 10s, 5m or 1h",
            "\(path):7: identity.hots: unknown key 'hots' (did you mean 'host'?); allowed: instance_id, auto_scaling_group, host",
            "\(path):9: aws.region: 'Europe' is not an AWS region name such as us-east-1",
            "\(path):10: aws.endpoint_url: must be an absolute http:// or https:// URL with a host",
            "\(path):11: aws.imds: expected true or false",
            "\(path):14: sources.host.proc_path: must be an absolute path",
            "\(path):15: sources.host.ignore_devices: expected a list",
            "\(path):17: logging.level: expected one of: trace, debug, info, notice, warning, error, critical",
        ]
    }

    @Test("Every problem in a file is reported in one pass, in line order, with the file's path")
    func severalErrorsTogether() throws {
        let error = try #require(throws: ConfigError.self) { try AgentConfigLoader.load(path: Self.brokenPath) }
        #expect(error.issues.map(\.description) == Self.brokenProblems(path: Self.brokenPath))
        #expect(error.description == Self.brokenProblems(path: Self.brokenPath).joined(separator: "\n"))
        #expect(error.issues.allSatisfy { $0.file == Self.brokenPath })
        #expect(error.issues.map(\.line) == [3, 4, 5, 7, 9, 10, 11, 14, 15, 17])
    }

    @Test("Issues from different sections come back sorted by line, not by the order they were checked")
    func lineOrder() {
        // logging is checked last and cluster first, but the file has them the other way round.
        #expect(problems("logging:\n  level: loud\naws:\n  imds: 2\ncluster: ''\n") == [
            "agent.yaml:2: logging.level: expected one of: trace, debug, info, notice, warning, error, critical",
            "agent.yaml:4: aws.imds: expected true or false",
            "agent.yaml:5: cluster: must be 1 to 1024 characters (a CloudWatch dimension value)",
        ])
    }

    // MARK: YAML syntax

    static let syntaxErrors: [InvalidCase] = [
        InvalidCase("cluster: a\n\tnamespace: b\n", "agent.yaml:2: (syntax): found a tab character that violates indentation (while scanning a plain scalar)"),
        InvalidCase("cluster: a\nperiod: [\n", "agent.yaml:3: (syntax): did not find expected node content (while parsing a flow node)"),
        InvalidCase("cluster: 'prod\n", "agent.yaml:2: (syntax): found unexpected end of stream (while scanning a quoted scalar)"),
        InvalidCase("cluster: &name prod\nnamespace: *nmae\n", "agent.yaml:2: (syntax): found undefined alias"),
        InvalidCase("cluster: a\n---\ncluster: b\n", "agent.yaml:2: (syntax): but found another document (expected a single document in the stream)"),
        // Yams reports a duplicate at the first occurrence of the key.
        InvalidCase("cluster: a\nnamespace: N\ncluster: b\n", "agent.yaml:1: (syntax): duplicate keys: cluster"),
        InvalidCase("cluster: a\naws:\n  region: us-east-1\n  imds: true\n  region: eu-west-1\n", "agent.yaml:3: (syntax): duplicate keys: region"),
    ]

    @Test("A YAML syntax error gives file:line and nothing else", arguments: syntaxErrors)
    func syntaxError(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }

    @Test("A syntax error in a file on disk names the file and the line")
    func syntaxErrorInFile() throws {
        let path = Fixtures.url("config/syntax-error.yaml").path
        let error = try #require(throws: ConfigError.self) { try AgentConfigLoader.load(path: path) }
        #expect(error.issues.count == 1)
        let issue = try #require(error.issues.first)
        #expect(issue.file == path)
        #expect(issue.field == "(syntax)")
        #expect(issue.line == 5)
        #expect(issue.description.hasPrefix("\(path):5: (syntax): "))
    }

    // MARK: Files that cannot be read

    static func expectUnreadable(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let error = try #require(throws: ConfigError.self, sourceLocation: sourceLocation) { try AgentConfigLoader.load(path: path) }
        #expect(error.issues.count == 1, sourceLocation: sourceLocation)
        let issue = try #require(error.issues.first, sourceLocation: sourceLocation)
        #expect(issue.file == path, sourceLocation: sourceLocation)
        #expect(issue.line == 0, sourceLocation: sourceLocation)
        #expect(issue.field == "(file)", sourceLocation: sourceLocation)
        // No line number for a file as a whole: "FILE: (file): cannot read: REASON".
        let prefix = "\(path): (file): cannot read: "
        #expect(issue.description.hasPrefix(prefix), "\(issue.description)", sourceLocation: sourceLocation)
        #expect(issue.description.count > prefix.count, "a reason follows", sourceLocation: sourceLocation)
    }

    @Test("A missing file is one clear error, not a crash or a default configuration")
    func missingFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-missing-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("agent.yaml").path
        try Self.expectUnreadable(path)
        #if os(Linux)
        let error = try #require(throws: ConfigError.self) { try AgentConfigLoader.load(path: path) }
        #expect(error.description == "\(path): (file): cannot read: The file doesn’t exist.")
        #endif
    }

    @Test("A directory in place of the file is an error")
    func directoryInstead() throws {
        let file = try TemporaryFile(text: "")
        defer { file.remove() }
        try Self.expectUnreadable(file.directory.path)
    }

    @Test("A file that is not UTF-8 is an error")
    func notUTF8() throws {
        let file = try TemporaryFile(contents: Data([0x63, 0x6C, 0x75, 0x73, 0x74, 0x65, 0x72, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]))
        defer { file.remove() }
        try Self.expectUnreadable(file.path)
    }

    @Test("A file without read permission is an error", .enabled(if: geteuid() != 0, "root reads any file"))
    func noPermission() throws {
        let file = try TemporaryFile(text: "cluster: a\n")
        defer { file.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        try Self.expectUnreadable(file.path)
    }
}
