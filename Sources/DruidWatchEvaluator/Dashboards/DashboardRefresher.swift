import DruidWatchAWS
import DruidWatchCore
import Logging
import Synchronization

/// Keeps the cluster's published dashboards current from the evaluator: it builds them
/// with the evaluator's rules (alarms, runbook links, thresholds) and what the evaluator
/// sees of the cluster (``DashboardFleet``), on the first cycle and again only when that
/// changes; each dashboard is put only when its body changed (``DashboardPublisher``).
/// A failed publish is tried again at the next cycle.
public final class DashboardRefresher: Sendable {
    public let parameters: DashboardParameters
    private let publisher: DashboardPublisher
    private let logger: Logger
    /// The fleet of the last build that published without failure.
    private let published = Mutex<DashboardFleet?>(nil)

    public struct Report: Sendable, Equatable {
        public var built = 0
        public var published = 0
        public var unchanged = 0
        public var failed = 0

        public init(built: Int = 0, published: Int = 0, unchanged: Int = 0, failed: Int = 0) {
            self.built = built
            self.published = published
            self.unchanged = unchanged
            self.failed = failed
        }
    }

    public init(parameters: DashboardParameters, publisher: DashboardPublisher, logger: Logger) {
        self.parameters = parameters
        self.publisher = publisher
        self.logger = logger
    }

    /// Rebuilds and publishes when `fleet` differs from the last one published; nil
    /// when there was nothing to do.
    @discardableResult
    public func refresh(fleet: DashboardFleet) async -> Report? {
        guard published.withLock({ $0 }) != fleet else { return nil }
        var withFleet = parameters
        withFleet.fleet = fleet
        let dashboards: [RenderedDashboard]
        do {
            dashboards = try RenderedDashboard.all(withFleet)
        } catch {
            logger.error("the dashboards do not pass CloudWatch's limits; not published", metadata: ["error": "\(error)"])
            published.withLock { $0 = fleet }
            return Report(failed: DruidDashboards.Kind.allCases.count)
        }
        var report = Report(built: dashboards.count)
        for (dashboard, outcome) in await publisher.publish(dashboards) {
            switch outcome {
            case .unchanged:
                report.unchanged += 1
            case let .published(warnings):
                report.published += 1
                logger.info("dashboard published", metadata: ["dashboard": "\(dashboard.name)", "validationMessages": "\(warnings.count)"])
                for warning in warnings {
                    logger.warning("CloudWatch's validation message", metadata: ["dashboard": "\(dashboard.name)", "message": "\(warning)"])
                }
            case let .failed(error):
                report.failed += 1
                logger.warning("dashboard not published; tried again next cycle", metadata: ["dashboard": "\(dashboard.name)", "error": "\(error)"])
            }
        }
        if report.failed == 0 { published.withLock { $0 = fleet } }
        return report
    }

    /// What the evaluator's discovered series show of the cluster.
    public func fleet(of state: EvaluatorState) -> DashboardFleet {
        DashboardFleet(series: state.discovered.values.lazy.flatMap(\.series), serviceDimension: parameters.serviceDimension)
    }
}
