/// One CloudWatch dashboard: its name (`PutDashboard`'s `DashboardName`), the file it is
/// written to under `dashboards/`, and its body.
public struct Dashboard: Sendable, Equatable {
    /// `[A-Za-z0-9_-]`, at most 255 characters.
    public var name: String
    /// The file name under `dashboards/`, without `.json`; the same for every cluster so
    /// that the committed files keep their names.
    public var fileName: String
    public var body: DashboardBody

    public init(name: String, fileName: String, body: DashboardBody) {
        self.name = name
        self.fileName = fileName
        self.body = body
    }
}
