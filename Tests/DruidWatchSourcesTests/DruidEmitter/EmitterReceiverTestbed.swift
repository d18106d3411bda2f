import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Logging

/// A receiver on a free loopback port feeding its own aggregate, and a real libcurl
/// client to post to it, as Druid's emitter would.
struct EmitterReceiverTestbed {
    let receiver: EmitterReceiver
    let inbox: AggregationInbox
    let port: Int
    let http = CurlHTTPClient()

    static func with<T>(
        settings: EmitterReceiverSettings = EmitterReceiverSettings(port: 0),
        mapper: DruidEventMapper = DruidEventMapper(catalog: .druidStandard),
        _ body: (EmitterReceiverTestbed) async throws -> T
    ) async throws -> T {
        let inbox = AggregationInbox(aggregator: PeriodAggregator(periodSeconds: 60), commonDimensions: [MetricDimension("Cluster", "test")])
        let intake = EmitterIntake(mapper: mapper, inbox: inbox, logger: Logger(label: "test.emitter"))
        let receiver = EmitterReceiver(settings: settings, intake: intake, logger: Logger(label: "test.emitter"))
        let port = try await receiver.start()
        do {
            let result = try await body(EmitterReceiverTestbed(receiver: receiver, inbox: inbox, port: port))
            try await receiver.stop()
            return result
        } catch {
            try? await receiver.stop()
            throw error
        }
    }

    func post(_ body: Data, headers: [HTTPHeader] = [HTTPHeader("Content-Type", "application/json")], path: String = "/") async throws -> HTTPResponse {
        try await http.execute(HTTPRequest(method: .post, url: "http://127.0.0.1:\(port)\(path)", headers: headers, body: body, totalTimeout: .seconds(10)))
    }

    static func sample(_ name: String) throws -> Data {
        try Data(contentsOf: Fixtures.url("druid/\(name)"))
    }

    /// Every datum in the aggregate, by metric name.
    func datums() -> [String: [MetricDatum]] {
        Dictionary(grouping: inbox.drainAll(), by: \.metricName)
    }
}
