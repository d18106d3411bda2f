import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import Foundation

/// Runs rule unit tests (`*.test.yaml`) through the evaluator's own engine.
struct AlarmsTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run rule unit tests: input series, expected states and notifications at given times.",
        discussion: "Without files, runs every *.test.yaml under the rules directory."
    )

    @OptionGroup var options: AlarmRuleOptions

    @Argument(help: "Rule test files.")
    var files: [String] = []

    func run() throws {
        let paths = files.isEmpty ? AlarmRuleSetLoader.testFiles(in: URL(fileURLWithPath: options.rules)).map(\.path) : files
        guard !paths.isEmpty else {
            printToStandardError("druidwatch alarms test: no rule tests (*.test.yaml) under \(options.rules)")
            throw ExitCode.failure
        }
        var passed = 0
        var failed = 0
        var broken = 0
        for path in paths {
            let file: AlarmRuleTestFileParser.TestFile
            let rules: AlarmRuleSet
            do {
                file = try AlarmRuleTestFileParser.load(path: path)
                rules = try AlarmRuleSetLoader.load(files: file.ruleFiles, variables: file.variables, runbooks: nil)
            } catch {
                printToStandardError(error.description)
                broken += 1
                continue
            }
            for test in file.tests {
                let failures = AlarmRuleTestRunner.run(test, rules: rules)
                if failures.isEmpty {
                    passed += 1
                } else {
                    failed += 1
                    for failure in failures { printToStandardError("FAIL \(failure)") }
                }
            }
        }
        print("\(paths.count) file\(paths.count == 1 ? "" : "s"): \(passed) passed, \(failed) failed\(broken > 0 ? ", \(broken) unreadable" : "")")
        if failed > 0 || broken > 0 { throw ExitCode.failure }
    }
}
