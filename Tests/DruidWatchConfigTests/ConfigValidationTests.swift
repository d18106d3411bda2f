import DruidWatchConfig
import Foundation
import Testing

/// Each kind of problem the loader reports, with the exact `file:line: field: message`.
@Suite("Agent configuration: each validation error")
struct ConfigValidationTests {
    // MARK: Keys

    static let unknownKeys: [InvalidCase] = [
        InvalidCase("colection_interval: 5s\n",
                    "agent.yaml:1: colection_interval: unknown key 'colection_interval' (did you mean 'collection_interval'?); allowed: \(topLevelKeys)"),
        InvalidCase("cluster: a\nLogging:\n  level: info\n",
                    "agent.yaml:2: Logging: unknown key 'Logging' (did you mean 'logging'?); allowed: \(topLevelKeys)"),
        InvalidCase("metrics_port: 9100\n",
                    "agent.yaml:1: metrics_port: unknown key 'metrics_port'; allowed: \(topLevelKeys)"),
        InvalidCase("identity:\n  host: auto\n  hots: web-1\n",
                    "agent.yaml:3: identity.hots: unknown key 'hots' (did you mean 'host'?); allowed: instance_id, auto_scaling_group, host"),
        InvalidCase("logging:\n  level: info\n  format: json\n",
                    "agent.yaml:3: logging.format: unknown key 'format'; allowed: level"),
        InvalidCase("aws:\n  regoin: us-east-1\n",
                    "agent.yaml:2: aws.regoin: unknown key 'regoin' (did you mean 'region'?); allowed: region, profile, endpoint_url, imds, imds_endpoint, connect_timeout, request_timeout"),
        InvalidCase("sources:\n  host:\n    ignore_device: [sda]\n",
                    "agent.yaml:3: sources.host.ignore_device: unknown key 'ignore_device' (did you mean 'ignore_devices'?); allowed: enabled, proc_path, sys_path, ignore_filesystem_types, ignore_mount_points, ignore_devices, ignore_interfaces"),
        InvalidCase("sources:\n  zookeeper:\n    clientport: 2181\n",
                    "agent.yaml:3: sources.zookeeper.clientport: unknown key 'clientport' (did you mean 'client_port'?); allowed: enabled, host, client_port, admin_url, timeout"),
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth:\n      user: druid\n      password: x\n",
                    "agent.yaml:4: sources.druid_emitter.basic_auth.user: unknown key 'user'; allowed: username, password, password_file",
                    "agent.yaml:4: sources.druid_emitter.basic_auth: needs a username without ':' (Druid sends login:password)"),
        InvalidCase("sources:\n  jvm:\n    include_non_druids: true\n",
                    "agent.yaml:3: sources.jvm.include_non_druids: unknown key 'include_non_druids' (did you mean 'include_non_druid'?); allowed: enabled, root, include_non_druid"),
        InvalidCase("? [a, b]\n: 1\n", "agent.yaml:1: (document): keys must be plain strings"),
    ]

    @Test("Unknown keys are errors, with a did-you-mean when one is close", arguments: unknownKeys)
    func unknownKey(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }

    // MARK: Types

    static let wrongTypes: [InvalidCase] = [
        InvalidCase("- cluster\n", "agent.yaml:1: (document): expected a mapping of keys to values"),
        InvalidCase("just words\n", "agent.yaml:1: (document): expected a mapping of keys to values"),
        InvalidCase("cluster: x\naws: us-east-1\n", "agent.yaml:2: aws: expected a mapping of keys to values"),
        InvalidCase("sources:\n  - host\n", "agent.yaml:2: sources: expected a mapping of keys to values"),
        InvalidCase("aws:\nlogging:\n  level: info\n", "agent.yaml:1: aws: expected a mapping of keys to values"),
        InvalidCase("cluster: [a, b]\n", "agent.yaml:1: cluster: expected a text value"),
        InvalidCase("namespace:\n  name: Druid\n", "agent.yaml:2: namespace: expected a text value"),
        InvalidCase("aws:\n  imds: maybe\n", "agent.yaml:2: aws.imds: expected true or false"),
        InvalidCase("aws:\n  imds: 1\n", "agent.yaml:2: aws.imds: expected true or false"),
        InvalidCase("sources:\n  host:\n    enabled: [true]\n", "agent.yaml:3: sources.host.enabled: expected true or false"),
        InvalidCase("sources:\n  jvm:\n    include_non_druid: sometimes\n", "agent.yaml:3: sources.jvm.include_non_druid: expected true or false"),
        InvalidCase("sources:\n  host:\n    ignore_devices: loop*\n", "agent.yaml:3: sources.host.ignore_devices: expected a list"),
        InvalidCase("sources:\n  host:\n    ignore_interfaces: [lo, '', [eth0]]\n",
                    "agent.yaml:3: sources.host.ignore_interfaces[1]: must not be empty",
                    "agent.yaml:3: sources.host.ignore_interfaces[2]: expected a text value"),
        InvalidCase("sources:\n  host:\n    ignore_mount_points:\n      - /proc/*\n      - {a: b}\n",
                    "agent.yaml:5: sources.host.ignore_mount_points[1]: expected a text value"),
        InvalidCase("dimensions: [Environment]\n", "agent.yaml:1: dimensions: expected a mapping of names to values"),
        InvalidCase("dimensions:\n  Environment: production\n  Team: [a, b]\n", "agent.yaml:3: dimensions.Team: expected a text value"),
        InvalidCase("identity:\n  host: [a]\n", "agent.yaml:2: identity.host: expected a text value"),
        InvalidCase("sources:\n  druid_emitter:\n    extra_dimensions: 5\n", "agent.yaml:3: sources.druid_emitter.extra_dimensions: expected a mapping"),
        InvalidCase("sources:\n  druid_emitter:\n    extra_dimensions:\n      query/time: dataSource\n",
                    "agent.yaml:4: sources.druid_emitter.extra_dimensions.query/time: expected a list"),
        InvalidCase("sources:\n  druid_emitter:\n    allow_high_cardinality: taskId\n",
                    "agent.yaml:3: sources.druid_emitter.allow_high_cardinality: expected a list"),
        // Reported once, not once per look at the field.
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth:\n      username: [druid]\n      password: x\n",
                    "agent.yaml:4: sources.druid_emitter.basic_auth.username: expected a text value"),
    ]

    @Test("A value of the wrong type names the type expected", arguments: wrongTypes)
    func wrongType(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }

    // MARK: Durations and enumerations

    static let badDurations: [InvalidCase] = [
        InvalidCase("period: soon\n", "agent.yaml:1: period: expected a duration such as 500ms, 10s, 5m or 1h"),
        InvalidCase("period: 1d\n", "agent.yaml:1: period: expected a duration such as 500ms, 10s, 5m or 1h"),
        InvalidCase("period: [60s]\n", "agent.yaml:1: period: expected a duration such as 500ms, 10s, 5m or 1h"),
        InvalidCase("aws:\n  connect_timeout: 5 seconds\n", "agent.yaml:2: aws.connect_timeout: expected a duration such as 500ms, 10s, 5m or 1h"),
        InvalidCase("aws:\n  request_timeout: -30s\n", "agent.yaml:2: aws.request_timeout: expected a duration such as 500ms, 10s, 5m or 1h"),
        InvalidCase("sources:\n  zookeeper:\n    timeout: s\n", "agent.yaml:3: sources.zookeeper.timeout: expected a duration such as 500ms, 10s, 5m or 1h"),
        InvalidCase("collection_interval: .inf\n", "agent.yaml:1: collection_interval: expected a duration such as 500ms, 10s, 5m or 1h"),
        // Beyond what Duration holds in milliseconds: an error, not a crash.
        InvalidCase("period: 1e300s\n", "agent.yaml:1: period: expected a duration such as 500ms, 10s, 5m or 1h"),
        InvalidCase("aws:\n  request_timeout: 99999999999999999\n", "agent.yaml:2: aws.request_timeout: expected a duration such as 500ms, 10s, 5m or 1h"),
    ]

    @Test("A bad duration names the accepted forms", arguments: badDurations)
    func badDuration(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }

    static let badChoices: [InvalidCase] = [
        InvalidCase("logging:\n  level: verbose\n", "agent.yaml:2: logging.level: expected one of: trace, debug, info, notice, warning, error, critical"),
        InvalidCase("logging:\n  level: INFO\n", "agent.yaml:2: logging.level: expected one of: trace, debug, info, notice, warning, error, critical"),
        InvalidCase("logging:\n  level: [info]\n", "agent.yaml:2: logging.level: expected one of: trace, debug, info, notice, warning, error, critical"),
        InvalidCase("naming: aws\n", "agent.yaml:1: naming: expected one of: druidwatch, aws_solution"),
        InvalidCase("sources:\n  druid_emitter:\n    unknown_metrics: keep\n", "agent.yaml:3: sources.druid_emitter.unknown_metrics: expected one of: drop, service_only"),
        InvalidCase("identity:\n  instance_id: ''\n", "agent.yaml:2: identity.instance_id: expected auto, none, or a value"),
        InvalidCase("identity:\n  auto_scaling_group:\n", "agent.yaml:2: identity.auto_scaling_group: expected auto, none, or a value"),
    ]

    @Test("A value outside a fixed set lists the set", arguments: badChoices)
    func badChoice(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }

    // MARK: Ranges and formats

    static let outOfRange: [InvalidCase] = [
        InvalidCase("cluster: ''\n", "agent.yaml:1: cluster: must be 1 to 1024 characters (a CloudWatch dimension value)"),
        InvalidCase("cluster: \(String(repeating: "c", count: 1025))\n", "agent.yaml:1: cluster: must be 1 to 1024 characters (a CloudWatch dimension value)"),
        InvalidCase("namespace: ''\n", "agent.yaml:1: namespace: must be 1 to 255 characters"),
        InvalidCase("namespace: \(String(repeating: "n", count: 256))\n", "agent.yaml:1: namespace: must be 1 to 255 characters"),
        InvalidCase("namespace: AWS/EC2\n", "agent.yaml:1: namespace: namespaces starting with 'AWS/' are reserved for AWS services"),
        InvalidCase("namespace: ':Druid'\n", "agent.yaml:1: namespace: must not start with ':'"),
        InvalidCase("period: 45s\n", "agent.yaml:1: period: must be 1s, 5s, 10s, 30s or a multiple of 60s (the periods CloudWatch stores)"),
        InvalidCase("period: 90s\n", "agent.yaml:1: period: must be 1s, 5s, 10s, 30s or a multiple of 60s (the periods CloudWatch stores)"),
        InvalidCase("period: 500ms\n", "agent.yaml:1: period: must be 1s, 5s, 10s, 30s or a multiple of 60s (the periods CloudWatch stores)"),
        InvalidCase("period: 0\n", "agent.yaml:1: period: must be 1s, 5s, 10s, 30s or a multiple of 60s (the periods CloudWatch stores)"),
        InvalidCase("collection_interval: 0s\n", "agent.yaml:1: collection_interval: must be greater than zero"),
        InvalidCase("period: 60s\ncollection_interval: 7s\n", "agent.yaml:2: collection_interval: collection_interval (7.0 seconds) must divide period (60.0 seconds) exactly"),
        InvalidCase("period: 10s\ncollection_interval: 30s\n", "agent.yaml:2: collection_interval: collection_interval (30.0 seconds) must divide period (10.0 seconds) exactly"),
        InvalidCase("collection_interval: 2m\n", "agent.yaml:1: collection_interval: collection_interval (120.0 seconds) must divide period (60.0 seconds) exactly"),
        InvalidCase("dimensions:\n  Cluster: prod\n", "agent.yaml:2: dimensions.Cluster: 'Cluster' is set by the agent itself; use 'cluster' or 'identity' instead"),
        InvalidCase("dimensions:\n  InstanceId: i-1\n", "agent.yaml:2: dimensions.InstanceId: 'InstanceId' is set by the agent itself; use 'cluster' or 'identity' instead"),
        InvalidCase("dimensions:\n  AutoScalingGroupName: g\n", "agent.yaml:2: dimensions.AutoScalingGroupName: 'AutoScalingGroupName' is set by the agent itself; use 'cluster' or 'identity' instead"),
        InvalidCase("dimensions:\n  Host: h\n", "agent.yaml:2: dimensions.Host: 'Host' is set by the agent itself; use 'cluster' or 'identity' instead"),
        InvalidCase("dimensions:\n  Environment: ''\n", "agent.yaml:2: dimensions.Environment: dimension values must be 1 to 1024 characters"),
        InvalidCase("dimensions:\n  Environment: \(String(repeating: "v", count: 1025))\n", "agent.yaml:2: dimensions.Environment: dimension values must be 1 to 1024 characters"),
        InvalidCase("dimensions:\n  '': x\n", "agent.yaml:2: dimensions.: dimension names must be 1 to 255 characters"),
        InvalidCase("dimensions:\n  \(String(repeating: "k", count: 256)): x\n",
                    "agent.yaml:2: dimensions.\(String(repeating: "k", count: 256)): dimension names must be 1 to 255 characters"),
        InvalidCase("aws:\n  region: Europe\n", "agent.yaml:2: aws.region: 'Europe' is not an AWS region name such as us-east-1"),
        InvalidCase("aws:\n  region: us-east\n", "agent.yaml:2: aws.region: 'us-east' is not an AWS region name such as us-east-1"),
        InvalidCase("aws:\n  profile: ''\n", "agent.yaml:2: aws.profile: must not be empty"),
        InvalidCase("aws:\n  endpoint_url: localhost:4566\n", "agent.yaml:2: aws.endpoint_url: must be an absolute http:// or https:// URL with a host"),
        InvalidCase("aws:\n  endpoint_url: ftp://example.com\n", "agent.yaml:2: aws.endpoint_url: must be an absolute http:// or https:// URL with a host"),
        InvalidCase("aws:\n  endpoint_url: 'http://'\n", "agent.yaml:2: aws.endpoint_url: must be an absolute http:// or https:// URL with a host"),
        InvalidCase("aws:\n  imds_endpoint: 169.254.169.254\n", "agent.yaml:2: aws.imds_endpoint: must be an absolute http:// or https:// URL with a host"),
        InvalidCase("aws:\n  connect_timeout: 0s\n", "agent.yaml:2: aws.connect_timeout: must be greater than zero"),
        InvalidCase("aws:\n  connect_timeout: 10s\n  request_timeout: 5s\n", "agent.yaml:3: aws.request_timeout: must be at least connect_timeout (10.0 seconds)"),
        InvalidCase("aws:\n  request_timeout: 2s\n", "agent.yaml:2: aws.request_timeout: must be at least connect_timeout (5.0 seconds)"),
        InvalidCase("sources:\n  host:\n    proc_path: proc\n", "agent.yaml:3: sources.host.proc_path: must be an absolute path"),
        InvalidCase("sources:\n  host:\n    sys_path: ''\n", "agent.yaml:3: sources.host.sys_path: must be an absolute path"),
        InvalidCase("sources:\n  jvm:\n    root: tmp\n", "agent.yaml:3: sources.jvm.root: must be an absolute path"),
        InvalidCase("sources:\n  druid_emitter:\n    listen: '8786'\n", "agent.yaml:3: sources.druid_emitter.listen: expected HOST:PORT, such as 127.0.0.1:8786"),
        InvalidCase("sources:\n  druid_emitter:\n    listen: ':8786'\n", "agent.yaml:3: sources.druid_emitter.listen: expected HOST:PORT, such as 127.0.0.1:8786"),
        InvalidCase("sources:\n  druid_emitter:\n    listen: 0.0.0.0:65536\n", "agent.yaml:3: sources.druid_emitter.listen: expected HOST:PORT, such as 127.0.0.1:8786"),
        InvalidCase("sources:\n  druid_emitter:\n    listen: localhost:http\n", "agent.yaml:3: sources.druid_emitter.listen: expected HOST:PORT, such as 127.0.0.1:8786"),
        InvalidCase("sources:\n  druid_emitter:\n    max_body_bytes: 1023\n", "agent.yaml:3: sources.druid_emitter.max_body_bytes: must be a whole number of bytes from 1024 to 268435456"),
        InvalidCase("sources:\n  druid_emitter:\n    max_body_bytes: 268435457\n", "agent.yaml:3: sources.druid_emitter.max_body_bytes: must be a whole number of bytes from 1024 to 268435456"),
        InvalidCase("sources:\n  druid_emitter:\n    max_body_bytes: 8MB\n", "agent.yaml:3: sources.druid_emitter.max_body_bytes: must be a whole number of bytes from 1024 to 268435456"),
        InvalidCase("sources:\n  zookeeper:\n    host: ''\n", "agent.yaml:3: sources.zookeeper.host: must not be empty"),
        InvalidCase("sources:\n  zookeeper:\n    client_port: 0\n", "agent.yaml:3: sources.zookeeper.client_port: must be a port number from 1 to 65535"),
        InvalidCase("sources:\n  zookeeper:\n    client_port: 65536\n", "agent.yaml:3: sources.zookeeper.client_port: must be a port number from 1 to 65535"),
        InvalidCase("sources:\n  zookeeper:\n    client_port: zk\n", "agent.yaml:3: sources.zookeeper.client_port: must be a port number from 1 to 65535"),
        InvalidCase("sources:\n  zookeeper:\n    admin_url: zk:8080\n", "agent.yaml:3: sources.zookeeper.admin_url: must be an http:// URL, or none to use mntr only"),
        InvalidCase("sources:\n  zookeeper:\n    timeout: 0ms\n", "agent.yaml:3: sources.zookeeper.timeout: must be greater than zero"),
    ]

    @Test("A value out of range or of the wrong form says what is allowed", arguments: outOfRange)
    func outOfRangeValue(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }

    @Test("At most 20 static dimensions; the count is reported at the mapping")
    func tooManyDimensions() throws {
        let twenty = (1...20).map { "  D\($0): v\n" }.joined()
        let config = try AgentConfigLoader.parse(yaml: "cluster: x\ndimensions:\n" + twenty, file: "agent.yaml")
        #expect(config.dimensions.count == 20)

        let twentyOne = (1...21).map { "  D\($0): v\n" }.joined()
        #expect(problems("cluster: x\ndimensions:\n" + twentyOne) == [
            "agent.yaml:3: dimensions: at most 20 static dimensions (CloudWatch allows 30 per metric, and the agent adds its own)",
        ])
    }

    // MARK: Basic auth for the Druid emitter receiver

    static let badBasicAuth: [InvalidCase] = [
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth:\n      password: x\n",
                    "agent.yaml:4: sources.druid_emitter.basic_auth: needs a username without ':' (Druid sends login:password)"),
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth:\n      username: 'a:b'\n      password: x\n",
                    "agent.yaml:4: sources.druid_emitter.basic_auth: needs a username without ':' (Druid sends login:password)"),
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth:\n      username: ''\n      password: x\n",
                    "agent.yaml:4: sources.druid_emitter.basic_auth: needs a username without ':' (Druid sends login:password)"),
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth:\n      username: druid\n",
                    "agent.yaml:4: sources.druid_emitter.basic_auth: needs a password or a password_file"),
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth:\n      username: druid\n      password: x\n      password_file: /etc/druidwatch/pw\n",
                    "agent.yaml:6: sources.druid_emitter.basic_auth.password_file: give either password or password_file, not both"),
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth:\n      username: druid\n      password_file: /nonexistent/druidwatch/pw\n",
                    "agent.yaml:5: sources.druid_emitter.basic_auth.password_file: cannot read /nonexistent/druidwatch/pw"),
        InvalidCase("sources:\n  druid_emitter:\n    basic_auth: druid:secret\n",
                    "agent.yaml:3: sources.druid_emitter.basic_auth: expected a mapping of keys to values"),
    ]

    @Test("basic_auth needs a username and exactly one of password and password_file", arguments: badBasicAuth)
    func badBasicAuthentication(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }

    /// Whoever reaches the receiver writes this instance's metrics: beyond loopback,
    /// only with Druid's credentials.
    @Test("The emitter receiver listens beyond loopback only with basic_auth")
    func theReceiverStaysOnLoopbackWithoutCredentials() throws {
        #expect(problems("sources:\n  druid_emitter:\n    listen: 0.0.0.0:8786\n") == [
            "agent.yaml:3: sources.druid_emitter.listen: 0.0.0.0 is reachable from other hosts: set basic_auth (Druid's druid.emitter.http.basicAuthentication), or listen on 127.0.0.1",
        ])
        #expect(problems("sources:\n  druid_emitter:\n    listen: '[::]:8786'\n").count == 1)
        for allowed in [
            "sources:\n  druid_emitter:\n    listen: 127.0.0.2:8786\n",
            "sources:\n  druid_emitter:\n    listen: '[::1]:8786'\n",
            "sources:\n  druid_emitter:\n    listen: localhost:8786\n",
            "sources:\n  druid_emitter:\n    enabled: false\n    listen: 0.0.0.0:8786\n",
            "sources:\n  druid_emitter:\n    listen: 0.0.0.0:8786\n    basic_auth:\n      username: druid\n      password: s3cret\n",
        ] {
            #expect(problems(allowed) == [], "\(allowed)")
        }
    }

    // MARK: Prometheus targets and Druid health probes

    static let badProbes: [InvalidCase] = [
        InvalidCase("sources:\n  prometheus:\n    target: [http://a/metrics]\n",
                    "agent.yaml:3: sources.prometheus.target: unknown key 'target' (did you mean 'targets'?); allowed: targets, keep_unknown, timeout"),
        InvalidCase("sources:\n  prometheus:\n    targets: http://127.0.0.1:19091/metrics\n",
                    "agent.yaml:3: sources.prometheus.targets: expected a list"),
        InvalidCase("sources:\n  prometheus:\n    targets:\n      - http://127.0.0.1:19091/metrics\n      - 127.0.0.1:9100\n",
                    "agent.yaml:4: sources.prometheus.targets: '127.0.0.1:9100' is not an http:// or https:// URL"),
        InvalidCase("sources:\n  prometheus:\n    keep_unknown: sure\n", "agent.yaml:3: sources.prometheus.keep_unknown: expected true or false"),
        InvalidCase("sources:\n  prometheus:\n    timeout: 0s\n", "agent.yaml:3: sources.prometheus.timeout: must be greater than zero"),
        InvalidCase("sources:\n  druid_health:\n    discovery: false\n",
                    "agent.yaml:3: sources.druid_health.discovery: unknown key 'discovery' (did you mean 'discover'?); allowed: enabled, discover, services, timeout, credentials"),
        InvalidCase("sources:\n  druid_health:\n    discover: auto\n", "agent.yaml:3: sources.druid_health.discover: expected true or false"),
        InvalidCase("sources:\n  druid_health:\n    services: [broker]\n", "agent.yaml:3: sources.druid_health.services: expected a mapping"),
        InvalidCase("sources:\n  druid_health:\n    services:\n      brokers: http://127.0.0.1:8082\n",
                    "agent.yaml:4: sources.druid_health.services.brokers: unknown Druid service 'brokers'; allowed: coordinator, overlord, broker, historical, middleManager, peon, router, indexer"),
        InvalidCase("sources:\n  druid_health:\n    services:\n      broker: 127.0.0.1:8082\n",
                    "agent.yaml:4: sources.druid_health.services.broker: must be an http:// or https:// URL"),
        InvalidCase("sources:\n  druid_health:\n    services:\n      router: [http://r]\n",
                    "agent.yaml:4: sources.druid_health.services.router: expected a text value"),
        InvalidCase("sources:\n  druid_health:\n    timeout: -5s\n",
                    "agent.yaml:3: sources.druid_health.timeout: expected a duration such as 500ms, 10s, 5m or 1h"),
        InvalidCase("sources:\n  druid_health:\n    credentials:\n      secret_id: druid/system\n      username: admin\n",
                    "agent.yaml:4: sources.druid_health.credentials: give either secret_id (Secrets Manager) or username and password, not both"),
        InvalidCase("sources:\n  druid_health:\n    credentials:\n      username: admin\n",
                    "agent.yaml:4: sources.druid_health.credentials: username and password go together"),
        InvalidCase("sources:\n  druid_health:\n    credentials:\n      password: pw\n",
                    "agent.yaml:4: sources.druid_health.credentials: username and password go together"),
        InvalidCase("sources:\n  druid_health:\n    credentials:\n      secret: x\n",
                    "agent.yaml:4: sources.druid_health.credentials.secret: unknown key 'secret'; allowed: secret_id, username, password"),
        InvalidCase("sources:\n  zookeeper:\n    enabled: true\n  prometheus: {}\n  druid_healt:\n    enabled: false\n",
                    "agent.yaml:5: sources.druid_healt: unknown key 'druid_healt' (did you mean 'druid_health'?); allowed: host, druid_emitter, zookeeper, jvm, prometheus, druid_health"),
    ]

    @Test("Prometheus targets and Druid health probes", arguments: badProbes)
    func badProbe(_ invalid: InvalidCase) {
        #expect(problems(invalid.yaml) == invalid.expected)
    }

    // MARK: Shape of an issue

    @Test("An issue carries file, line, column and field path separately")
    func issueFields() throws {
        let found = issues("# header\nsources:\n  host:\n    ignore_devices: [loop*, '']\n", file: "/etc/druidwatch/agent.yaml")
        #expect(found == [ConfigIssue(file: "/etc/druidwatch/agent.yaml", line: 4, column: 29, field: "sources.host.ignore_devices[1]", message: "must not be empty")])
        #expect(found.first?.description == "/etc/druidwatch/agent.yaml:4: sources.host.ignore_devices[1]: must not be empty")
    }

    @Test("A rejected period or interval does not also produce a divide error against a default")
    func noCascadeFromRejectedTiming() {
        #expect(problems("period: 5s\ncollection_interval: abc\n") == [
            "agent.yaml:2: collection_interval: expected a duration such as 500ms, 10s, 5m or 1h",
        ])
        #expect(problems("period: 7s\ncollection_interval: 7s\n") == [
            "agent.yaml:1: period: must be 1s, 5s, 10s, 30s or a multiple of 60s (the periods CloudWatch stores)",
        ])
        // A zero interval is wrong whatever the period.
        #expect(problems("period: 7s\ncollection_interval: 0s\n") == [
            "agent.yaml:1: period: must be 1s, 5s, 10s, 30s or a multiple of 60s (the periods CloudWatch stores)",
            "agent.yaml:2: collection_interval: must be greater than zero",
        ])
    }
}
