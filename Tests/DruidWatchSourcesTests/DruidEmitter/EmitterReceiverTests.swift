import DruidWatchAWS
import DruidWatchCore
import DruidWatchSources
import Foundation
import Testing

@Suite struct EmitterReceiverTests {
    @Test(arguments: ["http-emitter-array.json", "http-emitter-newlines.txt", "http-emitter-only-events.txt"])
    func eachFramingDruidSendsIsAggregatedWithCatalogDimensions(file: String) async throws {
        try await EmitterReceiverTestbed.with { bed in
            let response = try await bed.post(try EmitterReceiverTestbed.sample(file))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self).contains(#""metrics":83,"alerts":1"#))
            let datums = bed.datums()
            // query/time is a timer kept per dataSource and query type, service-stamped.
            let queryTime = try #require(datums["query/time"])
            let wikipediaTimeseries = try #require(queryTime.first { $0.dimensions.contains(MetricDimension("dataSource", "wikipedia")) && $0.dimensions.contains(MetricDimension("type", "timeseries")) })
            #expect(Set(wikipediaTimeseries.dimensions.map(\.name)) == ["Cluster", "Service", "dataSource", "type"])
            #expect(wikipediaTimeseries.unit == .milliseconds)
            if case let .distribution(values, counts) = wikipediaTimeseries.value {
                #expect(Dictionary(uniqueKeysWithValues: zip(values, counts)) == [1210: 1, 48: 1])
            } else {
                Issue.record("query/time should be a distribution, got \(wikipediaTimeseries.value)")
            }
            // High-cardinality fields never become dimensions.
            let everyDimension = Set(datums.values.joined().flatMap(\.dimensions).map(\.name))
            #expect(everyDimension.isDisjoint(with: ["id", "queryId", "remoteAddress", "context", "interval", "host"]))
            // The alert is counted by service and severity.
            let alerts = try #require(datums["druid/alerts"]?.first)
            #expect(alerts.dimensions.contains(MetricDimension("Severity", "component-failure")))
            #expect(alerts.value == .single(1) || alerts.value == .statistics(StatisticSet(sampleCount: 1, sum: 1, minimum: 1, maximum: 1)))
        }
    }

    @Test func gzipBodiesAreDecoded() async throws {
        try await EmitterReceiverTestbed.with { bed in
            let response = try await bed.post(try EmitterReceiverTestbed.sample("http-emitter-array.json.gz"), headers: [
                HTTPHeader("Content-Type", "application/json"), HTTPHeader("Content-Encoding", "gzip"),
            ])
            #expect(response.status == 200)
            #expect(bed.datums()["query/time"] != nil)
        }
    }

    @Test func aMalformedBatchIsRefusedWithItsReasonAndKeepsNothing() async throws {
        try await EmitterReceiverTestbed.with { bed in
            let response = try await bed.post(Data("not json at all".utf8))
            #expect(response.status == 400)
            #expect(String(decoding: response.body, as: UTF8.self).contains("malformed batch"))
            let datums = bed.datums()
            #expect(datums["druidwatch/emitter/refused"]?.first?.dimensions.contains(MetricDimension("Reason", "malformed")) == true)
            #expect(datums.keys.allSatisfy { $0.hasPrefix("druidwatch/") })
        }
    }

    @Test func oneBadEventCostsOnlyItself() async throws {
        try await EmitterReceiverTestbed.with { bed in
            let good = #"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"druid/broker","host":"h:1","metric":"query/count","value":3}"#
            let bad = #"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"druid/broker","host":"h:1","metric":"query/count","value":"x"}"#
            let response = try await bed.post(Data("[\(good),\(bad),\(good)]".utf8))
            #expect(response.status == 200)
            #expect(String(decoding: response.body, as: UTF8.self).contains(#""metrics":2"#))
            let datums = bed.datums()
            #expect(datums["query/count"]?.first?.value == .single(6))
            #expect(datums["druidwatch/emitter/rejected_events"] != nil)
        }
    }

    @Test func aBodyLargerThanTheLimitIs413() async throws {
        try await EmitterReceiverTestbed.with(settings: EmitterReceiverSettings(port: 0, maximumBodyBytes: 4096)) { bed in
            let response = try await bed.post(try EmitterReceiverTestbed.sample("http-emitter-array.json"))
            #expect(response.status == 413)
            #expect(bed.datums()["query/time"] == nil)
        }
    }

    @Test func aGzipBombIs413() async throws {
        let settings = EmitterReceiverSettings(port: 0, maximumDecodedBytes: 10_000)
        try await EmitterReceiverTestbed.with(settings: settings) { bed in
            let response = try await bed.post(try EmitterReceiverTestbed.sample("http-emitter-array.json.gz"), headers: [HTTPHeader("Content-Encoding", "gzip")])
            #expect(response.status == 413)
        }
    }

    @Test func atTheMemoryLimitDruidIsToldToRetry() async throws {
        // A budget smaller than one batch: the receiver must shed it with 503, which
        // Druid's emitter treats as "keep the batch and retry".
        try await EmitterReceiverTestbed.with(settings: EmitterReceiverSettings(port: 0, maximumBufferedBytes: 1000)) { bed in
            let response = try await bed.post(try EmitterReceiverTestbed.sample("http-emitter-array.json"))
            #expect(response.status == 503)
            #expect(bed.receiver.bufferedBytes == 0)
            let refused = bed.datums()["druidwatch/emitter/refused"]
            #expect(refused?.first?.dimensions.contains(MetricDimension("Reason", "overloaded")) == true)
        }
    }

    @Test func theBudgetIsReturnedAfterEveryRequest() async throws {
        try await EmitterReceiverTestbed.with(settings: EmitterReceiverSettings(port: 0, maximumBufferedBytes: 100_000)) { bed in
            let batch = try EmitterReceiverTestbed.sample("http-emitter-newlines.txt")
            var statuses: [Int] = []
            for _ in 0..<20 {
                statuses.append(try await bed.post(batch).status)
            }
            #expect(statuses == Array(repeating: 200, count: 20))
            #expect(bed.receiver.bufferedBytes == 0)
        }
    }

    @Test func basicAuthenticationIsRequiredWhenConfigured() async throws {
        let settings = EmitterReceiverSettings(port: 0, credentials: BasicCredentials(username: "druid", password: "s3cret:with:colons"))
        try await EmitterReceiverTestbed.with(settings: settings) { bed in
            let body = try EmitterReceiverTestbed.sample("http-emitter-newlines.txt")
            #expect(try await bed.post(body).status == 401)
            let wrong = Data("druid:nope".utf8).base64EncodedString()
            #expect(try await bed.post(body, headers: [HTTPHeader("Authorization", "Basic \(wrong)")]).status == 401)
            let right = Data("druid:s3cret:with:colons".utf8).base64EncodedString()
            #expect(try await bed.post(body, headers: [HTTPHeader("Authorization", "Basic \(right)")]).status == 200)
        }
    }

    @Test func unsupportedEncodingsAndMethodsAreRefused() async throws {
        try await EmitterReceiverTestbed.with { bed in
            #expect(try await bed.post(Data("[]".utf8), headers: [HTTPHeader("Content-Encoding", "br")]).status == 415)
            let get = try await bed.http.execute(HTTPRequest(method: .get, url: "http://127.0.0.1:\(bed.port)/"))
            #expect(get.status == 405)
            let health = try await bed.http.execute(HTTPRequest(method: .get, url: "http://127.0.0.1:\(bed.port)/health"))
            #expect(health.status == 200)
        }
    }

    @Test func unknownMetricsAreDroppedOrKeptWithTheServiceOnly() async throws {
        let event = #"{"feed":"metrics","timestamp":"2026-11-20T10:00:00Z","service":"druid/broker","host":"h:1","metric":"custom/thing","value":2,"dataSource":"w"}"#
        try await EmitterReceiverTestbed.with { bed in
            _ = try await bed.post(Data(event.utf8))
            let datums = bed.datums()
            #expect(datums["custom/thing"] == nil)
            #expect(datums["druidwatch/emitter/unknown_metrics"] != nil)
        }
        try await EmitterReceiverTestbed.with(mapper: DruidEventMapper(catalog: .druidStandard, unknownMetrics: .keepServiceOnly)) { bed in
            _ = try await bed.post(Data(event.utf8))
            let kept = try #require(bed.datums()["custom/thing"]?.first)
            #expect(Set(kept.dimensions.map(\.name)) == ["Cluster", "Service"])
        }
    }

    @Test func oversizedHeadersAre431AndTheNextConnectionIsServed() async throws {
        try await EmitterReceiverTestbed.with { bed in
            let big = try await bed.post(Data("[]".utf8), headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("X-Padding", String(repeating: "a", count: 20_000))])
            #expect(big.status == 431)
            #expect(String(decoding: big.body, as: UTF8.self).contains("larger than 16384 bytes"))
            let normal = try await bed.post(try EmitterReceiverTestbed.sample("http-emitter-array.json"))
            #expect(normal.status == 200)
        }
    }
}
