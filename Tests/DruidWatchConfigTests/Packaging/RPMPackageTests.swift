import DruidWatchTestSupport
import Foundation
import Testing

/// The .rpm for Amazon Linux 2023, read with rpm's own queries (it cannot be installed on
/// this Debian machine): metadata, requirements, files, configuration files, scriptlets.
@Suite struct RPMPackageTests {
    static let rpm = ["/usr/bin/rpm", "/bin/rpm"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let canRun = rpm != nil && TestPackages.rpm != nil

    static func query(_ arguments: [String]) async throws -> String {
        try await SystemCommand.expectSuccess(try #require(rpm), arguments + [try #require(TestPackages.rpm).path])
    }

    @Test("rpm -qip: name, version, release, this machine's architecture",
          .enabled(if: canRun, "needs rpm and the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"))
    func metadata() async throws {
        let info = try await Self.query(["-qip"])
        var fields: [String: String] = [:]
        for line in info.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let machine = try await SystemCommand.expectSuccess("/usr/bin/uname", ["-m"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(fields["Name"] == "druidwatch")
        #expect(fields["Version"] == TestPackages.upstreamVersion)
        #expect(fields["Release"] == "1")
        #expect(fields["Architecture"] == machine)
        #expect(try await Self.query(["-qp", "--queryformat", "%{VERSION}"]) == TestPackages.upstreamVersion)
    }

    @Test("requires the libraries the binary links, by AL2023's package names",
          .enabled(if: canRun, "needs rpm and the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"))
    func requirements() async throws {
        let requires = Set(try await Self.query(["-qp", "--requires"]).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        #expect(requires.isSuperset(of: ["libcurl", "systemd-libs", "shadow-utils"]), "\(requires.sorted())")
        // Versioned as the binary's symbol version needs say, no newer than AL2023's glibc 2.34 and GCC 11.
        let glibc = try #require(requires.first { $0.hasPrefix("glibc >= ") }, "\(requires.sorted())")
        let glibcVersion = AmazonLinuxCompatibilityTests.components(String(glibc.dropFirst("glibc >= ".count)))
        let amazonLinuxGlibc = AmazonLinuxCompatibilityTests.components(AmazonLinuxCompatibilityTests.amazonLinuxGlibc)
        #expect(glibcVersion.count == 2 && !amazonLinuxGlibc.lexicographicallyPrecedes(glibcVersion), "\(glibc)")
        let libstdcxx = try #require(requires.first { $0.hasPrefix("libstdc++ >= ") }, "\(requires.sorted())")
        #expect((Double(libstdcxx.dropFirst("libstdc++ >= ".count)) ?? 99) <= 11, "\(libstdcxx)")
        // Package names only: sonames probed on the Debian build machine would not resolve there.
        #expect(!requires.contains { $0.contains(".so") }, "\(requires.sorted())")
    }

    @Test("rpm -qlp: the binary, units, configuration, alarms, dashboards and templates",
          .enabled(if: canRun, "needs rpm and the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"))
    func files() async throws {
        let files = Set(try await Self.query(["-qlp"]).split(separator: "\n").map(String.init))
        let expected = [
            "/usr/bin/druidwatch",
            "/usr/lib/systemd/system/druidwatch-agent.service",
            "/usr/lib/systemd/system/druidwatch-evaluator.service",
            "/usr/lib/systemd/system-preset/50-druidwatch.preset",
            "/etc/druidwatch/agent.yaml",
            "/etc/druidwatch/evaluator.yaml",
            "/var/lib/druidwatch",
            "/usr/share/druidwatch/alarms/query.yaml",
            "/usr/share/druidwatch/alarms/runbooks/DruidBrokerQueryLatencyHigh.md",
            "/usr/share/druidwatch/alarms/tests/query.test.yaml",
            "/usr/share/druidwatch/dashboards/overview.json",
            "/usr/share/druidwatch/cloudformation/druidwatch-launch-template.yaml",
            "/usr/share/druidwatch/druid/runtime.properties",
            "/usr/share/druidwatch/aws/user-data.sh",
            "/usr/share/doc/druidwatch/operator-guide.md",
        ]
        for path in expected {
            #expect(files.contains(path), "\(path) is not in the rpm")
        }
        // Every rule file and every runbook of the catalog.
        let alarms = Fixtures.repositoryRoot.appendingPathComponent("alarms")
        for name in try FileManager.default.contentsOfDirectory(atPath: alarms.appendingPathComponent("runbooks").path) {
            #expect(files.contains("/usr/share/druidwatch/alarms/runbooks/\(name)"), "runbook \(name) is not in the rpm")
        }
    }

    @Test("rpm -qcp: the two configuration files, kept across upgrades",
          .enabled(if: canRun, "needs rpm and the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"))
    func configurationFiles() async throws {
        let configs = try await Self.query(["-qcp"]).split(separator: "\n").map(String.init)
        #expect(configs.sorted() == ["/etc/druidwatch/agent.yaml", "/etc/druidwatch/evaluator.yaml"])
        // noreplace: an edited file stays and the new one lands beside it as .rpmnew.
        let flags = try await Self.query(["-qp", "--queryformat", "[%{FILENAMES} %{FILEFLAGS:fflags}\n]"])
        for config in configs {
            let line = flags.split(separator: "\n").first { $0.hasPrefix(config + " ") }
            #expect(line?.hasSuffix("cn") == true, "\(config): \(line ?? "not listed")")
        }
    }

    @Test("rpm -qp --scripts: the user, and the units enabled by preset but not started",
          .enabled(if: canRun, "needs rpm and the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"))
    func scriptlets() async throws {
        let scripts = try await Self.query(["-qp", "--scripts"])
        #expect(scripts.contains("useradd --system --gid druidwatch --home-dir /var/lib/druidwatch"), "\(scripts)")
        #expect(scripts.contains("systemctl --no-reload preset druidwatch-agent.service"), "\(scripts)")
        #expect(scripts.contains("systemctl try-restart"), "\(scripts)")
        let commands = scripts.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        #expect(!commands.contains { $0.contains("systemctl start") || $0.contains("enable --now") }, "\(scripts)")
    }
}
