import DruidWatchSources
import Testing

/// `/proc/meminfo`: total, available and swap, in bytes.
@Suite struct MemInfoParsingTests {
    @Test func thisMachineUsesMemAvailableAndHasNoSwap() throws {
        let memory = try MemInfo.parse(procFixture("sandbox-vm", "meminfo"))
        #expect(memory.totalBytes == 24_683_656 * 1024)
        #expect(memory.availableBytes == 24_246_172 * 1024)
        #expect(memory.swapTotalBytes == 0)
        #expect(memory.swapFreeBytes == 0)
        #expect(memory.skippedLines == 0)
    }

    @Test func kubernetesNodeWithoutSwap() throws {
        let memory = try MemInfo.parse(procFixture("k8s-node-no-swap", "meminfo"))
        #expect(memory.totalBytes == 4_026_036 * 1024)
        #expect(memory.availableBytes == 2_775_844 * 1024)
        #expect(memory.swapTotalBytes == 0)
        #expect(memory.skippedLines == 0)
    }

    @Test func kernelWithoutMemAvailableFallsBackToFreePlusBuffersPlusCached() throws {
        // Pre-3.14 kernel: no MemAvailable line. 15882220 + 22804 + 234532 = 16139556 kB.
        let memory = try MemInfo.parse(procFixture("legacy-kernel-swap", "meminfo"))
        #expect(memory.totalBytes == 16_423_480 * 1024)
        #expect(memory.availableBytes == 16_139_556 * 1024)
        #expect(memory.swapTotalBytes == 16_764_924 * 1024)
        #expect(memory.swapFreeBytes == 16_764_924 * 1024)
        #expect(memory.skippedLines == 0)
    }

    @Test func lastLineWithoutNewlineIsRead() throws {
        let memory = try MemInfo.parse("MemAvailable: 100 kB\nMemTotal: 400 kB")
        #expect(memory.totalBytes == 400 * 1024)
        #expect(memory.availableBytes == 100 * 1024)
    }

    @Test func availableIsCappedAtTotal() throws {
        let memory = try MemInfo.parse("MemTotal: 100 kB\nMemAvailable: 150 kB\n")
        #expect(memory.availableBytes == 100 * 1024)
    }

    @Test func badLinesAreCountedAndGoodOnesKept() throws {
        let text = """
            MemTotal:        1000 kB
            this line has no colon
            MemAvailable:    lots kB
            MemFree:          200 kB
            Buffers:           20 kB
            Cached:            30 kB
            SwapTotal:        512 kB
            """
        let memory = try MemInfo.parse(text)
        #expect(memory.skippedLines == 2)
        #expect(memory.totalBytes == 1000 * 1024)
        // The unreadable MemAvailable falls back to MemFree + Buffers + Cached, not to zero.
        #expect(memory.availableBytes == 250 * 1024)
        #expect(memory.swapTotalBytes == 512 * 1024)
    }

    @Test func missingOrZeroMemTotalIsAnError() {
        #expect(throws: ProcParseError(file: "/proc/meminfo", reason: "no MemTotal")) {
            try MemInfo.parse("MemFree: 100 kB\nMemAvailable: 100 kB\n")
        }
        #expect(throws: ProcParseError(file: "/host/proc/meminfo", reason: "no MemTotal")) {
            try MemInfo.parse("MemTotal: 0 kB\n", file: "/host/proc/meminfo")
        }
        #expect(throws: ProcParseError(file: "/proc/meminfo", reason: "no MemTotal")) {
            try MemInfo.parse("")
        }
    }
}
