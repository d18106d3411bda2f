import DruidWatchCore
import Testing

/// Cycles among composite rules are reported and left out; the rest evaluate children first.
@Suite struct CompositeAlarmGraphTests {
    private func graph(_ rules: [String: String]) throws -> CompositeAlarmGraph {
        CompositeAlarmGraph(rules: try rules.mapValues { try AlarmRule.parse($0) })
    }

    @Test func aRuleNamingItselfIsACycle() throws {
        let graph = try graph(["self": "ALARM(self) OR ALARM(cpu)", "fine": "ALARM(cpu)"])
        #expect(graph.cycles.map(\.path) == [["self", "self"]])
        #expect(graph.evaluationOrder == ["fine"])
    }

    @Test func anIndirectCycleIsReportedOnceWithItsPath() throws {
        let graph = try graph([
            "a": "ALARM(b) AND OK(cpu)",
            "b": "ALARM(\"arn:aws:cloudwatch:us-east-1:1:alarm:c\")",
            "c": "NOT OK(a)",
            "watcher": "ALARM(a) OR ALARM(disk)",
        ])
        #expect(graph.cycles.count == 1)
        #expect(graph.cycles[0].path == ["a", "b", "c", "a"])
        #expect(graph.cycles[0].members == ["a", "b", "c"])
        #expect(graph.cycles[0].description.contains("a -> b -> c -> a"))
        // Evaluation stops for the cycle; a composite watching it still runs on its last state.
        #expect(graph.evaluationOrder == ["watcher"])
        let states = graph.evaluate(states: ["a": .alarm, "b": .ok, "c": .ok, "disk": .ok])
        #expect(states["a"] == .alarm && states["b"] == .ok && states["c"] == .ok)
        #expect(states["watcher"] == .alarm)
    }

    @Test func compositesEvaluateAfterTheCompositesTheyNameInOnePass() throws {
        let graph = try graph([
            "top": "ALARM(middle) AND NOT ALARM(maintenance)",
            "middle": "ALARM(bottom) OR ALARM(disk)",
            "bottom": "ALARM(cpu)",
        ])
        #expect(graph.cycles.isEmpty)
        #expect(graph.evaluationOrder == ["bottom", "middle", "top"])
        let states = graph.evaluate(states: ["cpu": .alarm, "disk": .ok, "maintenance": .ok, "top": .ok, "middle": .ok, "bottom": .ok])
        #expect(states["bottom"] == .alarm && states["middle"] == .alarm && states["top"] == .alarm)
        #expect(graph.evaluate(states: ["cpu": .alarm, "maintenance": .alarm])["top"] == .ok)
    }

    @Test func twoSeparateCyclesAreBothReported() throws {
        let graph = try graph(["x": "ALARM(y)", "y": "ALARM(x)", "p": "OK(q)", "q": "OK(p)", "r": "TRUE"])
        #expect(graph.cycles.map(\.path) == [["p", "q", "p"], ["x", "y", "x"]])
        #expect(graph.evaluationOrder == ["r"])
    }
}
