import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import DruidWatchStorage
import Foundation
import Logging

/// Builds the evaluator's parts from its configuration: the AWS clients, the rules, the
/// state (restored or fresh), the outbox and the cycle.
public struct EvaluatorAssembly: Sendable {
    public var cycle: EvaluationCycle
    public var outbox: NotificationOutbox
    public var sns: SNSClient
    public var heartbeat: EvaluatorHeartbeat
    /// nil when `dashboards.publish` is off.
    public var dashboards: DashboardRefresher?
    public var restored: EvaluatorStateStore.Loaded

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func assemble(
        _ config: EvaluatorConfig, rules: AlarmRuleSet, environment: [String: String] = ProcessInfo.processInfo.environment,
        now: Date = Date(), logger: Logger
    ) async throws(StartError) -> EvaluatorAssembly {
        let session: AWSSession
        do {
            session = try await AWSSession.resolve(
                region: config.aws.region, profile: config.aws.profile, imds: config.aws.imds, imdsEndpoint: config.aws.imdsEndpoint,
                environment: environment, logger: logger
            )
        } catch {
            throw StartError(description: error.description)
        }
        let region = session.region.region
        func client<Client>(_ make: (CurlHTTPClient, CredentialChain, String, String?, Duration, Duration) -> Client) -> Client {
            make(session.http, session.credentials, region, config.aws.endpointURL, config.aws.connectTimeout, config.aws.requestTimeout)
        }
        let cloudWatch = client { CloudWatchClient(http: $0, credentials: $1, region: $2, endpointOverride: $3, connectTimeout: $4, requestTimeout: $5) }
        let sns = client { SNSClient(http: $0, credentials: $1, region: $2, endpointOverride: $3, connectTimeout: $4, requestTimeout: $5) }
        let accountID: String
        if let configured = config.accountID {
            accountID = configured
        } else {
            let sts = client { STSClient(http: $0, credentials: $1, region: $2, endpointOverride: $3, connectTimeout: $4, requestTimeout: $5) }
            do {
                accountID = try await sts.getCallerIdentity()
            } catch {
                throw StartError(description: "cannot learn the AWS account (sts:GetCallerIdentity) for alarm ARNs; set account_id: \(error)")
            }
        }

        let paths = EvaluatorPaths(stateDirectory: URL(fileURLWithPath: config.stateDirectory))
        let outbox: NotificationOutbox
        do {
            try DurableFile.createDirectory(paths.stateDirectory)
            outbox = try NotificationOutbox(options: .init(paths: paths, maximumCount: config.notifications.outboxMaximumCount, logger: logger))
        } catch {
            throw StartError(description: "cannot use the state directory \(config.stateDirectory): \(error)")
        }
        let store = EvaluatorStateStore(file: paths.stateFile)
        let loaded = store.load(now: now)
        switch loaded {
        case .fresh:
            logger.info("no state file yet: every alarm starts in INSUFFICIENT_DATA", metadata: ["file": "\(paths.stateFile.path)"])
        case let .restored(state):
            logger.info("state restored", metadata: ["savedAt": "\(state.savedAt)", "alarmStates": "\(state.evaluator.groups.count)"])
        case let .corrupt(_, reason, movedTo):
            logger.error("the state file is unusable; starting from INSUFFICIENT_DATA", metadata: [
                "file": "\(paths.stateFile.path)", "reason": "\(reason)", "movedTo": "\(movedTo?.path ?? "-")",
            ])
        }
        let policy: NotificationPolicy
        do {
            policy = try NotificationPolicy(
                groupWait: TimeInterval(config.notifications.groupWaitSeconds),
                groupInterval: TimeInterval(config.notifications.groupIntervalSeconds),
                repeatInterval: TimeInterval(config.notifications.repeatIntervalSeconds),
                sendResolved: config.notifications.sendResolved
            )
        } catch {
            throw StartError(description: "notifications: \(error)")
        }
        let renderer = GroupNotificationRenderer(
            accountID: accountID, regionCode: region, cluster: config.cluster, runbookBaseURL: config.runbookBaseURL,
            topics: config.notifications.topics, sendResolved: config.notifications.sendResolved
        )
        var cycleSettings = EvaluationCycle.Settings(discoveryIntervalSeconds: config.discoveryIntervalSeconds, topics: config.notifications.topics, policy: policy)
        cycleSettings.directFeedQueueLimit = config.directFeed.maximumPendingBatches
        let cycle = EvaluationCycle(
            rules: rules,
            evaluator: RuleSetEvaluator(rules: rules, readDelaySeconds: config.readDelaySeconds),
            reader: cloudWatch, outbox: outbox, renderer: renderer, stateStore: store,
            silenceStore: SilenceStore(file: paths.silencesFile),
            settings: cycleSettings,
            initialState: loaded.state, logger: logger
        )
        let heartbeat = EvaluatorHeartbeat(cloudWatch: cloudWatch, namespace: config.namespace, cluster: config.cluster, logger: logger)
        let dashboards = config.dashboards.publish
            ? DashboardRefresher(parameters: config.dashboardParameters(region: region, rules: rules), publisher: DashboardPublisher(cloudWatch: cloudWatch), logger: logger)
            : nil
        return EvaluatorAssembly(cycle: cycle, outbox: outbox, sns: sns, heartbeat: heartbeat, dashboards: dashboards, restored: loaded)
    }
}
