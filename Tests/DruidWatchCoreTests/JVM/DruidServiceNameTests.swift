import DruidWatchCore
import Testing

@Suite struct DruidServiceNameTests {
    @Test(arguments: [
        ("org.apache.druid.cli.Main server historical", "druid/historical"),
        ("org.apache.druid.cli.Main server broker", "druid/broker"),
        ("org.apache.druid.cli.Main server overlord", "druid/overlord"),
        ("org.apache.druid.cli.Main server router", "druid/router"),
        ("org.apache.druid.cli.Main server middleManager", "druid/middlemanager"),
        ("org.apache.druid.cli.Main server indexer", "druid/indexer"),
        // A coordinator running the overlord too is still druid/coordinator.
        ("org.apache.druid.cli.Main server coordinator", "druid/coordinator"),
        ("org.apache.druid.cli.Main  server\thistorical  ", "druid/historical"),
        ("org.apache.druid.cli.Main internal peon var/druid/task/index_kafka_wiki_1 1 --taskId index_kafka_wiki_1", "druid/peon"),
        ("org.apache.druid.cli.Main internal peon /tmp/task.json /tmp/status.json /tmp/report.json", "druid/peon"),
        ("io.druid.cli.Main server historical", "druid/historical"),
        ("org.apache.druid.cli.Main server newservice", "druid/newservice"),
    ])
    func druidServices(_ command: String, _ service: String) {
        #expect(DruidServiceName.from(javaCommand: command) == service)
    }

    @Test(arguments: [
        "",
        "org.apache.druid.cli.Main",
        "org.apache.druid.cli.Main server",
        "org.apache.druid.cli.Main tools dump-segment --directory /x",
        "org.apache.druid.cli.Main index hadoop spec.json",
        "org.apache.druid.cli.Main internal hadoop-indexer spec.json",
        "org.apache.zookeeper.server.quorum.QuorumPeerMain /etc/zookeeper/zoo.cfg",
        "kafka.Kafka config/server.properties",
        "/opt/app/server.jar server historical",
        "com.example.org.apache.druid.cli.Main server historical",
    ])
    func notDruidServices(_ command: String) {
        #expect(DruidServiceName.from(javaCommand: command) == nil)
    }

    @Test(arguments: [
        ("org.apache.zookeeper.server.quorum.QuorumPeerMain /etc/zookeeper/zoo.cfg", "jvm/QuorumPeerMain"),
        ("kafka.Kafka config/server.properties", "jvm/Kafka"),
        ("Sleeper", "jvm/Sleeper"),
        ("/opt/kafka/libs/kafka-server.jar --config x", "jvm/kafka-server"),
        ("app.jar", "jvm/app"),
        (".jar", "jvm/unknown"),
        ("", "jvm/unknown"),
        ("   ", "jvm/unknown"),
    ])
    func otherJVMs(_ command: String, _ name: String) {
        #expect(DruidServiceName.otherJVM(javaCommand: command) == name)
    }

    @Test func aJVMWithoutACommandLine() {
        #expect(DruidServiceName.otherJVM(javaCommand: nil) == "jvm/unknown")
    }
}
