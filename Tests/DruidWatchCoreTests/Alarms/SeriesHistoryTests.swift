import DruidWatchCore
import Foundation
import Testing

/// The values of one series kept between cycles.
@Suite struct SeriesHistoryTests {
    typealias F = AlarmRuleFixtures
    let t0 = AlarmRuleFixtures.t0

    private func points(_ pairs: [(Int, Double)]) -> [MetricPoint] {
        pairs.map { MetricPoint(timestamp: F.date($0.0), value: $0.1) }
    }

    @Test func aNewHistoryKnowsNothing() {
        let history = SeriesHistory()
        #expect(history.values.isEmpty)
        #expect(history.readUntil == nil)
        #expect(history.newestSlot == nil)
        #expect(history.value(at: t0) == nil)
    }

    @Test func recordKeepsPointsInsideTheWindowAndMarksItRead() {
        var history = SeriesHistory()
        history.record(points([(t0 - 600, 1), (t0 - 300, 2), (t0, 3), (t0 - 900, 0.5)]), from: t0 - 600, to: t0)
        // [start, end): t0 is the next window's, t0 - 900 the previous one's.
        #expect(history.values == [t0 - 600: 1, t0 - 300: 2])
        #expect(history.readUntil == t0)
        #expect(history.newestSlot == t0 - 300)
        #expect(history.value(at: t0 - 300) == 2)
    }

    @Test func recordReplacesTheWindowAndForgetsWhatTheAnswerLeftOut() {
        var history = SeriesHistory()
        history.record(points([(t0 - 900, 1), (t0 - 600, 2), (t0 - 300, 3)]), from: t0 - 900, to: t0)
        // A reread of the last two periods and the new one: t0 - 600 now has no point.
        history.record(points([(t0 - 300, 30), (t0, 40)]), from: t0 - 600, to: t0 + 300)
        #expect(history.values == [t0 - 900: 1, t0 - 300: 30, t0: 40])
        #expect(history.readUntil == t0 + 300)
    }

    @Test func anOlderWindowDoesNotMoveReadUntilBack() {
        var history = SeriesHistory()
        history.record(points([(t0, 1)]), from: t0, to: t0 + 300)
        history.record(points([(t0 - 300, 5)]), from: t0 - 300, to: t0)
        #expect(history.readUntil == t0 + 300)
        #expect(history.values == [t0 - 300: 5, t0: 1])
    }

    @Test func nonFiniteValuesAreMissing() {
        var history = SeriesHistory()
        history.record(points([(t0, .nan), (t0 + 60, .infinity), (t0 + 120, 7)]), from: t0, to: t0 + 180)
        #expect(history.values == [t0 + 120: 7])
    }

    @Test func trimDropsValuesBeforeTheOldestNeededAndKeepsReadUntil() {
        var history = SeriesHistory()
        history.record(points([(t0 - 600, 1), (t0 - 300, 2), (t0, 3)]), from: t0 - 600, to: t0 + 300)
        history.trim(before: t0 - 300)
        #expect(history.values == [t0 - 300: 2, t0: 3])
        #expect(history.readUntil == t0 + 300)
    }

    @Test func itSurvivesARestartThroughCodable() throws {
        var history = SeriesHistory()
        history.record(points([(t0, 3)]), from: t0, to: t0 + 60)
        let decoded = try JSONDecoder().decode(SeriesHistory.self, from: JSONEncoder().encode(history))
        #expect(decoded == history)
    }
}
