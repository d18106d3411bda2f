/// Form parameters of the CloudWatch dashboard calls (PutDashboard, GetDashboard,
/// ListDashboards) over the query protocol.
public enum DashboardRequestEncoder {
    public static func putDashboard(name: String, body: String) -> [(String, String)] {
        [("Action", "PutDashboard"), ("Version", "2010-08-01"), ("DashboardName", name), ("DashboardBody", body)]
    }

    public static func getDashboard(name: String) -> [(String, String)] {
        [("Action", "GetDashboard"), ("Version", "2010-08-01"), ("DashboardName", name)]
    }

    public static func listDashboards(namePrefix: String?, nextToken: String?) -> [(String, String)] {
        var parameters = [("Action", "ListDashboards"), ("Version", "2010-08-01")]
        if let namePrefix { parameters.append(("DashboardNamePrefix", namePrefix)) }
        if let nextToken { parameters.append(("NextToken", nextToken)) }
        return parameters
    }
}
