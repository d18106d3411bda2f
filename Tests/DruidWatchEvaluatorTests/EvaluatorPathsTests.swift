import DruidWatchEvaluator
import Foundation
import Testing

@Suite struct EvaluatorPathsTests {
    @Test func everythingLivesUnderTheStateDirectory() {
        let paths = EvaluatorPaths(stateDirectory: URL(fileURLWithPath: "/var/lib/druidwatch/evaluator"))
        #expect(paths.stateFile.path == "/var/lib/druidwatch/evaluator/state.json")
        #expect(paths.outboxDirectory.path == "/var/lib/druidwatch/evaluator/outbox")
        #expect(paths.undeliverableDirectory.path == "/var/lib/druidwatch/evaluator/undeliverable")
        #expect(paths.silencesFile.path == "/var/lib/druidwatch/evaluator/silences.json")
    }
}
