import DruidWatchCore
import Foundation
import DruidWatchTestSupport
import Testing

@Suite struct LogNameTemplateTests {
    @Test func placeholdersAreFilledAndMadeValid() throws {
        let group = try LogNameTemplate("/druid/{cluster}/{service}", kind: .group)
        #expect(group.name(["cluster": "prod druid:1", "service": "historical"]) == "/druid/prod_druid_1/historical")
        #expect(group.name(["service": "broker"]) == "/druid/unknown/broker")
        let stream = try LogNameTemplate("{instance_id}/{host}", kind: .stream)
        #expect(stream.name(["instance_id": "i-0abc", "host": "ip-10-0-0-1.ec2:internal*"]) == "i-0abc/ip-10-0-0-1.ec2_internal_")
    }

    @Test func unknownPlaceholdersAndBadCharactersAreRefused() {
        #expect(throws: LogNameTemplate.TemplateError.self) { try LogNameTemplate("/druid/{clustr}", kind: .group) }
        #expect(throws: LogNameTemplate.TemplateError.self) { try LogNameTemplate("/druid/a b", kind: .group) }
        #expect(throws: LogNameTemplate.TemplateError.self) { try LogNameTemplate("a:b", kind: .stream) }
        #expect(throws: LogNameTemplate.TemplateError.self) { try LogNameTemplate("/druid/{cluster", kind: .group) }
        #expect(throws: LogNameTemplate.TemplateError.self) { try LogNameTemplate("", kind: .stream) }
    }
}

@Suite struct DruidAlertLogRecordTests {
    @Test func anAlertIsOneJSONObjectWithDruidsFields() throws {
        let alert = DruidAlertEvent(
            service: "druid/historical", host: "10.0.1.7:8083", severity: "component-failure", description: "Failed to load segment \"x\"",
            timestamp: 1_796_521_894.123,
            fields: ["data.exceptionType": "java.io.IOException", "data.segment.dataSource": "wikipedia", "data.retries": "3", "data.tags": "[\"a\"]"]
        )
        let text = DruidAlertLogRecord.json(alert)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["feed"] as? String == "alerts")
        #expect(object["timestamp"] as? String == "2026-12-06T01:51:34.123Z")
        #expect(object["severity"] as? String == "component-failure")
        #expect(object["description"] as? String == "Failed to load segment \"x\"")
        let data = try #require(object["data"] as? [String: Any])
        #expect(data["exceptionType"] as? String == "java.io.IOException")
        #expect((data["segment"] as? [String: Any])?["dataSource"] as? String == "wikipedia")
        #expect(data["retries"] as? String == "3")
        #expect(data["tags"] as? String == "[\"a\"]")
    }
}

extension DruidAlertLogRecordTests {
    /// Druid's own sample alerts, through the emitter parser: each record is JSON.
    @Test func everySampleAlertBecomesValidJSON() throws {
        let body = try Data(contentsOf: Fixtures.url("druid/http-emitter-array.json"))
        var parser = DruidBatchParser()
        var alerts: [DruidAlertEvent] = []
        _ = body.withUnsafeBytes { parser.aggregate($0, mapper: DruidEventMapper(catalog: .druidStandard), periodSeconds: 60, onAlert: { alerts.append($0) }) }
        #expect(!alerts.isEmpty)
        for alert in alerts {
            let text = DruidAlertLogRecord.json(alert)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
            #expect(object["severity"] as? String == alert.severity)
            #expect(object["data"] is [String: Any], "\(text)")
        }
    }
}

@Suite struct LogSpoolRecordTests {
    @Test func aRecordRoundTripsAndIsNotAMetricRecord() throws {
        let record = LogSpoolRecord(group: "/druid/prod/broker", stream: "i-0abc", events: [CloudWatchLogEvent(timestamp: 2_000, message: "b"), CloudWatchLogEvent(timestamp: 1_000, message: "a\u{FFFD}")])
        let data = record.encoded()
        #expect(try LogSpoolRecord.decode(data) == record)
        #expect(record.oldestTimestamp == Date(timeIntervalSince1970: 1))
        #expect(record.itemCount == 2)
        #expect(throws: SpoolRecordDecodingError.badMagic) { try SpoolRecord.decode(data) }
        var flipped = [UInt8](data)
        flipped[flipped.count - 3] ^= 0x01
        #expect(throws: SpoolRecordDecodingError.checksumMismatch) { try LogSpoolRecord.decode(Data(flipped)) }
    }

    @Test func aCheckpointRoundTrips() throws {
        let checkpoint = TailCheckpoint(committedSpoolSequence: 42, files: [
            .init(device: 2049, inode: 131_074, path: "/var/log/druid/broker.log", service: "broker", offset: 9_000, head: FileHead(bytes: Array("2026".utf8))),
        ])
        #expect(try TailCheckpoint.decode(checkpoint.encoded()) == checkpoint)
        #expect(FileHead(bytes: [UInt8](repeating: 1, count: 5_000)).length == FileHead.maximumLength)
    }
}
