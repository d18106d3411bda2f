import DruidWatchAgent
import DruidWatchCore
import Foundation
import Logging
import Synchronization
import Testing

/// The wall clock stepped back (NTP after a resumed VM, an operator's `date -s`): what
/// was held is published at once, and the readings of the repeated hour are kept, not
/// dropped as late until the clock catches up. Stepped forward: the held periods are over
/// and published.
@Suite struct ClockStepTests {
    let base = Date(timeIntervalSince1970: 1_764_064_800)

    static func pipeline(_ sink: RecordingSink, periodSeconds: Int = 60) -> AgentPipeline {
        let source = ScriptedSource { at in [Sample(name: "reading", value: 1, kind: .gauge, timestamp: at)] }
        return AgentPipeline(
            settings: .init(namespace: "Druid", periodSeconds: periodSeconds, commonDimensions: [], sourceTimeout: .seconds(5)),
            sources: [source], sink: sink, logger: Logger(label: "clock-step")
        )
    }

    @Test func aStepBackKeepsTheRepeatedTimesReadings() async {
        let sink = RecordingSink()
        let pipeline = Self.pipeline(sink)
        for offset in stride(from: 0, to: 130, by: 10) { await pipeline.collect(at: base.addingTimeInterval(TimeInterval(offset))) }
        _ = await pipeline.flushCompleted(asOf: base.addingTimeInterval(130))
        #expect(sink.batches.flatMap { $0 }.count == 2)

        let stepped = base.addingTimeInterval(-3_600)
        let held = await pipeline.clockSteppedBack(to: stepped)
        #expect(held.published == 1, "the period in progress (after the new time) is published at once")
        for offset in stride(from: 0, to: 70, by: 10) { await pipeline.collect(at: stepped.addingTimeInterval(TimeInterval(offset))) }
        _ = await pipeline.flushCompleted(asOf: stepped.addingTimeInterval(70))
        let repeated = sink.batches.flatMap { $0 }.filter { $0.timestamp < base }
        #expect(repeated.map(\.timestamp) == [stepped])
        #expect(pipeline.inbox.rejections.late == 0)
    }

    @Test func withoutTheStepTheRepeatedHourWouldBeLate() async {
        let sink = RecordingSink()
        let pipeline = Self.pipeline(sink)
        await pipeline.collect(at: base)
        _ = await pipeline.flushCompleted(asOf: base.addingTimeInterval(60))
        await pipeline.collect(at: base.addingTimeInterval(-3_600))
        #expect(pipeline.inbox.rejections.late == 1, "what clockSteppedBack exists to prevent")
    }

    /// A clock an hour behind after the first reading, as NTP stepping it would leave it.
    final class SteppedClock: WallClock {
        private let offset = Mutex<TimeInterval>(0)
        func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }
        func step(_ seconds: TimeInterval) { offset.withLock { $0 += seconds } }
    }

    @Test(.timeLimit(.minutes(1)))
    func theServiceNoticesTheStepAndLosesNothing() async throws {
        let sink = RecordingSink()
        let pipeline = Self.pipeline(sink, periodSeconds: 1)
        let clock = SteppedClock()
        let service = AgentService(pipeline: pipeline, collectionInterval: .seconds(1), clock: clock, logger: Logger(label: "clock-step"), periodLimit: 5)
        let stepper = Task {
            try await Task.sleep(for: .milliseconds(2_500))
            clock.step(-3_600)
        }
        try await service.run()
        _ = try? await stepper.value
        let stamps = sink.batches.flatMap { $0 }.map(\.timestamp)
        #expect(stamps.contains { $0 < Date().addingTimeInterval(-1_800) }, "readings after the step were published: \(stamps)")
        #expect(pipeline.inbox.rejections.late == 0)
    }
}
