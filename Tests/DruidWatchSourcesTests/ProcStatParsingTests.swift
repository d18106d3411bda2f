import DruidWatchSources
import Testing

/// `/proc/stat`: the aggregate and per-CPU tick counters.
@Suite struct ProcStatParsingTests {
    @Test func thisMachineHasTwoCPUs() throws {
        let stat = try ProcStat.parse(procFixture("sandbox-vm", "stat"))
        #expect(stat.total == CPUTimes(user: 139065, nice: 161, system: 42438, idle: 2769149, iowait: 2424, irq: 0, softirq: 784, steal: 960))
        #expect(stat.total.total == 2_954_981)
        #expect(Set(stat.perCPU.keys) == ["cpu0", "cpu1"])
        #expect(stat.perCPU["cpu1"] == CPUTimes(user: 77123, nice: 80, system: 18785, idle: 1378355, iowait: 2169, irq: 0, softirq: 435, steal: 588))
        #expect(stat.skippedLines == 0)
    }

    @Test func guestColumnsAreLeftOutOfTheTotal() throws {
        // node_exporter's capture has guest=44 and guest_nice=36 on the aggregate line; both are
        // already inside user and nice, so counting them again would inflate the total.
        let stat = try ProcStat.parse(procFixture("node-exporter-8cpu-dm-nvme", "stat"))
        #expect(stat.total == CPUTimes(user: 301854, nice: 612, system: 111922, idle: 8979004, iowait: 3552, irq: 2, softirq: 3944, steal: 0))
        #expect(stat.total.total == 9_400_890)
        #expect(Set(stat.perCPU.keys) == Set((0..<8).map { "cpu\($0)" }))
        #expect(stat.perCPU["cpu7"] == CPUTimes(user: 29098, nice: 268, system: 10164, idle: 1139282, iowait: 555, irq: 0, softirq: 31, steal: 0))
    }

    @Test func thirtyTwoCPUServerWithNineColumnLines() throws {
        // A 2.6.24–2.6.32 kernel: nine columns (guest but no guest_nice).
        let stat = try ProcStat.parse(procFixture("xeon-32cpu", "stat"))
        #expect(stat.perCPU.count == 32)
        #expect(Set(stat.perCPU.keys) == Set((0..<32).map { "cpu\($0)" }))
        #expect(stat.total == CPUTimes(user: 23956681, nice: 86, system: 2491154, idle: 276930339, iowait: 452669, irq: 134, softirq: 45846, steal: 0))
        #expect(stat.total.total == 303_876_909)
        #expect(stat.perCPU["cpu31"] == CPUTimes(user: 555117, nice: 0, system: 64533, idle: 8877661, iowait: 2164, irq: 0, softirq: 65, steal: 0))
        #expect(stat.perCPU["cpu16"]?.softirq == 14299)
        #expect(stat.skippedLines == 0)
    }

    @Test func kubernetesNodeWithSteal() throws {
        let stat = try ProcStat.parse(procFixture("k8s-node-no-swap", "stat"))
        #expect(stat.perCPU.count == 2)
        #expect(stat.total.steal == 230)
        #expect(stat.total.total == 306_018)
    }

    @Test func fourColumnLinesOfOldKernelsAreRead() throws {
        let stat = try ProcStat.parse("cpu  2255 34 2290 22625563\ncpu0 2255 34 2290 22625563\n")
        #expect(stat.total == CPUTimes(user: 2255, nice: 34, system: 2290, idle: 22625563))
        #expect(stat.total.iowait == 0 && stat.total.steal == 0)
        #expect(stat.perCPU.count == 1)
    }

    @Test func badPerCPULineIsSkippedAndTheRestKept() throws {
        let text = """
            cpu  10 0 5 85 0 0 0 0
            cpu0 5 0 x 40 0 0 0 0
            cpu1 5 0 3 45 0 0 0 0
            cpu2 5 0 3
            cpu3 -1 0 3 45
            intr 12 0 0
            """
        let stat = try ProcStat.parse(text)
        #expect(stat.total == CPUTimes(user: 10, nice: 0, system: 5, idle: 85))
        #expect(Set(stat.perCPU.keys) == ["cpu1"])
        #expect(stat.skippedLines == 3)
    }

    @Test func missingAggregateLineIsAnError() {
        #expect(throws: ProcParseError(file: "/proc/stat", reason: "no aggregate 'cpu' line")) {
            try ProcStat.parse("cpu0 1 2 3 4\nintr 5\n")
        }
        #expect(throws: ProcParseError(file: "/host/proc/stat", reason: "no aggregate 'cpu' line")) {
            try ProcStat.parse("", file: "/host/proc/stat")
        }
    }

    @Test func truncatedAggregateLineIsAnErrorNotZeros() {
        // A read cut short mid-line must not turn into an aggregate of zeros.
        #expect(throws: ProcParseError(file: "/proc/stat", reason: "no aggregate 'cpu' line")) {
            try ProcStat.parse("cpu  139065 161\n")
        }
    }

    @Test func errorDescriptionNamesTheFile() {
        let error = ProcParseError(file: "/proc/stat", reason: "no aggregate 'cpu' line")
        #expect(error.description == "/proc/stat: no aggregate 'cpu' line")
        #expect(ProcParseError(file: "/proc/loadavg", line: 1, reason: "bad").description == "/proc/loadavg:1: bad")
    }
}
