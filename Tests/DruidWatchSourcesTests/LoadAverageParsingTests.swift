import DruidWatchSources
import Testing

/// `/proc/loadavg`: the 1, 5 and 15 minute run-queue averages.
@Suite struct LoadAverageParsingTests {
    @Test func thisMachine() throws {
        let load = try LoadAverage.parse(procFixture("sandbox-vm", "loadavg"))
        #expect(load.one == 0.52 && load.five == 0.21 && load.fifteen == 0.08)
        let later = try LoadAverage.parse(procFixture("sandbox-vm-later", "loadavg"))
        #expect(later.one == 0.09 && later.five == 0.21 && later.fifteen == 0.10)
    }

    @Test func smallVM() throws {
        let load = try LoadAverage.parse(procFixture("small-vm", "loadavg"))
        #expect(load.one == 0.57 && load.five == 0.42 && load.fifteen == 0.18)
    }

    @Test func tooFewFieldsIsAnError() {
        #expect(throws: ProcParseError(file: "/proc/loadavg", line: 1, reason: "expected three load averages, got '0.52 0.21\n'")) {
            try LoadAverage.parse("0.52 0.21\n")
        }
        #expect(throws: ProcParseError(file: "/proc/loadavg", line: 1, reason: "expected three load averages, got ''")) {
            try LoadAverage.parse("")
        }
    }

    @Test func nonNumbersNegativesAndNaNAreErrors() {
        #expect(throws: ProcParseError(file: "/host/loadavg", line: 1, reason: "expected three load averages, got 'high 0.21 0.08'")) {
            try LoadAverage.parse("high 0.21 0.08", file: "/host/loadavg")
        }
        #expect(throws: ProcParseError.self) { try LoadAverage.parse("-1 0.21 0.08 1/2 3\n") }
        #expect(throws: ProcParseError.self) { try LoadAverage.parse("nan 0.21 0.08 1/2 3\n") }
        #expect(throws: ProcParseError.self) { try LoadAverage.parse("inf 0.21 0.08 1/2 3\n") }
    }
}
