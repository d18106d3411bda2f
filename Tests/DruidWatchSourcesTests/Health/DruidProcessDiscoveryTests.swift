import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Testing

/// Discovery on a fake proc tree: a Druid distribution copied to <tmp>/opt/druid with
/// the fixture configuration, and `<tmp>/proc/<pid>/{cmdline,cwd}` for its processes.
@Suite struct DruidProcessDiscoveryTests {
    final class FakeHost {
        let root: URL
        var proc: URL { root.appendingPathComponent("proc") }
        var druidHome: String { root.appendingPathComponent("opt/druid").path }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-discovery-\(UUID().uuidString)")
            let conf = root.appendingPathComponent("opt/druid/conf")
            try FileManager.default.createDirectory(at: conf, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Fixtures.url("druid/conf/druid"), to: conf.appendingPathComponent("druid"))
            try FileManager.default.createDirectory(at: proc, withIntermediateDirectories: true)
        }

        deinit {
            try? FileManager.default.removeItem(at: root)
        }

        /// A process started by `bin/run-druid <name> conf/druid/cluster/<group>` (CONFDIR made absolute).
        func runDruid(pid: Int, name: String, group: String, server: String, extra: [String] = []) throws {
            let confDir = "\(druidHome)/conf/druid/cluster/\(group)"
            let classPath = ["\(confDir)/\(name)", "\(confDir)/_common", "\(confDir)/_common/hadoop-xml", "\(confDir)/../_common",
                             "\(confDir)/../_common/hadoop-xml", "\(druidHome)/bin/../lib/*"].joined(separator: ":")
            try process(pid: pid, arguments: ["java", "-Ddruid.node.type=\(name)", "-Ddruid.log.path=\(druidHome)/log", "-server", "-Xmx1g"]
                + extra + ["-cp", classPath, "org.apache.druid.cli.Main", "server", server], cwd: druidHome)
        }

        func process(pid: Int, arguments: [String], cwd: String?) throws {
            try process(pid: pid, cmdline: Data((arguments.joined(separator: "\0") + "\0").utf8), cwd: cwd)
        }

        func process(pid: Int, cmdline: Data, cwd: String?) throws {
            let directory = proc.appendingPathComponent(String(pid))
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try cmdline.write(to: directory.appendingPathComponent("cmdline"))
            if let cwd {
                try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("cwd").path, withDestinationPath: cwd)
            }
        }

        func discovery(maximumFileBytes: Int = 1 << 20) -> DruidProcessDiscovery {
            DruidProcessDiscovery(procRoot: proc.path, maximumFileBytes: maximumFileBytes)
        }
    }

    @Test func clusterLayout() throws {
        let host = try FakeHost()
        try host.runDruid(pid: 1201, name: "coordinator-overlord", group: "master", server: "coordinator")
        try host.runDruid(pid: 1302, name: "broker", group: "query", server: "broker")
        try host.runDruid(pid: 1303, name: "router", group: "query", server: "router")
        try host.runDruid(pid: 1404, name: "historical", group: "data", server: "historical")
        try host.runDruid(pid: 1405, name: "middleManager", group: "data", server: "middleManager")
        // A peon of that MiddleManager, relative class path from its working directory.
        try host.process(pid: 1506, arguments: [
            "java", "-cp", "conf/druid/cluster/data/middleManager:conf/druid/cluster/data/_common:conf/druid/cluster/_common:lib/*",
            "-Ddruid.plaintextPort=8100", "-Ddruid.service=druid/peon",
            "org.apache.druid.cli.Main", "internal", "peon", "var/druid/task/slot0/index_kafka_x/attempt1",
        ], cwd: host.druidHome)
        // Not Druid, a kernel thread, a process that has gone, and a non-pid entry.
        try host.process(pid: 1, arguments: ["/sbin/init"], cwd: "/")
        try host.process(pid: 2, cmdline: Data(), cwd: nil)
        try FileManager.default.createDirectory(at: host.proc.appendingPathComponent("3"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: host.proc.appendingPathComponent("self"), withIntermediateDirectories: true)

        let discovery = host.discovery()
        let coordinator = try #require(discovery.process(pid: 1201))
        #expect(coordinator.properties["druid.zk.paths.base"] == "/druid", "common.runtime.properties from ../_common")
        #expect(coordinator.propertiesFiles.map { $0.replacingOccurrences(of: host.druidHome, with: "") } == [
            "/conf/druid/cluster/master/../_common/common.runtime.properties",
            "/conf/druid/cluster/master/coordinator-overlord/runtime.properties",
        ])
        #expect(coordinator.properties["druid.node.type"] == "coordinator-overlord")

        let targets = discovery.discover()
        #expect(targets.map { "\($0.kind.rawValue) \($0.baseURL) \($0.serviceName)" } == [
            "coordinator http://127.0.0.1:8081 druid/coordinator",
            "overlord http://127.0.0.1:8081 druid/overlord",
            "broker http://127.0.0.1:8082 druid/broker",
            "historical https://127.0.0.1:8283 druid/historical",
            "middleManager http://127.0.0.1:8091 druid/middleManager",
            "peon http://127.0.0.1:8100 druid/peon",
            "router http://127.0.0.1:8888 druid/router",
        ])
    }

    @Test func systemPropertiesOverrideFilesAndDefaultsFillGaps() throws {
        let host = try FakeHost()
        try host.runDruid(pid: 10, name: "broker", group: "query", server: "broker", extra: ["-Ddruid.plaintextPort=9082"])
        // A conf directory without runtime.properties: the documented default port.
        try FileManager.default.createDirectory(atPath: "\(host.druidHome)/conf/druid/custom/overlord", withIntermediateDirectories: true)
        try host.process(pid: 11, arguments: ["java", "-cp", "\(host.druidHome)/conf/druid/custom/overlord:lib/*",
                                              "org.apache.druid.cli.Main", "server", "overlord"], cwd: nil)
        // Relative class path and no readable cwd (another user's process): defaults.
        try host.process(pid: 12, arguments: ["java", "-cp", "conf/druid/cluster/query/router", "org.apache.druid.cli.Main", "server", "router"], cwd: nil)
        #expect(host.discovery().discover().map(\.baseURL) == ["http://127.0.0.1:8090", "http://127.0.0.1:9082", "http://127.0.0.1:8888"])
    }

    @Test func configuredServicesOverrideDiscoveredOnesOfTheirKind() throws {
        let discovered = [
            DruidHealthTarget(kind: .broker, baseURL: "http://127.0.0.1:8082"),
            DruidHealthTarget(kind: .router, baseURL: "http://127.0.0.1:8888"),
        ]
        let configured = [DruidHealthTarget(kind: .broker, baseURL: "https://broker.internal:8282/", serviceName: "druid/broker-hot")]
        let merged = DruidHealthTarget.merge(configured: configured, discovered: discovered)
        #expect(merged.map(\.description) == ["broker at https://broker.internal:8282", "router at http://127.0.0.1:8888"])
        #expect(merged.first?.serviceName == "druid/broker-hot")
        #expect(DruidHealthTarget.merge(configured: configured + configured, discovered: []).count == 1)

        let host = try FakeHost()
        try host.runDruid(pid: 20, name: "broker", group: "query", server: "broker")
        try host.runDruid(pid: 21, name: "router", group: "query", server: "router")
        let source = DruidHealthSource(options: .init(services: configured, discovery: host.discovery()), httpClient: CurlHTTPClient())
        #expect(source.targets().map(\.baseURL) == ["https://broker.internal:8282", "http://127.0.0.1:8888"])
    }

    @Test func badFilesInTheTree() throws {
        let host = try FakeHost()
        // A truncated command line (cut before the service name) is not a Druid process.
        let full = Data(("java\0-cp\0\(host.druidHome)/conf/druid/cluster/query/broker\0org.apache.druid.cli.Main\0server\0broker\0").utf8)
        try host.process(pid: 30, cmdline: full.prefix(full.count - 10), cwd: nil)
        // A huge runtime.properties is read only up to the limit; what fits still counts.
        let big = "\(host.druidHome)/conf/druid/big/historical"
        try FileManager.default.createDirectory(atPath: big, withIntermediateDirectories: true)
        var text = "druid.plaintextPort=18083\n"
        text += String(repeating: "druid.padding=" + String(repeating: "x", count: 1000) + "\n", count: 3000)
        text += "druid.service=never/read\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: big + "/runtime.properties"))
        // Invalid UTF-8 inside a properties file.
        let odd = "\(host.druidHome)/conf/druid/odd/router"
        try FileManager.default.createDirectory(atPath: odd, withIntermediateDirectories: true)
        try Data([0xFF, 0xFE] + Array("\ndruid.plaintextPort=18888\ndruid.service=druid/r\u{00}".utf8) + [0xC0, 0x0A]).write(to: URL(fileURLWithPath: odd + "/runtime.properties"))
        try host.process(pid: 31, arguments: ["java", "-cp", big, "org.apache.druid.cli.Main", "server", "historical"], cwd: nil)
        try host.process(pid: 32, arguments: ["java", "-cp", odd, "org.apache.druid.cli.Main", "server", "router"], cwd: nil)

        let targets = host.discovery(maximumFileBytes: 64 << 10).discover()
        #expect(targets.map(\.description) == ["historical at http://127.0.0.1:18083", "router at http://127.0.0.1:18888"])
        #expect(targets.map(\.serviceName) == ["druid/historical", "druid/r\u{00}\u{FFFD}"])
    }

    @Test func missingProcRootFindsNothing() {
        #expect(DruidProcessDiscovery(procRoot: "/nonexistent/proc").discover().isEmpty)
    }

    /// The real /proc of this machine: whatever runs here, discovery does not fail.
    @Test func realProc() {
        _ = DruidProcessDiscovery().discover()
    }
}
