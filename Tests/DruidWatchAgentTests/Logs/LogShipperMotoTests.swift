import DruidWatchAgent
import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// The log shipper against moto's CloudWatch Logs on loopback: what Druid writes is read
/// back with GetLogEvents once, in order, across rotation, truncation, restarts and an
/// outage.
@Suite(.serialized) struct LogShipperMotoTests {
    @Test func linesAndStackTracesArriveAsEvents() async throws {
        try await MotoServer.with { moto in
            let bed = try LogShippingTestbed()
            let inbox = AggregationInbox(plan: AggregationPlan(periodSeconds: 60), commonDimensions: [])
            let shipper = try bed.shipper(endpoint: moto.endpoint, inbox: inbox)
            try bed.append("historical.log", [
                LogShippingTestbed.line(1),
                LogShippingTestbed.line(2, level: "ERROR"),
                "java.lang.RuntimeException: segment load failed",
                "\tat org.apache.druid.server.coordination.SegmentLoadDropHandler.loadSegment(SegmentLoadDropHandler.java:273)",
                LogShippingTestbed.line(3),
            ])
            await bed.settle(shipper)
            let events = try await LogShippingTestbed.events(moto, group: "/druid/test/historical")
            #expect(LogShippingTestbed.numbers(events) == [1, 2, 3])
            #expect(events[1].message.hasSuffix("\n\tat org.apache.druid.server.coordination.SegmentLoadDropHandler.loadSegment(SegmentLoadDropHandler.java:273)"))
            let figures = await shipper.shippingFigures
            #expect(figures.linesRead == 5)
            #expect(figures.eventsSent == 3)
            #expect(figures.eventsDroppedTotal == 0)
            let names = Set(inbox.drainAll().map(\.metricName))
            #expect(names.isSuperset(of: ["druidwatch/logs/lines_read", "druidwatch/logs/events_sent", "druidwatch/logs/bytes_behind", "druidwatch/logs/spool_bytes"]))
        }
    }

    @Test(arguments: ["historical.20261206.log", "historical.log.1"])
    func rotationByRenameLosesAndRepeatsNothing(rotatedName: String) async throws {
        try await MotoServer.with { moto in
            let bed = try LogShippingTestbed()
            let shipper = try bed.shipper(endpoint: moto.endpoint)
            try bed.append("historical.log", LogShippingTestbed.lines(0..<50))
            await shipper.cycle()
            // Written after the last read, then rotated away: still read, from the old inode.
            try bed.append("historical.log", LogShippingTestbed.lines(50..<100))
            bed.rename("historical.log", rotatedName)
            try bed.append("historical.log", LogShippingTestbed.lines(100..<150))
            await bed.settle(shipper)
            let numbers = LogShippingTestbed.numbers(try await LogShippingTestbed.events(moto, group: "/druid/test/historical"))
            #expect(numbers.sorted() == Array(0..<150))
            #expect(numbers.count == 150)
        }
    }

    @Test func copytruncateLosesAndRepeatsNothing() async throws {
        try await MotoServer.with { moto in
            let bed = try LogShippingTestbed()
            let shipper = try bed.shipper(endpoint: moto.endpoint)
            try bed.append("broker.log", LogShippingTestbed.lines(0..<50))
            await bed.settle(shipper, cycles: 2)
            // logrotate's copytruncate, then more written than before: the size alone
            // does not show the truncation, the first bytes do.
            bed.truncate("broker.log")
            try bed.append("broker.log", LogShippingTestbed.lines(50..<150))
            await bed.settle(shipper)
            let numbers = LogShippingTestbed.numbers(try await LogShippingTestbed.events(moto, group: "/druid/test/broker"))
            #expect(numbers == Array(0..<150))
            #expect(await shipper.shippingFigures.truncations == 1)
        }
    }

    @Test func aRestartNeitherRepeatsNorSkips() async throws {
        try await MotoServer.with { moto in
            let bed = try LogShippingTestbed()
            do {
                let first = try bed.shipper(endpoint: moto.endpoint)
                try bed.append("coordinator.log", LogShippingTestbed.lines(0..<40))
                await first.cycle()
                // Written, and the last event still open, when the process dies (no final cycle).
                try bed.append("coordinator.log", LogShippingTestbed.lines(40..<60))
            }
            // A spool file written after the last commit (a crash between the two):
            // its events are read again from the file, so it must not be sent.
            let spool = try LogSpool(options: SpoolOptions(directory: bed.stateDirectory.appendingPathComponent("spool"), logger: .init(label: "t")))
            let checkpoint = try TailCheckpoint.decode(Data(contentsOf: bed.stateDirectory.appendingPathComponent("checkpoints.json")))
            spool.discardUncommitted(after: checkpoint.committedSpoolSequence) // as the dead process's spool numbered on
            spool.release(try spool.write(LogSpoolRecord(group: "/druid/test/coordinator", stream: "i-0test", events: [
                CloudWatchLogEvent(timestamp: Int64(Date().timeIntervalSince1970 * 1_000), message: LogShippingTestbed.line(39)),
            ])))
            let second = try bed.shipper(endpoint: moto.endpoint, startAtBeginning: false)
            try bed.append("coordinator.log", LogShippingTestbed.lines(60..<70))
            await bed.settle(second)
            let numbers = LogShippingTestbed.numbers(try await LogShippingTestbed.events(moto, group: "/druid/test/coordinator"))
            #expect(numbers == Array(0..<70))
        }
    }

    @Test func anOutageIsBridgedByTheSpool() async throws {
        let closed = try ClosedPort()
        let bed = try LogShippingTestbed()
        let down = try bed.shipper(endpoint: "http://127.0.0.1:\(closed.port)")
        try bed.append("overlord.log", LogShippingTestbed.lines(0..<30))
        await bed.settle(down)
        let during = await down.shippingFigures
        #expect(during.eventsSent == 0)
        #expect(during.callFailures["network", default: 0] >= 1)
        let spooled = try FileManager.default.contentsOfDirectory(atPath: bed.stateDirectory.appendingPathComponent("spool").path)
        #expect(!spooled.isEmpty)
        try await MotoServer.with { moto in
            try bed.append("overlord.log", LogShippingTestbed.lines(30..<40))
            let up = try bed.shipper(endpoint: moto.endpoint)
            await bed.settle(up)
            let numbers = LogShippingTestbed.numbers(try await LogShippingTestbed.events(moto, group: "/druid/test/overlord"))
            #expect(numbers == Array(0..<40))
            #expect(try FileManager.default.contentsOfDirectory(atPath: bed.stateDirectory.appendingPathComponent("spool").path).isEmpty)
        }
    }

    @Test func aFullSpoolDropsTheOldestAndCountsThem() async throws {
        let closed = try ClosedPort()
        let bed = try LogShippingTestbed()
        let shipper = try bed.shipper(endpoint: "http://127.0.0.1:\(closed.port)", spoolMaximumBytes: 1 << 20)
        // About 3 MB of lines, a cycle's read at a time, into a 1 MiB spool.
        let filler = String(repeating: "x", count: 900)
        for round in 0..<6 {
            try bed.append("middlemanager.log", (round * 500..<(round + 1) * 500).map { LogShippingTestbed.line($0) + " " + filler })
            await shipper.cycle()
            bed.clock.advance(6)
        }
        await bed.settle(shipper, cycles: 2)
        let figures = await shipper.shippingFigures
        let spool = try LogSpool(options: SpoolOptions(directory: bed.stateDirectory.appendingPathComponent("spool"), logger: .init(label: "t")))
        let kept = spool.entries.reduce(0) { $0 + $1.itemCount }
        #expect(spool.totalBytes <= 1 << 20)
        #expect(figures.eventsDropped["spool_full", default: 0] > 0)
        #expect(kept + figures.eventsDropped["spool_full", default: 0] == 3_000, "read = spooled + dropped with a reason")
    }

    @Test func aTenThousandLineStackTraceAndInvalidUTF8Arrive() async throws {
        try await MotoServer.with { moto in
            let bed = try LogShippingTestbed()
            let shipper = try bed.shipper(endpoint: moto.endpoint)
            let frame = "\tat org.apache.druid.query.ChainedExecutionQueryRunner.run(ChainedExecutionQueryRunner.java:158)"
            try bed.append("broker.log", [LogShippingTestbed.line(1, level: "ERROR")] + Array(repeating: frame, count: 10_000))
            try bed.appendBytes("broker.log", Array((LogShippingTestbed.line(2) + " caf").utf8) + [0xC3, 0x28, 0xFF] + Array(" end\n".utf8))
            await bed.settle(shipper)
            let events = try await LogShippingTestbed.events(moto, group: "/druid/test/broker")
            #expect(LogShippingTestbed.numbers(events) == [1, 2])
            #expect(events[0].message.contains("[truncated by druidwatch: "))
            #expect(events[0].message.utf8.count <= LogEventBatcher.maximumEventBytes)
            #expect(events[1].message.hasSuffix(" caf\u{FFFD}(\u{FFFD} end"))
        }
    }

    @Test func manyLinesGoInCallsWithinPutLogEventsLimits() async throws {
        try await MotoServer.with { moto in
            let bed = try LogShippingTestbed()
            let shipper = try bed.shipper(endpoint: moto.endpoint)
            try bed.append("router.log", LogShippingTestbed.lines(0..<25_000))
            await bed.settle(shipper)
            let figures = await shipper.shippingFigures
            #expect(figures.batchesSent == 4, "24,999 lines in 3 calls of at most 10,000, the last line once it is finished")
            let numbers = LogShippingTestbed.numbers(try await LogShippingTestbed.events(moto, group: "/druid/test/router"))
            #expect(numbers == Array(0..<25_000))
        }
    }

    @Test func alertsGoToTheirStreamAsJSON() async throws {
        try await MotoServer.with { moto in
            let bed = try LogShippingTestbed()
            let queue = AlertLogQueue(capacity: 2)
            let shipper = try bed.shipper(endpoint: moto.endpoint, alerts: queue)
            let now = Date().timeIntervalSince1970
            queue.push((0..<3).map { index in
                DruidAlertEvent(service: "druid/historical", host: "10.0.0.\(index):8083", severity: "component-failure", description: "alert \(index)", timestamp: now, fields: ["data.segment": "s\(index)"])
            })
            await shipper.cycle()
            let events = try await LogShippingTestbed.events(moto, group: "/druid/test/alerts")
            #expect(events.count == 2)
            let objects = try events.map { try #require(JSONSerialization.jsonObject(with: Data($0.message.utf8)) as? [String: Any]) }
            #expect(objects.map { $0["description"] as? String } == ["alert 1", "alert 2"])
            #expect((objects.first?["data"] as? [String: Any])?["segment"] as? String == "s1")
            #expect(await shipper.shippingFigures.eventsDropped["alert_queue_full"] == 1)
        }
    }
}
