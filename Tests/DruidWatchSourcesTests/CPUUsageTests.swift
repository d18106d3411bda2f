import DruidWatchCore
import DruidWatchSources
import Testing

/// CPU shares from the tick deltas between two readings of `/proc/stat`.
@Suite struct CPUUsageTests {
    private func samples(_ before: CPUTimes, _ after: CPUTimes, elapsed: Double = 10) -> [Sample] {
        HostMetrics.samples(previous: HostSnapshot(cpu: before), current: HostSnapshot(cpu: after), elapsedSeconds: elapsed, timestamp: sampleTime)
    }

    @Test func sharesOfTheTickDelta() {
        // Deltas: user 50, nice 10, system 20, idle 80, iowait 20, irq 4, softirq 6, steal 10 = 200 ticks.
        let before = CPUTimes(user: 1000, nice: 100, system: 500, idle: 8000, iowait: 300, irq: 40, softirq: 60, steal: 0)
        let after = CPUTimes(user: 1050, nice: 110, system: 520, idle: 8080, iowait: 320, irq: 44, softirq: 66, steal: 10)
        let result = samples(before, after)
        #expect(isClose(result.value("cpu_usage_user"), 30))     // (50 + 10) / 200
        #expect(isClose(result.value("cpu_usage_system"), 15))   // (20 + 4 + 6) / 200
        #expect(isClose(result.value("cpu_usage_idle"), 40))     // 80 / 200
        #expect(isClose(result.value("cpu_usage_iowait"), 10))   // 20 / 200
        #expect(isClose(result.value("cpu_usage_steal"), 5))     // 10 / 200
        #expect(isClose(result.value("cpu_usage_active"), 50))   // 100 - idle - iowait
        #expect(result.filter { $0.name.hasPrefix("cpu_usage_") }.allSatisfy { $0.unit == .percent && $0.kind == .gauge && $0.timestamp == sampleTime })
    }

    @Test func sharesBetweenTwoReadingsOfThisMachine() throws {
        // Aggregate deltas between the two captures: user 2341, nice 0, system 847, idle 32998,
        // iowait 61, irq 0, softirq 17, steal 30; 36294 ticks in all.
        let before = try ProcStat.parse(procFixture("sandbox-vm", "stat")).total
        let after = try ProcStat.parse(procFixture("sandbox-vm-later", "stat")).total
        let result = samples(before, after, elapsed: 180)
        #expect(isClose(result.value("cpu_usage_user"), 6.450101945225106))     // 2341 / 36294
        #expect(isClose(result.value("cpu_usage_system"), 2.3805587700446353))  // 864 / 36294
        #expect(isClose(result.value("cpu_usage_idle"), 90.91860913649639))     // 32998 / 36294
        #expect(isClose(result.value("cpu_usage_iowait"), 0.16807185760731802)) // 61 / 36294
        #expect(isClose(result.value("cpu_usage_steal"), 0.08265829062654984))  // 30 / 36294
        #expect(isClose(result.value("cpu_usage_active"), 8.913319005896296))
    }

    @Test func sharesAddUpToAHundred() throws {
        let before = try ProcStat.parse(procFixture("sandbox-vm", "stat")).total
        let after = try ProcStat.parse(procFixture("sandbox-vm-later", "stat")).total
        let result = samples(before, after)
        let parts = ["cpu_usage_user", "cpu_usage_system", "cpu_usage_idle", "cpu_usage_iowait", "cpu_usage_steal"].compactMap { result.value($0) }
        #expect(parts.count == 5)
        #expect(isClose(parts.reduce(0, +), 100))
    }

    @Test func firstReadingHasNoCPUShares() throws {
        let cpu = try ProcStat.parse(procFixture("sandbox-vm", "stat")).total
        let result = HostMetrics.samples(previous: nil, current: HostSnapshot(cpu: cpu), elapsedSeconds: 0, timestamp: sampleTime)
        #expect(result.isEmpty)
    }

    @Test func noTimeElapsedGivesNoShares() {
        let before = CPUTimes(user: 1, nice: 0, system: 1, idle: 10)
        let after = CPUTimes(user: 2, nice: 0, system: 2, idle: 20)
        #expect(samples(before, after, elapsed: 0).isEmpty)
    }
}
