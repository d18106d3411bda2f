/// What druidwatch adds for the human who is paged, beyond what CloudWatch itself sends:
/// where to read what to do, where to look, what is affected and how to make it quiet.
/// Only the `email` text carries these; the `default` JSON stays CloudWatch's own so that
/// PagerDuty's, Opsgenie's and Chatbot's CloudWatch integrations parse it unchanged.
public struct AlarmNotificationContext: Sendable, Hashable {
    /// The rule's runbook, `<base>/runbooks/<group>/<alarmname-lowercase>/` (reference §4).
    public var runbookURL: String?
    /// A CloudWatch console link to the dashboard, with region and time range.
    public var dashboardURL: String?
    /// Free-form, as the rule file writes it (`critical`, `warning`).
    public var severity: String?
    /// The series this state change is about, e.g. `dataSource=wikipedia` for each
    /// dataSource a fanned-out rule found breaching. May be long; the message shortens it.
    public var affectedSeries: [String]
    /// A command that silences this alarm, e.g. `druidwatch silence add --match alarm=… --for 2h`.
    public var silenceCommand: String?

    public init(
        runbookURL: String? = nil,
        dashboardURL: String? = nil,
        severity: String? = nil,
        affectedSeries: [String] = [],
        silenceCommand: String? = nil
    ) {
        self.runbookURL = runbookURL
        self.dashboardURL = dashboardURL
        self.severity = severity
        self.affectedSeries = affectedSeries
        self.silenceCommand = silenceCommand
    }
}
