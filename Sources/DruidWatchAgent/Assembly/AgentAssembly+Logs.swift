import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import Foundation
import Logging

extension AgentAssembly {
    public struct LogsSetupError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The log shipper the `logs` section describes, and the queue the emitter receiver
    /// hands Druid's alerts to; nil when the section is absent or disabled. Throws when
    /// the state directory cannot be used.
    public static func logShipper(
        _ config: AgentConfig, aws: AWSContext, inbox: AggregationInbox?, clock: any WallClock = SystemWallClock(), logger: Logger
    ) throws(LogsSetupError) -> (shipper: LogShipper, alerts: AlertLogQueue?)? {
        let logs = config.logs
        guard logs.enabled else { return nil }
        let state = URL(fileURLWithPath: logs.stateDirectory, isDirectory: true)
        let spool: LogSpool
        do {
            spool = try LogSpool(options: SpoolOptions(
                directory: state.appendingPathComponent("spool", isDirectory: true),
                maximumBytes: logs.spoolMaximumBytes,
                maximumAge: config.spool.maximumAge,
                logger: logger
            ))
        } catch {
            throw LogsSetupError(description: "cannot use the log state directory \(logs.stateDirectory): \(error)")
        }
        let files: [LogsConfigFilePattern]
        do {
            files = try logs.files.map { file in
                let rule: LineStartRule = switch file.multiline {
                case .datePrefix: .datePrefix
                case .everyLine: .everyLine
                case let .pattern(source): .pattern(try LineStartPattern(source))
                }
                return LogsConfigFilePattern(file: file, rule: rule)
            }
            let settings = LogShipper.Settings(
                group: try LogNameTemplate(logs.group, kind: .group),
                stream: try LogNameTemplate(logs.stream, kind: .stream),
                alerts: logs.alerts.enabled ? (try LogNameTemplate(logs.alerts.group, kind: .group), try LogNameTemplate(logs.alerts.stream, kind: .stream)) : nil,
                names: logNames(config, identity: aws.identity),
                retentionDays: logs.retentionDays,
                flushInterval: logs.flushInterval,
                multilineTimeout: logs.multilineTimeout,
                checkpointFile: state.appendingPathComponent("checkpoints.json")
            )
            let client = CloudWatchLogsClient(
                http: aws.http, credentials: aws.credentials, region: aws.region.region, endpointOverride: aws.endpointOverride,
                connectTimeout: config.aws.connectTimeout, requestTimeout: config.aws.requestTimeout
            )
            let alerts = logs.alerts.enabled ? AlertLogQueue() : nil
            let shipper = LogShipper(
                settings: settings, files: files, spool: spool, client: client, alertQueue: alerts, inbox: inbox,
                timeZone: TimeZone(identifier: logs.timeZone) ?? TimeZone(identifier: "UTC")!, clock: clock, logger: logger
            )
            return (shipper, alerts)
        } catch {
            // The configuration loader checked the templates and patterns already.
            throw LogsSetupError(description: "logs: \(error)")
        }
    }

    /// The values of the group and stream placeholders on this instance.
    static func logNames(_ config: AgentConfig, identity: InstanceIdentity) -> [String: String] {
        var names: [String: String] = [:]
        names["cluster"] = config.cluster
        names["instance_id"] = identity.instanceId ?? identity.hostName
        names["host"] = identity.hostName ?? identity.instanceId
        names["auto_scaling_group"] = identity.autoScalingGroupName
        return names
    }
}
