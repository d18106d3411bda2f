/// CloudWatch Logs metric filters over the groups the agent ships to, for
/// `druidwatch alarms export --log-metric-filters`, so that a log signal can drive an
/// alarm without the evaluator:
///
/// - per Druid service, ERROR and FATAL lines of its group (`/druid/<cluster>/<service>`)
///   counted as `druid/log/<service>/errors`: a filter cannot give a dimension a fixed
///   value, and Druid's log lines name no service, so the service is in the name;
/// - per Druid alert severity, the alerts group's JSON events counted as
///   `druid/log/alerts` with the `Service` and `Severity` of each event (the alerts
///   stream's fields), as the emitter path counts `druid/alerts`.
///
/// A metric filter needs its group to exist: deploy the template once the agents have
/// run (they create the groups), or create the groups first.
public struct CloudFormationLogMetricFilters: Sendable, Hashable {
    public var namespace: String
    public var serviceGroups: [ServiceLogGroup]
    public var alertsGroup: String?

    public static let errorPattern = #"[timestamp, level = "ERROR" || level = "FATAL", ...]"#
    public static let severities = ["anomaly", "component-failure", "service-failure"]

    public struct ServiceLogGroup: Sendable, Hashable {
        public var service: String
        public var group: String

        public init(service: String, group: String) {
            self.service = service
            self.group = group
        }
    }

    public init(namespace: String, serviceGroups: [ServiceLogGroup], alertsGroup: String?) {
        self.namespace = namespace
        self.serviceGroups = serviceGroups
        self.alertsGroup = alertsGroup
    }

    /// The groups the agent's templates give each service and the alerts in `cluster`.
    public init(namespace: String, cluster: String, services: [String], groupTemplate: LogNameTemplate, alertsTemplate: LogNameTemplate?) {
        self.init(
            namespace: namespace,
            serviceGroups: services.map { ServiceLogGroup(service: $0, group: groupTemplate.name(["cluster": cluster, "service": $0])) },
            alertsGroup: alertsTemplate?.name(["cluster": cluster, "service": "alerts"])
        )
    }

    func write(into json: inout OrderedJSONWriter, ids: inout CloudFormationLogicalIDs) {
        for (service, group) in serviceGroups.map({ ($0.service, $0.group) }) {
            json.beginObject(ids.make(from: "\(service) errors", suffix: "MetricFilter"))
            json.string("Type", "AWS::Logs::MetricFilter")
            json.beginObject("Properties")
            json.string("LogGroupName", group)
            json.string("FilterName", "druidwatch-\(service)-errors")
            json.string("FilterPattern", Self.errorPattern)
            json.beginArray("MetricTransformations")
            json.beginObject()
            json.string("MetricNamespace", namespace)
            json.string("MetricName", "druid/log/\(service)/errors")
            json.string("MetricValue", "1")
            json.string("Unit", "Count")
            json.endObject()
            json.endArray()
            json.endObject()
            json.endObject()
        }
        guard let alertsGroup else { return }
        for severity in Self.severities {
            json.beginObject(ids.make(from: "alerts \(severity)", suffix: "MetricFilter"))
            json.string("Type", "AWS::Logs::MetricFilter")
            json.beginObject("Properties")
            json.string("LogGroupName", alertsGroup)
            json.string("FilterName", "druidwatch-alerts-\(severity)")
            json.string("FilterPattern", "{ $.severity = \"\(severity)\" }")
            json.beginArray("MetricTransformations")
            json.beginObject()
            json.string("MetricNamespace", namespace)
            json.string("MetricName", "druid/log/alerts")
            json.string("MetricValue", "1")
            json.string("Unit", "Count")
            json.beginArray("Dimensions")
            for (key, field) in [("Service", "$.service"), ("Severity", "$.severity")] {
                json.beginObject()
                json.string("Key", key)
                json.string("Value", field)
                json.endObject()
            }
            json.endArray()
            json.endObject()
            json.endArray()
            json.endObject()
            json.endObject()
        }
    }
}
