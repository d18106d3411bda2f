import DruidWatchConfig
import DruidWatchTestSupport
import Foundation
import Testing

@Suite("Agent configuration: defaults and valid files")
struct ConfigDefaultsTests {
    @Test("An empty document means every default", arguments: ["", "\n", "   \n\n", "# only a comment\n", "---\n", "---\n# nothing set\n", "null\n"])
    func emptyDocumentIsAllDefaults(yaml: String) throws {
        let config = try AgentConfigLoader.parse(yaml: yaml, file: "agent.yaml")
        #expect(config == AgentConfig())

        #expect(config.cluster == nil)
        #expect(config.namespace == "Druid")
        #expect(config.naming == .druidwatch)
        #expect(config.period == .seconds(60))
        #expect(config.collectionInterval == .seconds(10))
        #expect(config.dimensions.isEmpty)

        #expect(config.identity.instanceId == .auto)
        #expect(config.identity.autoScalingGroup == .auto)
        #expect(config.identity.host == .auto)

        #expect(config.aws.region == nil)
        #expect(config.aws.profile == nil)
        #expect(config.aws.endpointURL == nil)
        #expect(config.aws.imds == true)
        #expect(config.aws.imdsEndpoint == "http://169.254.169.254")
        #expect(config.aws.connectTimeout == .seconds(5))
        #expect(config.aws.requestTimeout == .seconds(30))

        let host = config.sources.host
        #expect(host.enabled == true)
        #expect(host.procPath == "/proc")
        #expect(host.sysPath == "/sys")
        #expect(host.ignoreFilesystemTypes == AgentConfig.defaultIgnoredFilesystemTypes)
        #expect(host.ignoreFilesystemTypes.contains("tmpfs") && host.ignoreFilesystemTypes.contains("overlay"))
        #expect(host.ignoreMountPoints == ["/proc/*", "/sys/*", "/dev/*", "/run/*", "/snap/*", "/var/lib/docker/*"])
        #expect(host.ignoreDevices == ["loop*", "ram*", "zram*", "sr*", "fd*"])
        #expect(host.ignoreInterfaces == ["lo", "veth*"])

        let emitter = config.sources.druidEmitter
        #expect(emitter.enabled == true)
        #expect(emitter.host == "127.0.0.1")
        #expect(emitter.port == 8786)
        #expect(emitter.maximumBodyBytes == 8 * 1024 * 1024)
        #expect(emitter.basicAuth == nil)
        #expect(emitter.unknownMetrics == "drop")
        #expect(emitter.extraDimensions.isEmpty)
        #expect(emitter.allowHighCardinality.isEmpty)

        let zookeeper = config.sources.zookeeper
        #expect(zookeeper.enabled == false)
        #expect(zookeeper.host == "127.0.0.1")
        #expect(zookeeper.clientPort == 2181)
        #expect(zookeeper.adminURL == "http://127.0.0.1:8080/commands/monitor")
        #expect(zookeeper.timeout == .seconds(5))

        #expect(config.sources.jvm.enabled == true)
        #expect(config.sources.jvm.root == "/tmp")
        #expect(config.sources.jvm.includeNonDruid == false)

        let prometheus = config.sources.prometheus
        #expect(prometheus.targets.isEmpty)
        #expect(prometheus.keepUnknown == false)
        #expect(prometheus.timeout == .seconds(10))

        let health = config.sources.druidHealth
        #expect(health.enabled == true)
        #expect(health.discover == true)
        #expect(health.services.isEmpty)
        #expect(health.timeout == .seconds(5))
        #expect(health.secretId == nil)
        #expect(health.username == nil)
        #expect(health.password == nil)

        #expect(config.logging.level == .info)
    }

    @Test("An empty file on disk means every default")
    func emptyFileOnDisk() throws {
        let file = try TemporaryFile(text: "")
        defer { file.remove() }
        #expect(try AgentConfigLoader.load(path: file.path) == AgentConfig())
    }

    @Test("packaging/examples/agent.yaml loads without issues and matches the defaults it documents")
    func productionExample() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("packaging/examples/agent.yaml").path
        let config = try AgentConfigLoader.load(path: path)
        // The file says "the value shown is the default unless marked 'example'"; only
        // cluster and the log files are marked.
        var expected = AgentConfig()
        expected.cluster = "prod-druid"
        expected.logs.enabled = true
        expected.logs.files = [LogsConfig.File(path: "/var/log/druid/*.log")]
        #expect(config == expected)
    }

    @Test("packaging/examples/agent-local.yaml loads without issues")
    func localExample() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("packaging/examples/agent-local.yaml").path
        let config = try AgentConfigLoader.load(path: path)
        #expect(config.cluster == "local-demo")
        #expect(config.namespace == "Druid")
        #expect(config.period == .seconds(10))
        #expect(config.collectionInterval == .seconds(5))
        #expect(config.identity.instanceId == IdentityValue.none)
        #expect(config.identity.autoScalingGroup == IdentityValue.none)
        #expect(config.identity.host == .auto)
        #expect(config.aws.region == "us-east-1")
        #expect(config.aws.endpointURL == "http://127.0.0.1:5000")
        #expect(config.aws.imds == false)
        #expect(config.sources.druidEmitter.host == "127.0.0.1")
        #expect(config.sources.druidEmitter.port == 8786)
        #expect(config.logging.level == .info)
    }

    @Test("Every key set: each value reaches AgentConfig")
    func everyKeySet() throws {
        let passwordFile = Fixtures.url("config/emitter-password").path
        let yaml = try Fixtures.string("config/full.yaml").replacingOccurrences(of: "PASSWORD_FILE", with: passwordFile)
        let config = try AgentConfigLoader.parse(yaml: yaml, file: "full.yaml")

        #expect(config.cluster == "analytics")
        #expect(config.namespace == "Custom/Druid")
        #expect(config.naming == .awsSolution)
        #expect(config.period == .seconds(300))
        #expect(config.collectionInterval == .seconds(30))
        #expect(config.dimensions == [.init(name: "Environment", value: "production"), .init(name: "Team", value: "data")])
        #expect(config.identity.instanceId == IdentityValue.none)
        #expect(config.identity.autoScalingGroup == .literal("druid-historicals"))
        #expect(config.identity.host == .auto)

        #expect(config.aws.region == "eu-west-1")
        #expect(config.aws.profile == "druidwatch")
        #expect(config.aws.endpointURL == "https://monitoring.eu-west-1.amazonaws.com")
        #expect(config.aws.imds == false)
        #expect(config.aws.imdsEndpoint == "http://[fd00:ec2::254]")
        #expect(config.aws.connectTimeout == .milliseconds(1500))
        #expect(config.aws.requestTimeout == .seconds(60))

        let host = config.sources.host
        #expect(host.enabled == false)
        #expect(host.procPath == "/host/proc")
        #expect(host.sysPath == "/host/sys")
        #expect(host.ignoreFilesystemTypes == ["tmpfs"])
        #expect(host.ignoreMountPoints == [])
        #expect(host.ignoreDevices == ["nbd*"])
        #expect(host.ignoreInterfaces == ["lo", "docker0"])

        let emitter = config.sources.druidEmitter
        #expect(emitter.enabled == true)
        #expect(emitter.host == "::1")
        #expect(emitter.port == 9000)
        #expect(emitter.maximumBodyBytes == 1_048_576)
        #expect(emitter.basicAuth == .init(username: "druid", password: "s3cret"))
        #expect(emitter.unknownMetrics == "service_only")
        #expect(emitter.extraDimensions == ["query/time": ["dataSource", "type"]])
        #expect(emitter.allowHighCardinality == ["taskId"])

        let zookeeper = config.sources.zookeeper
        #expect(zookeeper.enabled == true)
        #expect(zookeeper.host == "zk.internal")
        #expect(zookeeper.clientPort == 2281)
        #expect(zookeeper.adminURL == nil)
        #expect(zookeeper.timeout == .seconds(2))

        #expect(config.sources.jvm.enabled == false)
        #expect(config.sources.jvm.root == "/var/tmp")
        #expect(config.sources.jvm.includeNonDruid == true)

        let prometheus = config.sources.prometheus
        #expect(prometheus.targets == ["http://127.0.0.1:19091/metrics", "https://exporter.internal/metrics"])
        #expect(prometheus.keepUnknown == true)
        #expect(prometheus.timeout == .seconds(3))

        let health = config.sources.druidHealth
        #expect(health.enabled == true)
        #expect(health.discover == false)
        #expect(health.services == ["broker": "http://127.0.0.1:8082", "middleManager": "https://10.0.0.5:8291"])
        #expect(health.timeout == .milliseconds(2500))
        #expect(health.secretId == "druid/system-account")
        #expect(health.username == nil)
        #expect(health.password == nil)

        #expect(config.logging.level == .debug)
    }

    @Test("collection_interval defaults to the period when the period is shorter than 10s",
          arguments: [("1s", 1), ("5s", 5), ("10s", 10), ("30s", 10), ("2m", 10)])
    func intervalFollowsShortPeriod(period: String, expectedSeconds: Int) throws {
        let config = try AgentConfigLoader.parse(yaml: "period: \(period)\n", file: "agent.yaml")
        #expect(config.collectionInterval == .seconds(expectedSeconds))
    }

    @Test("naming: aws_solution changes the default namespace, not a given one")
    func awsSolutionNaming() throws {
        let preset = try AgentConfigLoader.parse(yaml: "naming: aws_solution\n", file: "agent.yaml")
        #expect(preset.naming == .awsSolution)
        #expect(preset.namespace == "AWSSolutions/Druid")

        let given = try AgentConfigLoader.parse(yaml: "naming: aws_solution\nnamespace: Mine\n", file: "agent.yaml")
        #expect(given.namespace == "Mine")
    }

    @Test("Booleans, identity words, log levels and basic auth with an inline password")
    func valueSpellings() throws {
        for (text, value) in [("true", true), ("yes", true), ("on", true), ("True", true), ("false", false), ("no", false), ("off", false), ("OFF", false)] {
            let config = try AgentConfigLoader.parse(yaml: "aws:\n  imds: \(text)\n", file: "agent.yaml")
            #expect(config.aws.imds == value, "imds: \(text)")
        }
        for level in LogLevel.allCases {
            let config = try AgentConfigLoader.parse(yaml: "logging:\n  level: \(level.rawValue)\n", file: "agent.yaml")
            #expect(config.logging.level == level)
        }
        let identity = try AgentConfigLoader.parse(yaml: "identity:\n  instance_id: i-0abc\n  auto_scaling_group: auto\n  host: none\n", file: "agent.yaml")
        #expect(identity.identity.instanceId == .literal("i-0abc"))
        #expect(identity.identity.autoScalingGroup == .auto)
        #expect(identity.identity.host == IdentityValue.none)

        let auth = try AgentConfigLoader.parse(yaml: """
            sources:
              druid_emitter:
                basic_auth:
                  username: druid
                  password: "p:a:ss"
            """, file: "agent.yaml")
        #expect(auth.sources.druidEmitter.basicAuth == .init(username: "druid", password: "p:a:ss"))
        let account = try AgentConfigLoader.parse(yaml: "sources:\n  druid_health:\n    credentials:\n      username: admin\n      password: pw\n", file: "a.yaml")
        #expect(account.sources.druidHealth.username == "admin")
        #expect(account.sources.druidHealth.password == "pw")
        #expect(account.sources.druidHealth.secretId == nil)
        #expect(try AgentConfigLoader.parse(yaml: "sources:\n  zookeeper:\n    admin_url: https://zk:8443/commands/monitor\n", file: "a.yaml")
            .sources.zookeeper.adminURL == "https://zk:8443/commands/monitor")
    }
}
