import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import DruidWatchEvaluator
import DruidWatchSystemd
import Foundation
import Logging
import ServiceLifecycle

/// `druidwatch evaluator`: the central alarm evaluator.
struct EvaluatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluator",
        abstract: "Evaluate the alarm rules against CloudWatch and notify through SNS.",
        discussion: """
        Runs until SIGTERM or SIGINT. Every cycle lists the rules' series when due, reads \
        the periods that ended (GetMetricData, each series once per period), evaluates \
        with CloudWatch's alarm semantics and queues notifications in a durable outbox, \
        which a sender publishes to SNS at a bounded rate. Under systemd it reports \
        readiness, status and watchdog pings with sd_notify.
        """
    )

    @Option(name: .shortAndLong, help: "The evaluator's YAML configuration file.")
    var config: String = "/etc/druidwatch/evaluator.yaml"

    @Option(help: "Run this many cycles, publish what they queued, and exit (demos and tests).")
    var cycles: Int?

    @Flag(help: "Print the subject and e-mail text of every notification SNS accepts.")
    var showNotifications = false

    func validate() throws {
        if let cycles, cycles < 1 { throw ValidationError("--cycles must be at least 1") }
    }

    func run() async throws {
        let settings = try loadEvaluatorConfigurationOrExit(config)
        LogBackend.bootstrap(level: settings.logging.level.loggerLevel)
        let logger = Logger(label: "druidwatch.evaluator")
        let rules = try loadAlarmRules(directory: settings.rules, variables: settings.variables, command: "evaluator", runbooks: settings.runbooksDirectory)
        let assembly: EvaluatorAssembly
        do {
            assembly = try await EvaluatorAssembly.assemble(settings, rules: rules, logger: logger)
        } catch {
            logger.critical("cannot start: \(error.description)")
            throw ExitCode.failure
        }
        var publisher: any NotificationPublisher = assembly.sns
        if showNotifications {
            publisher = EchoingPublisher(inner: publisher) { subject, email in
                print("--- notification published: \(subject ?? "(no subject)")")
                print(email)
            }
        }
        let sender = OutboxSender(
            outbox: assembly.outbox, publisher: publisher,
            options: .init(publishesPerSecond: settings.notifications.maximumPublishesPerSecond), logger: logger
        )
        let notifier = ReloadAwareNotifier(SystemdNotifier(), sendReloading: { SystemdNotifier().reloading(status: "reloading the configuration") })
        let service = EvaluatorService(
            cycle: assembly.cycle, intervalSeconds: settings.intervalSeconds, notifier: notifier, logger: logger, cycleLimit: cycles,
            heartbeat: assembly.heartbeat, dashboards: assembly.dashboards
        )
        if cycles != nil {
            try await service.run()
            // Publish what the cycles queued before exiting, bounded: what SNS does not
            // take now stays in the outbox for the next run.
            for _ in 0..<5 where assembly.outbox.count > 0 {
                _ = await sender.sendDue()
                if assembly.outbox.count > 0 { try? await Task.sleep(for: .seconds(1)) }
            }
            return
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup), .init(service: sender)]
        do {
            if let feed = try EvaluatorAssembly.directFeedReceiver(settings, cycle: assembly.cycle, logger: logger) { services.append(.init(service: feed)) }
        } catch {
            logger.critical("cannot start: \(error.description)")
            throw ExitCode.failure
        }
        let reload = ConfigurationReload(notifier: notifier, logger: logger) { [config] in
            do throws(ConfigError) {
                let settings = try EvaluatorConfigLoader.load(path: config)
                _ = try AlarmRuleSetLoader.load(
                    directory: URL(fileURLWithPath: settings.rules), variables: settings.variables, runbooks: URL(fileURLWithPath: settings.runbooksDirectory)
                )
                return nil
            } catch {
                return error.description
            }
        }
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

/// The evaluator configuration a command was given, or its problems and exit status 1.
func loadEvaluatorConfigurationOrExit(_ path: String) throws -> EvaluatorConfig {
    do {
        return try EvaluatorConfigLoader.load(path: path)
    } catch {
        printToStandardError(error.description)
        throw ExitCode.failure
    }
}
