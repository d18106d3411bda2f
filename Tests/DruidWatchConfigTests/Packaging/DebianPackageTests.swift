import DruidWatchTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The .deb on this machine, as an operator uses it: install, edit the configuration,
/// upgrade, remove, purge. It changes the real system (dpkg's database, /etc, a system
/// user), so it runs as root only, one step at a time, and purges the package before and
/// after, whatever happens in between.
@Suite(.serialized) struct DebianPackageTests {
    static let dpkg = "/usr/bin/dpkg"
    static let dpkgQuery = "/usr/bin/dpkg-query"
    static let getent = "/usr/bin/getent"
    static let agentUnitLink = "/etc/systemd/system/multi-user.target.wants/druidwatch-agent.service"
    static let evaluatorUnitLink = "/etc/systemd/system/multi-user.target.wants/druidwatch-evaluator.service"
    static let canRun = getuid() == 0 && FileManager.default.isExecutableFile(atPath: dpkg)
        && TestPackages.firstDeb != nil && TestPackages.secondDeb != nil

    static func exists(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0
    }

    static func purge() async throws {
        let purge = try await SystemCommand.run(dpkg, ["--purge", "druidwatch"])
        #expect(purge.exitCode == 0, "\(purge.output)")
    }

    /// Processes running the installed binary: the package must start none.
    static func processesRunningTheInstalledBinary() -> [String] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return pids.filter { pid in
            guard pid.allSatisfy(\.isNumber),
                  let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe") else { return false }
            return executable.hasPrefix("/usr/bin/druidwatch")
        }
    }

    @Test("installs, keeps the edited configuration across an upgrade, removes, purges",
          .enabled(if: canRun, "needs root, dpkg and the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"),
          .timeLimit(.minutes(5)))
    func lifecycle() async throws {
        try await Self.purge()
        do {
            try await installUpgradeRemovePurge()
        } catch {
            try await Self.purge()
            throw error
        }
        try await Self.purge()
    }

    private func installUpgradeRemovePurge() async throws {
        let first = try #require(TestPackages.firstDeb), second = try #require(TestPackages.secondDeb)
        let version = try #require(TestPackages.upstreamVersion)

        // Install.
        try await SystemCommand.expectSuccess(Self.dpkg, ["--install", first.path])
        #expect(try await SystemCommand.expectSuccess(Self.dpkgQuery, ["-W", "-f", "${Version}", "druidwatch"]) == "\(version)-1")
        #expect(try await SystemCommand.expectSuccess("/usr/bin/druidwatch", ["version"]) == "druidwatch \(version)\n")
        for path in ["/usr/lib/systemd/system/druidwatch-agent.service", "/usr/lib/systemd/system/druidwatch-evaluator.service",
                     "/usr/share/druidwatch/alarms/query.yaml", "/usr/share/druidwatch/alarms/runbooks/DruidBrokerQueryLatencyHigh.md",
                     "/usr/share/druidwatch/alarms/tests/query.test.yaml", "/usr/share/druidwatch/dashboards/overview.json",
                     "/usr/share/druidwatch/cloudformation/druidwatch-agent-iam.yaml", "/usr/share/druidwatch/examples/agent.yaml",
                     "/usr/share/druidwatch/druid/runtime.properties", "/usr/share/druidwatch/aws/user-data.sh",
                     "/usr/share/doc/druidwatch/README.md", "/usr/share/doc/druidwatch/operator-guide.md"] {
            #expect(Self.exists(path), "\(path) is not installed")
        }
        let shipped = try String(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("packaging/examples/agent.yaml"), encoding: .utf8)
        #expect(try String(contentsOfFile: "/etc/druidwatch/agent.yaml", encoding: .utf8) == shipped)
        let conffiles = try await SystemCommand.expectSuccess(Self.dpkgQuery, ["-W", "-f", "${Conffiles}", "druidwatch"])
        #expect(conffiles.contains("/etc/druidwatch/agent.yaml") && conffiles.contains("/etc/druidwatch/evaluator.yaml"), "\(conffiles)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/etc/druidwatch/alarms") == "/usr/share/druidwatch/alarms")
        // The shipped configuration passes the check the unit runs before every start.
        try await SystemCommand.expectSuccess("/usr/bin/druidwatch", ["check-config", "/etc/druidwatch/agent.yaml"])

        // The system user: no login, its home the state directory.
        let user = try await SystemCommand.expectSuccess(Self.getent, ["passwd", "druidwatch"])
        let fields = user.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":", omittingEmptySubsequences: false)
        #expect(fields.count == 7 && fields[5] == "/var/lib/druidwatch" && fields[6].hasSuffix("nologin"), "\(user)")
        #expect(Self.exists("/var/lib/druidwatch"))

        // Enabled, not started; the evaluator (one per cluster) is left to the operator.
        #expect(Self.exists(Self.agentUnitLink), "the agent is not enabled")
        #expect(!Self.exists(Self.evaluatorUnitLink), "the evaluator is enabled on every instance")
        #expect(Self.processesRunningTheInstalledBinary().isEmpty)

        // The operator configures; the state directory gets something to keep.
        let edit = "\n# set by the packaging test\n"
        let edited = shipped + edit
        try edited.write(toFile: "/etc/druidwatch/agent.yaml", atomically: true, encoding: .utf8)
        try "kept".write(toFile: "/var/lib/druidwatch/marker", atomically: true, encoding: .utf8)

        // Upgrade: the edit and the state survive, the new package's files are in.
        try await SystemCommand.expectSuccess(Self.dpkg, ["--install", second.path])
        #expect(try await SystemCommand.expectSuccess(Self.dpkgQuery, ["-W", "-f", "${Version}", "druidwatch"]) == "\(version)-2")
        #expect(try await SystemCommand.expectSuccess("/usr/bin/druidwatch", ["version"]) == "druidwatch \(version)\n")
        #expect(try String(contentsOfFile: "/etc/druidwatch/agent.yaml", encoding: .utf8) == edited)
        #expect(Self.exists("/var/lib/druidwatch/marker"))
        #expect(Self.exists(Self.agentUnitLink))
        #expect(Self.processesRunningTheInstalledBinary().isEmpty)

        // Remove: the program goes, the configuration, state and user stay.
        try await SystemCommand.expectSuccess(Self.dpkg, ["--remove", "druidwatch"])
        #expect(!Self.exists("/usr/bin/druidwatch"))
        #expect(!Self.exists("/usr/lib/systemd/system/druidwatch-agent.service"))
        #expect(try String(contentsOfFile: "/etc/druidwatch/agent.yaml", encoding: .utf8) == edited)
        #expect(Self.exists("/var/lib/druidwatch/marker"))
        #expect(try await SystemCommand.run(Self.getent, ["passwd", "druidwatch"]).exitCode == 0)
        let status = try await SystemCommand.expectSuccess(Self.dpkgQuery, ["-W", "-f", "${Status}", "druidwatch"])
        #expect(status == "deinstall ok config-files", "\(status)")

        // Purge: nothing of it is left.
        try await SystemCommand.expectSuccess(Self.dpkg, ["--purge", "druidwatch"])
        for path in ["/etc/druidwatch", "/var/lib/druidwatch", Self.agentUnitLink, "/etc/systemd/system/druidwatch-agent.service"] {
            #expect(!Self.exists(path), "\(path) survived the purge")
        }
        #expect(try await SystemCommand.run(Self.getent, ["passwd", "druidwatch"]).exitCode != 0)
        #expect(try await SystemCommand.run(Self.getent, ["group", "druidwatch"]).exitCode != 0)
        let afterPurge = try await SystemCommand.run(Self.dpkg, ["--status", "druidwatch"])
        #expect(afterPurge.exitCode != 0 && afterPurge.output.contains("not installed"), "\(afterPurge.output)")
    }
}
