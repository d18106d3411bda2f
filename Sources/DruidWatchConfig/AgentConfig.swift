/// The agent's configuration, with every default filled in. See
/// `packaging/examples/agent.yaml` for what each field means to an operator.
public struct AgentConfig: Sendable, Equatable {
    public var cluster: String?
    public var namespace = "Druid"
    /// `aws_solution` publishes under the AWS Druid solution's names (namespace
    /// `AWSSolutions/Druid`, dimensions `Druid.Cluster` and `Druid.Service`) so that its
    /// dashboards and alarms keep working.
    public var naming: NamingPreset = .druidwatch
    public var period: Duration = .seconds(60)
    public var collectionInterval: Duration = .seconds(10)
    public var dimensions: [StaticDimension] = []
    public var identity = Identity()
    public var aws = AWS()
    public var sources = Sources()
    public var spool = Spool()
    public var aggregation = Aggregation()
    public var selfMetrics = SelfMetrics()
    public var logging = Logging()
    public var cost = CostConfig()
    public var directFeed = DirectFeedPostConfig()
    public var logs = LogsConfig()

    public init() {}

    /// CloudWatch's limit of dimensions per metric.
    public static let maximumDimensionsPerMetric = 30

    public struct StaticDimension: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public struct Identity: Sendable, Equatable {
        public var instanceId: IdentityValue = .auto
        public var autoScalingGroup: IdentityValue = .auto
        public var host: IdentityValue = .auto
        public init() {}
    }

    public struct AWS: Sendable, Equatable {
        public var region: String?
        public var profile: String?
        public var endpointURL: String?
        public var imds = true
        public var imdsEndpoint = "http://169.254.169.254"
        public var connectTimeout: Duration = .seconds(5)
        public var requestTimeout: Duration = .seconds(30)
        public init() {}
    }

    public struct Sources: Sendable, Equatable {
        public var host = HostSourceConfig()
        public var druidEmitter = DruidEmitterConfig()
        public var zookeeper = ZooKeeperConfig()
        public var jvm = JVMConfig()
        public var prometheus = PrometheusConfig()
        public var druidHealth = DruidHealthConfig()
        public init() {}
    }

    /// Prometheus text-format endpoints to scrape (Druid's prometheus-emitter, exporters).
    public struct PrometheusConfig: Sendable, Equatable {
        public var targets: [String] = []
        public var keepUnknown = false
        public var timeout: Duration = .seconds(10)
        public init() {}
    }

    /// Health and role probes of the local Druid processes.
    public struct DruidHealthConfig: Sendable, Equatable {
        public var enabled = true
        /// Find the local Druid processes from /proc and their runtime.properties.
        public var discover = true
        /// Service kind (`broker`, `coordinator`, ...) → base URL; replaces discovery for that kind.
        public var services: [String: String] = [:]
        public var timeout: Duration = .seconds(5)
        /// The Druid system account: a Secrets Manager secret (JSON with username and
        /// password), or a username and password given here.
        public var secretId: String?
        public var username: String?
        public var password: String?
        public init() {}
    }

    /// The local Druid JVMs' HotSpot perf data (`/tmp/hsperfdata_<user>/<pid>`).
    public struct JVMConfig: Sendable, Equatable {
        public var enabled = true
        public var root = "/tmp"
        /// Also report JVMs that are not Druid processes (as `jvm/<MainClass>`).
        public var includeNonDruid = false
        public init() {}
    }

    /// ZooKeeper's own figures, on the instances that run it.
    public struct ZooKeeperConfig: Sendable, Equatable {
        public var enabled = false
        public var host = "127.0.0.1"
        public var clientPort = 2181
        /// The AdminServer's monitor command; nil to use the `mntr` four-letter word only.
        public var adminURL: String? = "http://127.0.0.1:8080/commands/monitor"
        public var timeout: Duration = .seconds(5)
        public init() {}
    }

    /// The receiver for Druid's HTTP emitter (`druid.emitter=http`).
    public struct DruidEmitterConfig: Sendable, Equatable {
        public var enabled = true
        public var host = "127.0.0.1"
        public var port = 8786
        public var maximumBodyBytes = 8 << 20
        public var basicAuth: BasicAuth?
        /// `drop` or `service_only`.
        public var unknownMetrics = "drop"
        /// Metric name → dimensions kept beyond the catalog's.
        public var extraDimensions: [String: [String]] = [:]
        /// High-cardinality dimensions (taskId, queryId, ...) that `extra_dimensions` may keep.
        public var allowHighCardinality: [String] = []
        public init() {}
    }

    public struct BasicAuth: Sendable, Equatable {
        public var username: String
        public var password: String
        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }
    }

    public struct HostSourceConfig: Sendable, Equatable {
        public var enabled = true
        public var procPath = "/proc"
        public var sysPath = "/sys"
        public var ignoreFilesystemTypes = AgentConfig.defaultIgnoredFilesystemTypes
        public var ignoreMountPoints = ["/proc/*", "/sys/*", "/dev/*", "/run/*", "/snap/*", "/var/lib/docker/*"]
        public var ignoreDevices = ["loop*", "ram*", "zram*", "sr*", "fd*"]
        public var ignoreInterfaces = ["lo", "veth*"]
        public init() {}
    }

    /// Every PutMetricData batch is written here before it is sent and removed once
    /// CloudWatch has it, so an outage or a crash loses at most the period in memory.
    public struct Spool: Sendable, Equatable {
        public var enabled = true
        public var directory = "/var/lib/druidwatch/spool"
        public var maximumBytes = 512 << 20
        public var maximumAge: Duration = .seconds(14 * 24 * 3600 - 6 * 3600)
        public init() {}
    }

    /// Beyond the period: metrics given a high-resolution period of their own, and the
    /// extra dimension sets metrics are published at (like the CloudWatch agent's
    /// `aggregation_dimensions`).
    public struct Aggregation: Sendable, Equatable {
        public var highResolution: HighResolution?
        public var rollups: [Rollup] = []
        public init() {}

        public struct HighResolution: Sendable, Equatable {
            public var period: Duration
            /// Metric names or shell patterns (`query/*`).
            public var metrics: [String]
            public init(period: Duration, metrics: [String]) {
                self.period = period
                self.metrics = metrics
            }
        }

        /// Metrics matching `metrics` are also published once per dimension set (with
        /// only that set's dimensions); the first rule that matches a metric applies.
        public struct Rollup: Sendable, Equatable {
            public var metrics: [String]
            public var dimensionSets: [[String]]
            /// Also publish the metric with all its dimensions, as collected.
            public var keepOriginal: Bool
            public init(metrics: [String] = ["*"], dimensionSets: [[String]], keepOriginal: Bool = true) {
                self.metrics = metrics
                self.dimensionSets = dimensionSets
                self.keepOriginal = keepOriginal
            }
        }
    }

    /// The agent's own `/metrics` (Prometheus text) and `/healthz`, read by
    /// `druidwatch status`; and whether its delivery figures (spool, lost datums,
    /// failed PutMetricData calls) are published to CloudWatch as `druidwatch/agent/*`.
    public struct SelfMetrics: Sendable, Equatable {
        public var enabled = true
        public var publish = true
        public var host = "127.0.0.1"
        public var port = 8787
        public init() {}
    }

    public struct Logging: Sendable, Equatable {
        public var level: LogLevel = .info
        public init() {}
    }

    public static let defaultIgnoredFilesystemTypes = [
        "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs",
        "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs", "overlay", "proc", "pstore", "ramfs",
        "rpc_pipefs", "securityfs", "squashfs", "sysfs", "tmpfs", "tracefs",
    ]
}

public enum NamingPreset: String, Sendable, Equatable, CaseIterable {
    case druidwatch
    case awsSolution = "aws_solution"
}

/// How one part of the identity is chosen: found (instance metadata, host name), left
/// out, or given.
public enum IdentityValue: Sendable, Equatable {
    case auto
    case none
    case literal(String)
}

/// swift-log's levels, by the names operators write.
public enum LogLevel: String, Sendable, Equatable, CaseIterable {
    case trace, debug, info, notice, warning, error, critical
}
