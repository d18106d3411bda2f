/// CloudWatch's dashboard limits (reference §2: the body structure page, the service
/// quotas and the PutDashboard model).
public enum DashboardLimits {
    public static let gridColumns = 24
    public static let widgetsPerDashboard = 500
    public static let variablesPerDashboard = 25
    public static let metricsPerWidget = 500
    /// Includes rows only used in math and hidden ones.
    public static let metricsPerDashboard = 2_500
    public static let widgetHeight = 1...1_000
    public static let widgetWidth = 1...24
    public static let alarmsPerAlarmWidget = 1...100
    public static let alarmsPerAnnotation = 1
    public static let searchQueryLength = 1_024
    public static let searchesPerGraph = 100
    public static let dashboardNameLength = 255
    public static let variableIdLength = 32
    public static let variableLabelLength = 30
    public static let variableValueLength = 255
    public static let variableChoices = 1...500
    public static let variableSearchLength = 2_048
    public static let periodStep = 60
}
