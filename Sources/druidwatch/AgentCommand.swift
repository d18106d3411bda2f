import ArgumentParser
import DruidWatchAgent
import DruidWatchConfig
import DruidWatchCore
import DruidWatchSystemd
import Logging
import ServiceLifecycle

struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Collect this instance's metrics and publish them to CloudWatch.",
        discussion: """
        Runs until SIGTERM or SIGINT; on either, the current period is collected and \
        published before exit. Under systemd it logs to journald and reports readiness, \
        status and watchdog pings with sd_notify.
        """
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file.")
    var config: String = "/etc/druidwatch/agent.yaml"

    @Option(help: "Stop after publishing this many periods (for demos and tests).")
    var periods: Int?

    func validate() throws {
        if let periods, periods < 1 { throw ValidationError("--periods must be at least 1") }
    }

    func run() async throws {
        let settings = try loadConfigurationOrExit(config)
        LogBackend.bootstrap(level: settings.logging.level.loggerLevel)
        let logger = Logger(label: "druidwatch.agent")

        let aws: AWSContext
        do {
            aws = try await AWSContext.resolve(settings, logger: logger)
        } catch {
            logger.critical("cannot start: \(error.description)")
            throw ExitCode.failure
        }
        logger.info("starting", metadata: [
            "version": "\(DruidWatchVersion.current)", "region": "\(aws.region.region)", "region_source": "\(aws.region.source)",
            "instance_id": "\(aws.identity.instanceId ?? "-")", "auto_scaling_group": "\(aws.identity.autoScalingGroupName ?? "-")",
        ])

        let selfMetrics = AgentSelfMetrics()
        let sink: any MetricSink
        do {
            sink = try AgentAssembly.sink(settings, aws: aws, selfMetrics: selfMetrics, logger: logger)
        } catch {
            logger.critical("cannot use the spool directory \(settings.spool.directory): \(error)")
            throw ExitCode.failure
        }
        if let spooling = sink as? SpoolingSink {
            // What an outage or a crash left behind goes first, oldest first, bounded.
            let replayed = await spooling.replay()
            if replayed.published > 0 { logger.info("spool: replayed batches left from before", metadata: ["datums": "\(replayed.published)"]) }
        }
        let pipeline = AgentAssembly.pipeline(settings, aws: aws, sink: sink, selfMetrics: selfMetrics, logger: logger)
        let logShipping: (shipper: LogShipper, alerts: AlertLogQueue?)?
        do {
            logShipping = try AgentAssembly.logShipper(settings, aws: aws, inbox: pipeline.inbox, logger: logger)
        } catch {
            logger.critical("cannot start: \(error.description)")
            throw ExitCode.failure
        }
        // Bound before anything else runs, so that a port in use stops the agent at once
        // with a clear message instead of leaving Druid's emitter failing quietly.
        let receiver = AgentAssembly.emitterReceiver(settings, pipeline: pipeline, alertLog: logShipping?.alerts, logger: logger)
        if let receiver {
            do {
                try await receiver.start()
            } catch {
                logger.critical("cannot listen for Druid's emitter on \(receiver.settings.host):\(receiver.settings.port): \(error)")
                throw ExitCode.failure
            }
        }
        let selfMetricsServer = AgentAssembly.selfMetricsServer(settings, metrics: selfMetrics, logger: logger)
        if let selfMetricsServer {
            do {
                try await selfMetricsServer.start()
            } catch {
                logger.critical("cannot serve self-metrics on \(selfMetricsServer.host):\(selfMetricsServer.port): \(error) (set self_metrics.listen, or self_metrics.enabled: false)")
                throw ExitCode.failure
            }
        }
        let notifier = ReloadAwareNotifier(SystemdNotifier(), sendReloading: { SystemdNotifier().reloading(status: "reloading the configuration") })
        let reload = ConfigurationReload(notifier: notifier, logger: logger) { [config] in
            do throws(ConfigError) {
                _ = try AgentConfigLoader.load(path: config)
                return nil
            } catch {
                return error.description
            }
        }
        let service = AgentService(
            pipeline: pipeline,
            collectionInterval: settings.collectionInterval,
            notifier: notifier,
            logger: logger,
            periodLimit: periods,
            phase: FleetPhase.offset(
                for: aws.identity.instanceId ?? aws.identity.hostName ?? "",
                interval: min(settings.collectionInterval, .seconds(10))
            )
        )
        // Shut down in reverse order: the receiver stops taking batches first, then the
        // log shipper spools the last alerts and lines, then the agent publishes what it
        // holds (the shipper's figures with it).
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)]
        if let logShipping { services.append(.init(service: logShipping.shipper)) }
        if let receiver { services.append(.init(service: receiver)) }
        if let selfMetricsServer { services.append(.init(service: selfMetricsServer)) }
        services.append(.init(service: reload, successTerminationBehavior: .gracefullyShutdownGroup))
        let group = ServiceGroup(configuration: .init(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
        if reload.isRequested {
            ConfigurationReload.executeAgain(logger: logger)
            throw ExitCode.failure
        }
    }
}
