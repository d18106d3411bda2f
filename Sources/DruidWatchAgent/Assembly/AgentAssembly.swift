import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchSources
import Foundation
import Logging

/// Builds the agent a configuration describes. Adding a source is one line here.
public enum AgentAssembly {
    public static func sources(_ config: AgentConfig, aws: AWSContext, logger: Logger) -> [any MetricSource] {
        let http = aws.http
        var sources: [any MetricSource] = []
        let host = config.sources.host
        if host.enabled {
            sources.append(HostSource(options: HostSource.Options(
                procPath: host.procPath,
                sysPath: host.sysPath,
                ignoredFilesystemTypes: host.ignoreFilesystemTypes,
                ignoredMountPoints: host.ignoreMountPoints,
                ignoredDevices: host.ignoreDevices,
                ignoredInterfaces: host.ignoreInterfaces,
                logger: logger
            )))
        }
        let jvm = config.sources.jvm
        if jvm.enabled {
            sources.append(JVMPerfDataSource(options: JVMPerfDataSource.Options(root: jvm.root, includeNonDruid: jvm.includeNonDruid, logger: logger)))
        }
        let prometheus = config.sources.prometheus
        if !prometheus.targets.isEmpty {
            sources.append(PrometheusScrapeSource(options: PrometheusScrapeSource.Options(
                targets: prometheus.targets, timeout: prometheus.timeout, keepUnknown: prometheus.keepUnknown, logger: logger
            ), httpClient: http))
        }
        let health = config.sources.druidHealth
        if health.enabled {
            sources.append(DruidHealthSource(options: DruidHealthSource.Options(
                services: health.services.sorted { $0.key < $1.key }.compactMap { kind, url in
                    DruidServiceKind(name: kind).map { DruidHealthTarget(kind: $0, baseURL: url) }
                },
                discovery: health.discover ? DruidProcessDiscovery(procRoot: config.sources.host.procPath, logger: logger) : nil,
                timeout: health.timeout,
                credentials: druidCredentials(health, aws: aws, logger: logger),
                logger: logger
            ), httpClient: http))
        }
        let zookeeper = config.sources.zookeeper
        if zookeeper.enabled {
            sources.append(ZooKeeperSource(options: ZooKeeperSource.Options(
                host: zookeeper.host,
                clientPort: zookeeper.clientPort,
                adminURL: zookeeper.adminURL,
                connectTimeout: min(zookeeper.timeout, .seconds(2)),
                responseTimeout: zookeeper.timeout,
                logger: logger
            ), httpClient: http))
        }
        return sources
    }

    /// Where finished periods go: CloudWatch, through the disk spool unless the
    /// configuration turns it off. Throws when the spool directory cannot be used.
    public static func sink(_ config: AgentConfig, aws: AWSContext, selfMetrics: AgentSelfMetrics? = nil, logger: Logger) throws -> any MetricSink {
        let cloudWatch = CloudWatchSink(client: aws.cloudWatch, logger: logger, selfMetrics: selfMetrics)
        guard config.spool.enabled else { return try withDirectFeed(cloudWatch, config, http: aws.http, logger: logger) }
        let spool = try MetricSpool(options: SpoolOptions(
            directory: URL(fileURLWithPath: config.spool.directory, isDirectory: true),
            maximumBytes: config.spool.maximumBytes,
            maximumAge: config.spool.maximumAge,
            logger: logger
        ))
        selfMetrics?.addRefresher { [weak selfMetrics] in
            let entries = spool.entries
            selfMetrics?.recordSpool(
                spool.statistics, files: entries.count, bytes: spool.totalBytes, oldestSpooled: entries.lazy.map(\.oldestTimestamp).min()
            )
        }
        return try withDirectFeed(SpoolingSink(spool: spool, sink: cloudWatch, logger: logger), config, http: aws.http, logger: logger)
    }

    /// The agent's `/metrics` and `/healthz`; nil when the configuration turns them off.
    public static func selfMetricsServer(_ config: AgentConfig, metrics: AgentSelfMetrics, logger: Logger) -> SelfMetricsServer? {
        guard config.selfMetrics.enabled else { return nil }
        // Two missed collections and some slack before the agent calls itself stalled.
        let stallAfter = 2 * Double(config.collectionInterval.components.seconds) + 60
        return SelfMetricsServer(host: config.selfMetrics.host, port: config.selfMetrics.port, metrics: metrics, stallAfter: stallAfter, logger: logger)
    }

    /// The Druid system account for the role endpoints (the AWS guidance keeps it in
    /// Secrets Manager); nil on clusters without the basic security extension.
    static func druidCredentials(_ health: AgentConfig.DruidHealthConfig, aws: AWSContext, logger: Logger) -> (any DruidCredentialProvider)? {
        if let secretId = health.secretId {
            let client = SecretsManagerClient(
                http: aws.http, credentials: aws.credentials, region: aws.region.region, endpointOverride: aws.endpointOverride
            )
            return SecretsManagerDruidCredentialProvider(secretId: secretId, client: client, logger: logger)
        }
        if let username = health.username, let password = health.password {
            return StaticDruidCredentialProvider(DruidSystemCredentials(username: username, password: password))
        }
        return nil
    }

    /// The receiver Druid's HTTP emitter posts to, feeding the pipeline's aggregate;
    /// nil when the configuration turns it off.
    public static func emitterReceiver(_ config: AgentConfig, pipeline: AgentPipeline, alertLog: AlertLogQueue? = nil, logger: Logger) -> EmitterReceiver? {
        let emitter = config.sources.druidEmitter
        guard emitter.enabled else { return nil }
        let mapper = config.druidEventMapper
        let settings = EmitterReceiverSettings(
            host: emitter.host,
            port: emitter.port,
            maximumBodyBytes: emitter.maximumBodyBytes,
            credentials: emitter.basicAuth.map { BasicCredentials(username: $0.username, password: $0.password) }
        )
        let selfMetrics = pipeline.selfMetrics
        let intake = EmitterIntake(
            mapper: mapper, inbox: pipeline.inbox, logger: logger, observe: { selfMetrics.recordEmitter($0) },
            onAlerts: { alerts in alertLog?.push(alerts) }
        )
        return EmitterReceiver(settings: settings, intake: intake, logger: logger)
    }

    public static func aggregationPlan(_ config: AgentConfig) -> AggregationPlan {
        config.aggregationPlan
    }

    public static func pipeline(
        _ config: AgentConfig, aws: AWSContext, sink: (any MetricSink)? = nil, selfMetrics: AgentSelfMetrics = AgentSelfMetrics(), logger: Logger
    ) -> AgentPipeline {
        let extra = config.dimensions.map { MetricDimension($0.name, $0.value) }
        let settings = AgentPipeline.Settings(
            namespace: config.namespace,
            periodSeconds: Int(config.period.components.seconds),
            commonDimensions: IdentityDimensions.make(identity: aws.identity, cluster: config.cluster, extra: extra, naming: config.naming),
            sourceTimeout: min(config.collectionInterval, .seconds(30)),
            aggregation: aggregationPlan(config),
            collectionIntervalSeconds: Int(config.collectionInterval.components.seconds)
        )
        var sources = sources(config, aws: aws, logger: logger)
        if config.selfMetrics.publish { sources.append(AgentSelfSource(metrics: selfMetrics)) }
        return AgentPipeline(
            settings: settings,
            sources: sources,
            sink: sink ?? CloudWatchSink(client: aws.cloudWatch, logger: logger, selfMetrics: selfMetrics),
            logger: logger,
            selfMetrics: selfMetrics
        )
    }
}
