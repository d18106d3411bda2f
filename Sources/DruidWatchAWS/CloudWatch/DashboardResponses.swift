import Foundation

/// One entry of PutDashboard's `DashboardValidationMessages`: a warning when the
/// dashboard was saved anyway, an error when it was not.
public struct DashboardValidationMessage: Sendable, Equatable, CustomStringConvertible {
    public var dataPath: String
    public var message: String

    public init(dataPath: String, message: String) {
        self.dataPath = dataPath
        self.message = message
    }

    public var description: String { "\(dataPath): \(message)" }
}

/// What GetDashboard answers.
public struct StoredDashboard: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var body: String
}

/// One entry of ListDashboards.
public struct DashboardEntry: Sendable, Equatable {
    public var name: String
    public var arn: String
    public var size: Int?
}

/// Reads the XML answers of the dashboard calls.
public enum DashboardResponseParser {
    public static func validationMessages(_ tree: XMLElementTree) throws(AWSCallError) -> [DashboardValidationMessage] {
        guard let result = tree.first(named: "PutDashboardResult") else {
            throw .malformedResponse("PutDashboard answer has no PutDashboardResult element")
        }
        return (result.child("DashboardValidationMessages")?.children("member") ?? []).map {
            DashboardValidationMessage(dataPath: $0.child("DataPath")?.text ?? "", message: $0.child("Message")?.text ?? "")
        }
    }

    public static func storedDashboard(_ tree: XMLElementTree) throws(AWSCallError) -> StoredDashboard {
        guard let result = tree.first(named: "GetDashboardResult"), let body = result.child("DashboardBody") else {
            throw .malformedResponse("GetDashboard answer has no GetDashboardResult with a DashboardBody")
        }
        return StoredDashboard(name: result.child("DashboardName")?.text ?? "", arn: result.child("DashboardArn")?.text ?? "", body: body.text)
    }

    public static func dashboardEntries(_ tree: XMLElementTree) throws(AWSCallError) -> (entries: [DashboardEntry], nextToken: String?) {
        guard let result = tree.first(named: "ListDashboardsResult") else {
            throw .malformedResponse("ListDashboards answer has no ListDashboardsResult element")
        }
        let entries = (result.child("DashboardEntries")?.children("member") ?? []).map {
            DashboardEntry(name: $0.child("DashboardName")?.text ?? "", arn: $0.child("DashboardArn")?.text ?? "", size: $0.child("Size").flatMap { Int($0.text) })
        }
        let token = result.child("NextToken")?.text
        return (entries, token?.isEmpty == false ? token : nil)
    }
}
