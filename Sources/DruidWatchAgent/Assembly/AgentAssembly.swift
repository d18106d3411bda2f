import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchSources
import Foundation
import Logging

/// Builds the agent a configuration describes. Adding a source is one line here.
public enum AgentAssembly {
    public static func sources(_ config: AgentConfig, logger: Logger) -> [any MetricSource] {
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
        return sources
    }

    public static func pipeline(_ config: AgentConfig, aws: AWSContext, sink: (any MetricSink)? = nil, logger: Logger) -> AgentPipeline {
        let extra = config.dimensions.map { MetricDimension($0.name, $0.value) }
        let settings = AgentPipeline.Settings(
            namespace: config.namespace,
            periodSeconds: Int(config.period.components.seconds),
            commonDimensions: IdentityDimensions.make(identity: aws.identity, cluster: config.cluster, extra: extra),
            sourceTimeout: min(config.collectionInterval, .seconds(30))
        )
        return AgentPipeline(
            settings: settings,
            sources: sources(config, logger: logger),
            sink: sink ?? CloudWatchSink(client: aws.cloudWatch, logger: logger),
            logger: logger
        )
    }
}
