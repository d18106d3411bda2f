import DruidWatchCore
import DruidWatchSources
import Testing

/// Memory and swap levels: used % is (MemTotal - MemAvailable) / MemTotal.
@Suite struct MemoryMetricsTests {
    private func samples(_ meminfo: String) throws -> [Sample] {
        HostMetrics.samples(previous: nil, current: HostSnapshot(memory: try MemInfo.parse(meminfo)), elapsedSeconds: 0, timestamp: sampleTime)
    }

    @Test func usedPercentComesFromMemAvailable() throws {
        // (24683656 - 24246172) / 24683656; MemFree (23247496 kB) would say 5.8 %.
        let result = try samples(procFixture("sandbox-vm", "meminfo"))
        #expect(isClose(result.value("mem_used_percent"), 1.772363056753019))
        #expect(result.value("mem_available_bytes") == 24_246_172.0 * 1024)
        #expect(result.first { $0.name == "mem_used_percent" }?.unit == .percent)
        #expect(result.first { $0.name == "mem_available_bytes" }?.unit == .bytes)
    }

    @Test func kubernetesNode() throws {
        let result = try samples(procFixture("k8s-node-no-swap", "meminfo"))
        #expect(isClose(result.value("mem_used_percent"), 31.052678118129094))  // (4026036 - 2775844) / 4026036
        #expect(result.value("mem_available_bytes") == 2_775_844.0 * 1024)
    }

    @Test func machineWithoutSwapReportsNoSwapMetrics() throws {
        for machine in ["sandbox-vm", "k8s-node-no-swap"] {
            let result = try samples(procFixture(machine, "meminfo"))
            #expect(result.names == ["mem_used_percent", "mem_available_bytes"], "\(machine)")
        }
    }

    @Test func unusedSwapIsReportedAsZero() throws {
        // SwapFree equals SwapTotal on this pre-3.14 machine; memory falls back to MemFree + Buffers + Cached.
        let result = try samples(procFixture("legacy-kernel-swap", "meminfo"))
        #expect(result.value("swap_used_percent") == 0)
        #expect(result.value("swap_used_bytes") == 0)
        #expect(isClose(result.value("mem_used_percent"), 1.7287688114820974))  // (16423480 - 16139556) / 16423480
    }

    @Test func usedSwap() throws {
        let result = try samples("MemTotal: 1000 kB\nMemAvailable: 250 kB\nSwapTotal: 2000 kB\nSwapFree: 500 kB\n")
        #expect(isClose(result.value("mem_used_percent"), 75))
        #expect(isClose(result.value("swap_used_percent"), 75))
        #expect(result.value("swap_used_bytes") == 1500.0 * 1024)
    }

    @Test func swapFreeAboveTotalCountsAsNothingUsed() throws {
        let result = try samples("MemTotal: 1000 kB\nMemAvailable: 250 kB\nSwapTotal: 2000 kB\nSwapFree: 2100 kB\n")
        #expect(result.value("swap_used_percent") == 0)
        #expect(result.value("swap_used_bytes") == 0)
    }
}
