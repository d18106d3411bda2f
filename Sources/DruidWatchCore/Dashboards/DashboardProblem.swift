/// One way a dashboard breaks a CloudWatch rule, naming the dashboard and, when it is
/// about one, the widget (by title, or by type and position) or variable.
public struct DashboardProblem: Sendable, Equatable, CustomStringConvertible {
    public var dashboard: String
    public var widget: String?
    public var message: String

    public init(dashboard: String, widget: String? = nil, message: String) {
        self.dashboard = dashboard
        self.widget = widget
        self.message = message
    }

    public var description: String {
        "dashboard \(dashboard)" + (widget.map { ", \($0)" } ?? "") + ": \(message)"
    }
}

/// Dashboards that must not be written or published, with every problem found.
public struct DashboardValidationError: Error, Sendable, CustomStringConvertible {
    public var problems: [DashboardProblem]

    public init(problems: [DashboardProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
