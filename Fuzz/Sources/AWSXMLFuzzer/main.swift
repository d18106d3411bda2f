import DruidWatchAWS
import Foundation
import LibFuzzerDriver

// Every query-protocol answer druidwatch reads goes through the one XML tree; each
// reader then looks for its own elements in whatever tree came back.
LibFuzzer.run { body in
    let data = Data(body)
    _ = AWSServiceError.from(status: 400, body: data)
    guard let tree = try? XMLElementTree.parse(data) else { return }
    _ = try? CloudWatchResponseParser.metricDataResults(tree)
    _ = try? CloudWatchResponseParser.listedMetrics(tree)
    _ = try? DashboardResponseParser.validationMessages(tree)
    _ = try? DashboardResponseParser.storedDashboard(tree)
    _ = try? DashboardResponseParser.dashboardEntries(tree)
}
