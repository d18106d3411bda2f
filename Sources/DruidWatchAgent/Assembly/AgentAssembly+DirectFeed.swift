import DruidWatchAWS
import DruidWatchConfig
import DruidWatchCore
import Logging

extension AgentAssembly {
    /// The CloudWatch sink, with the evaluator's direct feed beside it when the
    /// configuration sets `direct_feed.url`. Throws when the token file cannot be read.
    public static func withDirectFeed(_ sink: any MetricSink, _ config: AgentConfig, http: any HTTPClient, logger: Logger) throws -> any MetricSink {
        guard let url = config.directFeed.url else { return sink }
        let token = try DirectFeedToken.load(file: config.directFeed.tokenFile)
        let feed = DirectFeedSink(
            url: url, token: token, periodSeconds: Int(config.period.components.seconds), http: http,
            timeout: config.directFeed.timeout, logger: logger
        )
        logger.info("direct feed to the evaluator", metadata: ["url": "\(url)"])
        return FeedingSink(primary: sink, feed: feed)
    }
}
