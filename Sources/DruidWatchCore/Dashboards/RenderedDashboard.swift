/// A dashboard checked against CloudWatch's limits and encoded: what `dashboards build`
/// writes and `dashboards publish` sends, byte for byte.
public struct RenderedDashboard: Sendable, Equatable {
    public var name: String
    public var fileName: String
    /// The body PutDashboard gets. No trailing white space: the XML of GetDashboard's
    /// answer is read with its text trimmed, and the body must compare equal.
    public var json: String

    /// The file under `dashboards/`: the body and a final newline.
    public var fileContents: String { json + "\n" }

    public init(name: String, fileName: String, json: String) {
        self.name = name
        self.fileName = fileName
        self.json = json
    }

    /// Every dashboard of the cluster, or every problem with the parameters or the
    /// dashboards; nothing is rendered unless all of them pass.
    public static func all(_ parameters: DashboardParameters) throws -> [RenderedDashboard] {
        let parameterProblems = parameters.problems
        guard parameterProblems.isEmpty else {
            throw DashboardValidationError(problems: parameterProblems.map { DashboardProblem(dashboard: "(all)", message: $0) })
        }
        let dashboards = DruidDashboards.all(parameters)
        try DashboardValidator.check(dashboards)
        return try dashboards.map { RenderedDashboard(name: $0.name, fileName: $0.fileName, json: try DashboardJSON.encode($0.body)) }
    }
}
