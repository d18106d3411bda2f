import DruidWatchConfig
import DruidWatchCore
import Logging

extension EvaluatorAssembly {
    /// The direct feed endpoint feeding `cycle`; nil when the configuration leaves it off.
    /// Throws when the token file cannot be read (an open endpoint is never started).
    public static func directFeedReceiver(_ config: EvaluatorConfig, cycle: EvaluationCycle, logger: Logger) throws(StartError) -> DirectFeedReceiver? {
        let feed = config.directFeed
        guard feed.enabled else { return nil }
        let token: DirectFeedToken
        do {
            token = try DirectFeedToken.load(file: feed.tokenFile)
        } catch {
            throw StartError(description: "direct_feed.token_file \(feed.tokenFile): \(error)")
        }
        return DirectFeedReceiver(
            settings: .init(host: feed.host, port: feed.port, token: token, maximumBodyBytes: feed.maximumBodyBytes),
            consumer: cycle, logger: logger
        )
    }
}
