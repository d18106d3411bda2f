import Foundation

/// Reads and validates the agent's YAML configuration.
public enum AgentConfigLoader {
    public static func load(path: String) throws(ConfigError) -> AgentConfig {
        try parse(yaml: readText(path), file: path)
    }

    public static func parse(yaml: String, file: String) throws(ConfigError) -> AgentConfig {
        try parseLocated(yaml: yaml, file: file).config
    }

    /// The configuration with the line of every field in it, for remarks made later.
    static func parseLocated(yaml: String, file: String) throws(ConfigError) -> (config: AgentConfig, lines: [String: Int]) {
        let reader = ConfigReader(file: file)
        var config = AgentConfig()
        if let document = reader.document(yaml) {
            read(document, into: &config)
        }
        guard reader.issues.isEmpty else { throw ConfigError(issues: reader.issues) }
        return (config, reader.lines)
    }

    static func readText(_ path: String) throws(ConfigError) -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
            throw ConfigError(issues: [ConfigIssue(file: path, line: 0, field: "(file)", message: "cannot read: \(reason)")])
        }
    }

    /// CloudWatch's reserved names for what the agent adds itself.
    static let reservedDimensionNames: Set<String> = ["Cluster", "InstanceId", "AutoScalingGroupName", "Host"]
    static let highResolutionPeriods: Set<Int64> = [1, 5, 10, 30]
    static let maximumStaticDimensions = 20

    private static func read(_ document: ConfigNode, into config: inout AgentConfig) {
        guard let top = document.mapping(allowed: ["cluster", "namespace", "naming", "period", "collection_interval", "dimensions", "identity", "aws", "sources", "spool", "aggregation", "self_metrics", "logging", "cost", "direct_feed", "logs"]) else { return }

        if let value = top["naming"]?.oneOf(NamingPreset.allCases.map(\.rawValue)).flatMap(NamingPreset.init(rawValue:)) {
            config.naming = value
            if value == .awsSolution, top["namespace"] == nil { config.namespace = "AWSSolutions/Druid" }
        }

        if let node = top["cluster"], let value = node.string() {
            if value.isEmpty || value.count > 1024 { node.report("must be 1 to 1024 characters (a CloudWatch dimension value)") } else { config.cluster = value }
        }
        if let node = top["namespace"], let value = node.string() {
            if value.isEmpty || value.count > 255 {
                node.report("must be 1 to 255 characters")
            } else if value.hasPrefix("AWS/") {
                node.report("namespaces starting with 'AWS/' are reserved for AWS services")
            } else if value.hasPrefix(":") {
                node.report("must not start with ':'")
            } else {
                config.namespace = value
            }
        }
        let issuesBeforeTiming = document.reader.issues.count
        if let node = top["period"], let value = node.duration() {
            let (seconds, attoseconds) = value.components
            if attoseconds != 0 || !(highResolutionPeriods.contains(seconds) || (seconds >= 60 && seconds % 60 == 0)) {
                node.report("must be 1s, 5s, 10s, 30s or a multiple of 60s (the periods CloudWatch stores)")
            } else {
                config.period = value
            }
        }
        let intervalNode = top["collection_interval"]
        if let node = intervalNode, let value = node.duration() {
            config.collectionInterval = value
        } else if intervalNode == nil {
            config.collectionInterval = min(.seconds(10), config.period)
        }
        if let node = intervalNode ?? top["period"] {
            let interval = config.collectionInterval
            let periodMilliseconds = milliseconds(config.period)
            let intervalMilliseconds = milliseconds(interval)
            if intervalMilliseconds <= 0 {
                (intervalNode ?? node).report("must be greater than zero")
            } else if document.reader.issues.count == issuesBeforeTiming, // a rejected value would be compared as its default
                      intervalMilliseconds > periodMilliseconds || periodMilliseconds % intervalMilliseconds != 0 {
                (intervalNode ?? node).report("collection_interval (\(interval)) must divide period (\(config.period)) exactly")
            }
        }
        if let node = top["dimensions"], let pairs = node.stringPairs() {
            if pairs.count > maximumStaticDimensions {
                node.report("at most \(maximumStaticDimensions) static dimensions (CloudWatch allows 30 per metric, and the agent adds its own)")
            }
            for pair in pairs {
                if pair.key.isEmpty || pair.key.count > 255 {
                    pair.node.report("dimension names must be 1 to 255 characters")
                } else if reservedDimensionNames.contains(pair.key) {
                    pair.node.report("'\(pair.key)' is set by the agent itself; use 'cluster' or 'identity' instead")
                } else if pair.value.isEmpty || pair.value.count > 1024 {
                    pair.node.report("dimension values must be 1 to 1024 characters")
                } else {
                    config.dimensions.append(.init(name: pair.key, value: pair.value))
                }
            }
        }
        if let node = top["identity"], let identity = node.mapping(allowed: ["instance_id", "auto_scaling_group", "host"]) {
            if let value = identity["instance_id"].flatMap(identityValue) { config.identity.instanceId = value }
            if let value = identity["auto_scaling_group"].flatMap(identityValue) { config.identity.autoScalingGroup = value }
            if let value = identity["host"].flatMap(identityValue) { config.identity.host = value }
        }
        if let node = top["aws"] { readAWS(node, into: &config.aws) }
        if let node = top["sources"], let sources = node.mapping(allowed: ["host", "druid_emitter", "zookeeper", "jvm", "prometheus", "druid_health"]) {
            if let host = sources["host"] { readHost(host, into: &config.sources.host) }
            if let emitter = sources["druid_emitter"] { readDruidEmitter(emitter, into: &config.sources.druidEmitter) }
            if let zookeeper = sources["zookeeper"] { readZooKeeper(zookeeper, into: &config.sources.zookeeper) }
            if let node = sources["prometheus"] { readPrometheus(node, into: &config.sources.prometheus) }
            if let node = sources["druid_health"] { readDruidHealth(node, into: &config.sources.druidHealth) }
            if let jvm = sources["jvm"], let mapping = jvm.mapping(allowed: ["enabled", "root", "include_non_druid"]) {
                if let value = mapping["enabled"]?.bool() { config.sources.jvm.enabled = value }
                if let value = mapping["include_non_druid"]?.bool() { config.sources.jvm.includeNonDruid = value }
                if let node = mapping["root"], let value = node.string() {
                    if value.hasPrefix("/") { config.sources.jvm.root = value } else { node.report("must be an absolute path") }
                }
            }
        }
        if let node = top["spool"], let spool = node.mapping(allowed: ["enabled", "directory", "max_bytes", "max_age"]) {
            if let value = spool["enabled"]?.bool() { config.spool.enabled = value }
            if let node = spool["directory"], let value = node.string() {
                if value.hasPrefix("/") { config.spool.directory = value } else { node.report("must be an absolute path") }
            }
            if let node = spool["max_bytes"], let text = node.string() {
                if let value = Int(text), value >= 1 << 20 { config.spool.maximumBytes = value } else { node.report("must be a whole number of bytes, at least 1048576") }
            }
            if let node = spool["max_age"], let value = node.duration() {
                if value <= .zero || value > .seconds(14 * 24 * 3600) {
                    node.report("must be more than zero and at most 14 days (CloudWatch refuses older timestamps)")
                } else {
                    config.spool.maximumAge = value
                }
            }
        }
        if let node = top["self_metrics"], let mapping = node.mapping(allowed: ["enabled", "listen", "publish"]) {
            if let value = mapping["enabled"]?.bool() { config.selfMetrics.enabled = value }
            if let value = mapping["publish"]?.bool() { config.selfMetrics.publish = value }
            if let node = mapping["listen"], let (host, port) = listenAddress(node) {
                config.selfMetrics.host = host
                config.selfMetrics.port = port
            }
        }
        if let node = top["aggregation"] { readAggregation(node, period: config.period, into: &config.aggregation) }
        if let node = top["cost"] { readCost(node, into: &config.cost) }
        if let node = top["direct_feed"] { DirectFeedConfigReader.readPost(node, into: &config.directFeed) }
        if let node = top["logs"] { LogsConfigReader.read(node, into: &config.logs) }
        if let node = top["logging"], let logging = node.mapping(allowed: ["level"]) {
            if let level = logging["level"]?.oneOf(LogLevel.allCases.map(\.rawValue)).flatMap(LogLevel.init(rawValue:)) {
                config.logging.level = level
            }
        }
    }

    private static func readAggregation(_ node: ConfigNode, period: Duration, into aggregation: inout AgentConfig.Aggregation) {
        guard let mapping = node.mapping(allowed: ["high_resolution", "rollups"]) else { return }
        if let node = mapping["high_resolution"], let settings = node.mapping(allowed: ["period", "metrics"]) {
            let metrics = settings["metrics"]?.stringList()
            if settings["metrics"] == nil { node.report("needs metrics: the metric names or patterns to publish at high resolution") }
            var highResolutionPeriod: Duration?
            if let periodNode = settings["period"], let value = periodNode.duration() {
                let (seconds, attoseconds) = value.components
                let periodSeconds = period.components.seconds
                if attoseconds != 0 || !highResolutionPeriods.contains(seconds) {
                    periodNode.report("must be 1s, 5s, 10s or 30s (CloudWatch's high-resolution periods)")
                } else if seconds >= periodSeconds || periodSeconds % seconds != 0 {
                    periodNode.report("must be shorter than period (\(period)) and divide it exactly")
                } else {
                    highResolutionPeriod = value
                }
            } else if settings["period"] == nil {
                node.report("needs period: 1s, 5s, 10s or 30s")
            }
            if let highResolutionPeriod, let metrics, !metrics.isEmpty {
                aggregation.highResolution = .init(period: highResolutionPeriod, metrics: metrics)
            }
        }
        guard let rules = mapping["rollups"]?.list() else { return }
        for rule in rules {
            guard let fields = rule.mapping(allowed: ["metrics", "dimension_sets", "keep_original"]) else { continue }
            var rollup = AgentConfig.Aggregation.Rollup(dimensionSets: [])
            if let metrics = fields["metrics"]?.stringList() { rollup.metrics = metrics }
            if let value = fields["keep_original"]?.bool() { rollup.keepOriginal = value }
            guard let setsNode = fields["dimension_sets"] else {
                rule.report("needs dimension_sets: a list of dimension name lists, such as [[Cluster, Service]]")
                continue
            }
            let sets = setsNode.list()
            for setNode in sets ?? [] {
                guard let names = setNode.stringList() else { continue }
                if names.count > AgentConfig.maximumDimensionsPerMetric {
                    setNode.report("at most \(AgentConfig.maximumDimensionsPerMetric) dimensions (CloudWatch's limit)")
                } else if Set(names).count != names.count {
                    setNode.report("names a dimension twice")
                } else {
                    rollup.dimensionSets.append(names)
                }
            }
            if sets?.isEmpty == true {
                setsNode.report("must list at least one dimension set ([] publishes with no dimensions)")
            }
            if !rollup.dimensionSets.isEmpty { aggregation.rollups.append(rollup) }
        }
    }

    static func readAWS(_ node: ConfigNode, into aws: inout AgentConfig.AWS) {
        guard let mapping = node.mapping(allowed: ["region", "profile", "endpoint_url", "imds", "imds_endpoint", "connect_timeout", "request_timeout"]) else { return }
        if let node = mapping["region"], let value = node.string() {
            if value.range(of: #"^[a-z]{2}(-[a-z]+)+-[0-9]+$"#, options: .regularExpression) == nil {
                node.report("'\(value)' is not an AWS region name such as us-east-1")
            } else {
                aws.region = value
            }
        }
        if let node = mapping["profile"], let value = node.string() {
            if value.isEmpty { node.report("must not be empty") } else { aws.profile = value }
        }
        if let node = mapping["endpoint_url"], let value = node.string() {
            if isHTTPURL(value) { aws.endpointURL = value } else { node.report("must be an absolute http:// or https:// URL with a host") }
        }
        if let value = mapping["imds"]?.bool() { aws.imds = value }
        if let node = mapping["imds_endpoint"], let value = node.string() {
            if isHTTPURL(value) { aws.imdsEndpoint = value } else { node.report("must be an absolute http:// or https:// URL with a host") }
        }
        if let node = mapping["connect_timeout"], let value = node.duration() {
            if value <= .zero { node.report("must be greater than zero") } else { aws.connectTimeout = value }
        }
        if let node = mapping["request_timeout"], let value = node.duration() {
            if value < aws.connectTimeout {
                node.report("must be at least connect_timeout (\(aws.connectTimeout))")
            } else {
                aws.requestTimeout = value
            }
        }
    }

    private static func readHost(_ node: ConfigNode, into host: inout AgentConfig.HostSourceConfig) {
        guard let mapping = node.mapping(allowed: ["enabled", "proc_path", "sys_path", "ignore_filesystem_types", "ignore_mount_points", "ignore_devices", "ignore_interfaces"]) else { return }
        if let value = mapping["enabled"]?.bool() { host.enabled = value }
        for (key, keyPath) in [("proc_path", \AgentConfig.HostSourceConfig.procPath), ("sys_path", \.sysPath)] {
            guard let node = mapping[key], let value = node.string() else { continue }
            if value.hasPrefix("/") { host[keyPath: keyPath] = value } else { node.report("must be an absolute path") }
        }
        if let value = mapping["ignore_filesystem_types"]?.stringList() { host.ignoreFilesystemTypes = value }
        if let value = mapping["ignore_mount_points"]?.stringList() { host.ignoreMountPoints = value }
        if let value = mapping["ignore_devices"]?.stringList() { host.ignoreDevices = value }
        if let value = mapping["ignore_interfaces"]?.stringList() { host.ignoreInterfaces = value }
    }

    private static func readDruidEmitter(_ node: ConfigNode, into emitter: inout AgentConfig.DruidEmitterConfig) {
        guard let mapping = node.mapping(allowed: ["enabled", "listen", "max_body_bytes", "basic_auth", "unknown_metrics", "extra_dimensions", "allow_high_cardinality"]) else { return }
        if let value = mapping["enabled"]?.bool() { emitter.enabled = value }
        if let node = mapping["listen"], let (host, port) = listenAddress(node) {
            emitter.host = host
            emitter.port = port
        }
        if let node = mapping["max_body_bytes"], let text = node.string() {
            if let value = Int(text), value >= 1024, value <= 256 << 20 { emitter.maximumBodyBytes = value } else { node.report("must be a whole number of bytes from 1024 to 268435456") }
        }
        if let node = mapping["basic_auth"], let auth = node.mapping(allowed: ["username", "password", "password_file"]) {
            let username = auth["username"]?.string()
            var password = auth["password"]?.string()
            if let fileNode = auth["password_file"], let path = fileNode.string() {
                if password != nil {
                    fileNode.report("give either password or password_file, not both")
                } else if let text = try? String(contentsOfFile: path, encoding: .utf8) {
                    password = text.trimmingCharacters(in: .newlines)
                } else {
                    fileNode.report("cannot read \(path)")
                }
            }
            if let username, let password, !username.isEmpty, !username.contains(":") {
                emitter.basicAuth = .init(username: username, password: password)
            } else if auth["username"] == nil || username?.isEmpty == true || username?.contains(":") == true {
                node.report("needs a username without ':' (Druid sends login:password)")
            } else if password == nil, auth["password_file"] == nil {
                node.report("needs a password or a password_file")
            }
        }
        // Anyone who reaches the receiver can write metrics (and alerts) for this
        // instance: beyond loopback, only with Druid's credentials.
        if let node = mapping["listen"], emitter.enabled, emitter.basicAuth == nil, !isLoopback(emitter.host) {
            node.report("\(emitter.host) is reachable from other hosts: set basic_auth (Druid's druid.emitter.http.basicAuthentication), or listen on 127.0.0.1")
        }
        if let value = mapping["unknown_metrics"]?.oneOf(["drop", "service_only"]) { emitter.unknownMetrics = value }
        if let extras = mapping["extra_dimensions"]?.freeMapping() {
            for (metric, value) in extras {
                if let list = value.stringList() { emitter.extraDimensions[metric] = list }
            }
        }
        if let value = mapping["allow_high_cardinality"]?.stringList() { emitter.allowHighCardinality = value }
    }

    private static func readZooKeeper(_ node: ConfigNode, into zookeeper: inout AgentConfig.ZooKeeperConfig) {
        guard let mapping = node.mapping(allowed: ["enabled", "host", "client_port", "admin_url", "timeout"]) else { return }
        if let value = mapping["enabled"]?.bool() { zookeeper.enabled = value }
        if let node = mapping["host"], let value = node.string() {
            if value.isEmpty { node.report("must not be empty") } else { zookeeper.host = value }
        }
        if let node = mapping["client_port"], let text = node.string() {
            if let port = Int(text), (1...65_535).contains(port) { zookeeper.clientPort = port } else { node.report("must be a port number from 1 to 65535") }
        }
        if let node = mapping["admin_url"], let value = node.string() {
            if value == "none" { zookeeper.adminURL = nil } else if isHTTPURL(value) { zookeeper.adminURL = value } else { node.report("must be an http:// URL, or none to use mntr only") }
        }
        if let node = mapping["timeout"], let value = node.duration() {
            if value <= .zero { node.report("must be greater than zero") } else { zookeeper.timeout = value }
        }
    }

    private static func readPrometheus(_ node: ConfigNode, into prometheus: inout AgentConfig.PrometheusConfig) {
        guard let mapping = node.mapping(allowed: ["targets", "keep_unknown", "timeout"]) else { return }
        if let node = mapping["targets"], let targets = node.stringList() {
            if let bad = targets.first(where: { !isHTTPURL($0) }) {
                node.report("'\(bad)' is not an http:// or https:// URL")
            } else {
                prometheus.targets = targets
            }
        }
        if let value = mapping["keep_unknown"]?.bool() { prometheus.keepUnknown = value }
        if let node = mapping["timeout"], let value = node.duration() {
            if value <= .zero { node.report("must be greater than zero") } else { prometheus.timeout = value }
        }
    }

    static let druidServiceKinds = ["coordinator", "overlord", "broker", "historical", "middleManager", "peon", "router", "indexer"]

    private static func readDruidHealth(_ node: ConfigNode, into health: inout AgentConfig.DruidHealthConfig) {
        guard let mapping = node.mapping(allowed: ["enabled", "discover", "services", "timeout", "credentials"]) else { return }
        if let value = mapping["enabled"]?.bool() { health.enabled = value }
        if let value = mapping["discover"]?.bool() { health.discover = value }
        if let services = mapping["services"]?.freeMapping() {
            for (kind, urlNode) in services {
                guard druidServiceKinds.contains(kind) else {
                    urlNode.report("unknown Druid service '\(kind)'; allowed: \(druidServiceKinds.joined(separator: ", "))")
                    continue
                }
                if let url = urlNode.string() {
                    if isHTTPURL(url) { health.services[kind] = url } else { urlNode.report("must be an http:// or https:// URL") }
                }
            }
        }
        if let node = mapping["timeout"], let value = node.duration() {
            if value <= .zero { node.report("must be greater than zero") } else { health.timeout = value }
        }
        if let node = mapping["credentials"], let credentials = node.mapping(allowed: ["secret_id", "username", "password"]) {
            health.secretId = credentials["secret_id"]?.string()
            health.username = credentials["username"]?.string()
            health.password = credentials["password"]?.string()
            if health.secretId != nil, health.username != nil || health.password != nil {
                node.report("give either secret_id (Secrets Manager) or username and password, not both")
            } else if health.secretId == nil, (health.username == nil) != (health.password == nil) {
                node.report("username and password go together")
            }
        }
    }

    /// 127.0.0.0/8, ::1 and localhost: addresses only this host reaches.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `HOST:PORT` (`[::1]:8786` for IPv6); port 0 asks the system for a free one.
    private static func listenAddress(_ node: ConfigNode) -> (host: String, port: Int)? {
        guard let value = node.string() else { return nil }
        guard let separator = value.lastIndex(of: ":"), let port = Int(value[value.index(after: separator)...]), (0...65_535).contains(port),
              !value[..<separator].isEmpty else {
            node.report("expected HOST:PORT, such as 127.0.0.1:8786")
            return nil
        }
        return (String(value[..<separator]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
    }

    private static func identityValue(_ node: ConfigNode) -> IdentityValue? {
        guard let text = node.string() else { return nil }
        switch text {
        case "auto": return .auto
        case "none": return IdentityValue.none
        case "": node.report("expected auto, none, or a value"); return nil
        default: return .literal(text)
        }
    }

    private static func isHTTPURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty else { return false }
        return true
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
