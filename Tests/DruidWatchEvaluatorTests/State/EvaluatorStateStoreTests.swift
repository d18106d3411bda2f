import DruidWatchCore
import DruidWatchEvaluator
import DruidWatchTestSupport
import Foundation
import Testing

@Suite struct EvaluatorStateStoreTests {
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    @Test func aMissingFileIsAFreshStart() throws {
        let directory = try TemporaryDirectory()
        let store = EvaluatorStateStore(file: directory.url.appendingPathComponent("state.json"))
        guard case let .fresh(state) = store.load(now: now) else {
            Issue.record("expected a fresh state")
            return
        }
        #expect(state.evaluator.groups.isEmpty)
    }

    @Test func aSavedStateIsRestoredWithItsAlarmsAndLog() throws {
        let directory = try TemporaryDirectory()
        let store = EvaluatorStateStore(file: directory.url.appendingPathComponent("state.json"))
        var state = PersistedEvaluatorState(savedAt: now)
        let key = AlarmInstanceKey(ruleName: "DruidSegmentsUnavailable", group: [MetricDimension("dataSource", "wikipedia")])
        state.evaluator.groups[key] = AlarmGroupState(state: .alarm, since: now, reason: "Threshold Crossed", evaluatedThrough: 1_767_225_600)
        var history = SeriesHistory()
        history.record([MetricPoint(timestamp: now, value: 3)], from: 1_767_225_600, to: 1_767_225_660)
        state.evaluator.series[SeriesRequest(metric: MetricIdentity(namespace: "Druid", metricName: "segment/unavailable/count", dimensions: []), stat: "Maximum", periodSeconds: 60)] = history
        try store.save(state)

        guard case let .restored(restored) = store.load(now: now) else {
            Issue.record("expected the saved state")
            return
        }
        #expect(restored.evaluator.groups[key]?.state == .alarm)
        #expect(restored.evaluator.groups[key]?.since == now)
        #expect(restored.evaluator.series.values.first?.value(at: 1_767_225_600) == 3)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["state.json"])
    }

    @Test func aCorruptFileIsSetAsideAndTheEvaluatorStartsFromInsufficientData() throws {
        let directory = try TemporaryDirectory()
        try directory.write("state.json", #"{"version":1,"savedAt":"#)
        let store = EvaluatorStateStore(file: directory.url.appendingPathComponent("state.json"))
        guard case let .corrupt(state, reason, movedTo) = store.load(now: now) else {
            Issue.record("expected the corrupt file to be reported")
            return
        }
        #expect(state.evaluator.groups.isEmpty)
        #expect(reason.contains("not a state file"))
        #expect(movedTo?.lastPathComponent == "state.json.corrupt-1767225600")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("state.json").path))
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("state.json.corrupt-1767225600").path))
    }

    @Test func aFileFromAnotherVersionIsNotTrusted() throws {
        let directory = try TemporaryDirectory()
        let store = EvaluatorStateStore(file: directory.url.appendingPathComponent("state.json"))
        var state = PersistedEvaluatorState(savedAt: now)
        state.version = 99
        try store.save(state)
        guard case let .corrupt(_, reason, _) = store.loadReadOnly(now: now) else {
            Issue.record("expected version 99 to be refused")
            return
        }
        #expect(reason.contains("version 99"))
        // Reading only never moves the file.
        #expect(FileManager.default.fileExists(atPath: store.file.path))
    }
}
