import DruidWatchCore
import Foundation
import Testing

/// `/proc/<pid>/cmdline` of Druid JVMs as `bin/run-druid` and a MiddleManager start them.
@Suite struct DruidCommandLineDiscoveryTests {
    /// `bin/start-cluster-master-no-zk-server` → `run-druid coordinator-overlord conf/druid/cluster/master`
    /// in a distribution unpacked at /opt/druid (run-druid makes CONFDIR absolute).
    static let coordinatorOverlord = [
        "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
        "-Ddruid.node.type=coordinator-overlord",
        "-Ddruid.log.path=/opt/druid/bin/../log",
        "-server", "-Xms15g", "-Xmx15g", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseG1GC",
        "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", "-Djava.io.tmpdir=var/tmp",
        "-Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager",
        "-Dderby.stream.error.file=var/druid/derby.log",
        "-cp",
        "/opt/druid/conf/druid/cluster/master/coordinator-overlord:/opt/druid/conf/druid/cluster/master/_common:/opt/druid/conf/druid/cluster/master/_common/hadoop-xml:/opt/druid/conf/druid/cluster/master/../_common:/opt/druid/conf/druid/cluster/master/../_common/hadoop-xml:/opt/druid/bin/../lib/*",
        "org.apache.druid.cli.Main", "server", "coordinator",
    ]

    /// A peon as ForkingTaskRunner starts it: class path first, the task's port as a property.
    static let peon = [
        "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
        "-cp", "conf/druid/cluster/data/middleManager:conf/druid/cluster/data/_common:conf/druid/cluster/_common:lib/druid-server-30.0.0.jar:lib/*",
        "-server", "-Xms1g", "-Xmx1g", "-XX:MaxDirectMemorySize=1g",
        "-Ddruid.host=ip-10-0-1-17.ec2.internal", "-Ddruid.plaintextPort=8102", "-Ddruid.tlsPort=-1",
        "-Ddruid.task.executor.service=druid/middleManager",
        "-Ddruid.indexer.task.baseTaskDir=var/druid/task",
        "org.apache.druid.cli.Main", "internal", "peon",
        "var/druid/task/slot2/index_kafka_wikipedia_8a1f_glkdhpbo", "--loadBroadcastDatasourceMode", "ALL",
    ]

    private func raw(_ arguments: [String]) -> [UInt8] {
        Array(arguments.joined(separator: "\0").utf8) + [0]
    }

    @Test func coordinatorOverlordFromRunDruid() throws {
        let parsed = try #require(DruidProcessCommandLine.parse(raw(Self.coordinatorOverlord)))
        #expect(parsed.kind == .coordinator)
        #expect(parsed.configDirectories == [
            "/opt/druid/conf/druid/cluster/master/coordinator-overlord",
            "/opt/druid/conf/druid/cluster/master/_common",
            "/opt/druid/conf/druid/cluster/master/_common/hadoop-xml",
            "/opt/druid/conf/druid/cluster/master/../_common",
            "/opt/druid/conf/druid/cluster/master/../_common/hadoop-xml",
        ])
        #expect(parsed.systemProperties["druid.node.type"] == "coordinator-overlord")
        #expect(parsed.systemProperties["java.io.tmpdir"] == "var/tmp")
        #expect(parsed.systemProperties["druid.plaintextPort"] == nil)
    }

    @Test func peonWithItsPort() throws {
        let parsed = try #require(DruidProcessCommandLine.parse(raw(Self.peon)))
        #expect(parsed.kind == .peon)
        #expect(parsed.configDirectories == ["conf/druid/cluster/data/middleManager", "conf/druid/cluster/data/_common", "conf/druid/cluster/_common"])
        #expect(parsed.systemProperties.listenAddress(for: .peon)?.port == 8102)
    }

    @Test(arguments: [
        ("broker", DruidServiceKind.broker), ("historical", .historical), ("middleManager", .middleManager),
        ("router", .router), ("overlord", .overlord), ("indexer", .indexer), ("coordinator", .coordinator),
    ])
    func everyServerKind(name: String, kind: DruidServiceKind) {
        let arguments = ["java", "-classpath", "conf/druid/single-server/micro-quickstart/\(name):lib/*", "org.apache.druid.cli.Main", "server", name]
        #expect(DruidProcessCommandLine.parse(raw(arguments))?.kind == kind)
        #expect(DruidProcessCommandLine.parse(arguments: arguments)?.configDirectories == ["conf/druid/single-server/micro-quickstart/\(name)"])
    }

    @Test func olderPackageAndClassPathForms() {
        let legacy = DruidProcessCommandLine.parse(arguments: ["java", "--class-path=/etc/druid/broker/:/etc/druid/_common", "io.druid.cli.Main", "server", "broker"])
        #expect(legacy?.kind == .broker)
        #expect(legacy?.configDirectories == ["/etc/druid/broker", "/etc/druid/_common"])
    }

    @Test func notDruid() {
        #expect(DruidProcessCommandLine.parse(raw(["/usr/sbin/sshd", "-D"])) == nil)
        #expect(DruidProcessCommandLine.parse(raw(["java", "-cp", "zookeeper.jar", "org.apache.zookeeper.server.quorum.QuorumPeerMain", "zoo.cfg"])) == nil)
        #expect(DruidProcessCommandLine.parse(raw(["java", "org.apache.druid.cli.Main", "tools", "dump-segment"])) == nil)
        #expect(DruidProcessCommandLine.parse(raw(["java", "org.apache.druid.cli.Main", "server", "peon"])) == nil)
        #expect(DruidProcessCommandLine.parse(raw(["java", "org.apache.druid.cli.Main", "internal", "hadoop-indexer"])) == nil)
        #expect(DruidProcessCommandLine.parse(raw(["grep", "org.apache.druid.cli.Main server broker"])) == nil)
        #expect(DruidProcessCommandLine.parse([UInt8]()) == nil)
        // A kernel thread has an empty cmdline; a zombie too.
        #expect(DruidProcessCommandLine.parse([UInt8](repeating: 0, count: 3)) == nil)
    }

    @Test func truncatedCommandLines() throws {
        let full = raw(Self.coordinatorOverlord)
        // Cut anywhere before the service name: not recognised, never a crash.
        let mainEnd = full.count - "server\0coordinator\0".count
        for length in stride(from: 0, to: mainEnd, by: 7) {
            #expect(DruidProcessCommandLine.parse(full.prefix(length)) == nil)
        }
        // Cut inside the class path argument: the main class is missing too.
        #expect(DruidProcessCommandLine.parse(full.prefix(400)) == nil)
        // Without the trailing NUL the last argument still counts.
        let withoutTerminator = try #require(DruidProcessCommandLine.parse(full.dropLast()))
        #expect(withoutTerminator.kind == .coordinator)
        // "-cp" as the last argument before the main class (its value cut away by a rewrite).
        let dangling = DruidProcessCommandLine.parse(arguments: ["java", "-cp", "org.apache.druid.cli.Main", "server", "broker"])
        #expect(dangling?.kind == .broker && dangling?.configDirectories == [])
    }

    @Test func invalidUTF8InArguments() throws {
        var bytes = raw(["java", "-Ddruid.service=druid/br"])
        bytes.removeLast()
        bytes += [0xFF, 0xFE, 0]
        bytes += raw(["-cp", "/opt/dr\u{FFFD}id/conf:lib/*", "org.apache.druid.cli.Main", "server", "broker"])
        let parsed = try #require(DruidProcessCommandLine.parse(bytes))
        #expect(parsed.kind == .broker)
        #expect(parsed.systemProperties.serviceName == "druid/br\u{FFFD}\u{FFFD}")
    }
}
