import DruidWatchCore

/// Publishes rendered dashboards with PutDashboard, one at a time (the API allows 10
/// calls a second). A dashboard whose stored body already equals the new one is left
/// alone, so that publishing again changes nothing and costs one GetDashboard.
public struct DashboardPublisher: Sendable {
    public var cloudWatch: CloudWatchClient

    public enum Outcome: Sendable {
        case unchanged
        /// Saved; CloudWatch's warnings, if any, say which parts may not render.
        case published(warnings: [DashboardValidationMessage])
        case failed(AWSCallError)
    }

    public init(cloudWatch: CloudWatchClient) {
        self.cloudWatch = cloudWatch
    }

    public func publish(_ dashboards: [RenderedDashboard]) async -> [(dashboard: RenderedDashboard, outcome: Outcome)] {
        var outcomes: [(RenderedDashboard, Outcome)] = []
        for dashboard in dashboards {
            outcomes.append((dashboard, await publish(dashboard)))
        }
        return outcomes
    }

    public func publish(_ dashboard: RenderedDashboard) async -> Outcome {
        do {
            if let stored = try await storedBody(dashboard.name), stored == dashboard.json { return .unchanged }
            return .published(warnings: try await cloudWatch.putDashboard(name: dashboard.name, body: dashboard.json))
        } catch {
            return .failed(error)
        }
    }

    /// nil when there is no dashboard of that name yet.
    func storedBody(_ name: String) async throws(AWSCallError) -> String? {
        do {
            return try await cloudWatch.getDashboard(name: name).body
        } catch let .service(error) where ["ResourceNotFound", "DashboardNotFoundError"].contains(error.code) {
            return nil
        }
    }
}
