import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

@Suite struct JVMMetricsTests {
    let now = Date(timeIntervalSince1970: 1_764_064_800)
    let service = MetricDimension("Service", "druid/historical")

    /// The value of the one sample with this name and these extra dimensions.
    private func value(_ samples: [Sample], _ name: String, _ extra: [MetricDimension] = []) -> Double? {
        let matches = samples.filter { $0.name == name && Set($0.dimensions) == Set([service] + extra) }
        return matches.count == 1 ? matches[0].value : nil
    }

    private func samples(_ previous: PerfDataReading?, _ current: PerfDataReading, elapsed: Double = 60) -> [Sample] {
        JVMMetrics.samples(previous: previous, current: current, elapsedSeconds: elapsed, timestamp: now, dimensions: [service])
    }

    /// A G1 JVM's counters, as HotSpot names them, with round numbers.
    private func reading(gcCount: Int64 = 3, gcTicks: Int64 = 100_000_000, fullCount: Int64 = 1, fullTicks: Int64 = 500_000_000,
                         safepoints: Int64 = 10, safepointTicks: Int64 = 20_000_000, frequency: Int64 = 1_000_000_000,
                         createdAt: Int64 = 1_700_000_000_000, ticks: Int64 = 90_500_000_000) -> PerfDataReading {
        PerfDataReading(values: [
            "sun.gc.policy.name": .string("GarbageFirst"),
            "sun.gc.generation.0.name": .string("young"),
            "sun.gc.generation.0.capacity": .long(100),
            "sun.gc.generation.0.maxCapacity": .long(1000),
            "sun.gc.generation.0.space.0.name": .string("eden"),
            "sun.gc.generation.0.space.0.used": .long(40),
            "sun.gc.generation.0.space.0.capacity": .long(90),
            "sun.gc.generation.0.space.0.maxCapacity": .long(1000),
            "sun.gc.generation.0.space.1.name": .string("s0"),
            "sun.gc.generation.0.space.1.used": .long(0),
            "sun.gc.generation.0.space.1.capacity": .long(0),
            "sun.gc.generation.0.space.1.maxCapacity": .long(0),
            "sun.gc.generation.0.space.2.name": .string("s1"),
            "sun.gc.generation.0.space.2.used": .long(5),
            "sun.gc.generation.0.space.2.capacity": .long(10),
            "sun.gc.generation.0.space.2.maxCapacity": .long(1000),
            "sun.gc.generation.1.name": .string("old"),
            "sun.gc.generation.1.capacity": .long(300),
            "sun.gc.generation.1.maxCapacity": .long(1000),
            "sun.gc.generation.1.space.0.name": .string("space"),
            "sun.gc.generation.1.space.0.used": .long(200),
            "sun.gc.generation.1.space.0.capacity": .long(300),
            "sun.gc.generation.1.space.0.maxCapacity": .long(1000),
            "sun.gc.metaspace.used": .long(70),
            "sun.gc.metaspace.capacity": .long(80),
            "sun.gc.metaspace.maxCapacity": .long(1100),
            "sun.gc.compressedclassspace.used": .long(7),
            "sun.gc.compressedclassspace.capacity": .long(8),
            "sun.gc.compressedclassspace.maxCapacity": .long(1024),
            "sun.gc.collector.0.name": .string("G1 young collection pauses"),
            "sun.gc.collector.0.invocations": .long(gcCount),
            "sun.gc.collector.0.time": .long(gcTicks),
            "sun.gc.collector.1.name": .string("G1 full collection pauses"),
            "sun.gc.collector.1.invocations": .long(fullCount),
            "sun.gc.collector.1.time": .long(fullTicks),
            "sun.rt.safepoints": .long(safepoints),
            "sun.rt.safepointTime": .long(safepointTicks),
            "sun.rt.createVmBeginTime": .long(createdAt),
            "sun.os.hrt.frequency": .long(frequency),
            "sun.os.hrt.ticks": .long(ticks),
            "java.threads.live": .long(42),
            "java.threads.daemon": .long(30),
            "java.cls.loadedClasses": .long(5000),
            "java.cls.sharedLoadedClasses": .long(1500),
            "java.cls.unloadedClasses": .long(200),
            "java.cls.sharedUnloadedClasses": .long(0),
        ])
    }

    @Test func levelsFromOneReading() {
        let result = samples(nil, reading())
        let heap = MetricDimension("memKind", "heap"), nonheap = MetricDimension("memKind", "nonheap")
        #expect(value(result, "jvm/mem/used", [heap]) == 245)  // 40 + 0 + 5 + 200
        #expect(value(result, "jvm/mem/committed", [heap]) == 400)  // 100 + 300
        #expect(value(result, "jvm/mem/max", [heap]) == 1000)  // G1: the generations share one heap
        #expect(value(result, "jvm/mem/used", [nonheap]) == 70)  // metaspace, class space inside it
        #expect(value(result, "jvm/mem/committed", [nonheap]) == 80)
        #expect(value(result, "jvm/mem/max", [nonheap]) == 1100)
        func pool(_ kind: String, _ name: String) -> [MetricDimension] {
            [MetricDimension("poolKind", kind), MetricDimension("poolName", name)]
        }
        #expect(value(result, "jvm/pool/used", pool("heap", "eden")) == 40)
        #expect(value(result, "jvm/pool/committed", pool("heap", "s1")) == 10)
        #expect(value(result, "jvm/pool/max", pool("heap", "s0")) == 0)
        #expect(value(result, "jvm/pool/used", pool("heap", "old")) == 200)
        #expect(value(result, "jvm/pool/max", pool("nonheap", "metaspace")) == 1100)
        #expect(value(result, "jvm/pool/used", pool("nonheap", "compressed class space")) == 7)
        #expect(value(result, "jvm/threads/live") == 42)
        #expect(value(result, "jvm/threads/daemon") == 30)
        #expect(value(result, "jvm/classes/loaded") == 6300)  // 5000 + 1500 - 200 - 0
        #expect(value(result, "jvm/uptime") == 90.5)
        // Differences need two readings.
        #expect(!result.contains { ["jvm/gc/count", "jvm/gc/time", "jvm/safepoints", "jvm/safepoint/time"].contains($0.name) })
        #expect(result.allSatisfy { $0.timestamp == now && $0.dimensions.contains(service) })
        #expect(result.filter { $0.name.hasPrefix("jvm/mem/") || $0.name.hasPrefix("jvm/pool/") }.allSatisfy { $0.unit == .bytes && $0.kind == .gauge })
        #expect(result.first { $0.name == "jvm/uptime" }?.unit == .seconds)
        #expect(result.first { $0.name == "jvm/threads/live" }?.unit == .count)
    }

    @Test func collectionsAndSafepointsAreDifferences() {
        let before = reading(gcCount: 3, gcTicks: 100_000_000, fullCount: 1, fullTicks: 500_000_000, safepoints: 10, safepointTicks: 20_000_000)
        let after = reading(gcCount: 5, gcTicks: 166_151_359, fullCount: 1, fullTicks: 500_000_000, safepoints: 17, safepointTicks: 21_500_000)
        let result = samples(before, after)
        let young = [MetricDimension("gcName", "G1 young collection pauses")]
        let full = [MetricDimension("gcName", "G1 full collection pauses")]
        #expect(value(result, "jvm/gc/count", young) == 2)
        #expect(value(result, "jvm/gc/time", young) == 66.151359)  // 66 151 359 ns
        #expect(value(result, "jvm/gc/count", full) == 0)
        #expect(value(result, "jvm/gc/time", full) == 0)
        #expect(value(result, "jvm/safepoints") == 7)
        #expect(value(result, "jvm/safepoint/time") == 1.5)
        let differences = result.filter { ["jvm/gc/count", "jvm/gc/time", "jvm/safepoints", "jvm/safepoint/time"].contains($0.name) }
        #expect(differences.count == 6)
        #expect(differences.allSatisfy { $0.kind == .counter })
        #expect(differences.filter { $0.name.hasSuffix("time") }.allSatisfy { $0.unit == .milliseconds })
        #expect(differences.filter { !$0.name.hasSuffix("time") }.allSatisfy { $0.unit == .count })
    }

    /// Ticks are the JVM's high-resolution clock; a microsecond clock (frequency 1e6)
    /// gives 2 500 ticks = 2.5 ms.
    @Test func ticksAreConvertedByTheJVMsFrequency() {
        let before = reading(gcTicks: 10_000, safepointTicks: 0, frequency: 1_000_000)
        let after = reading(gcTicks: 12_500, safepointTicks: 250, frequency: 1_000_000, ticks: 3_000_000)
        let result = samples(before, after)
        #expect(value(result, "jvm/gc/time", [MetricDimension("gcName", "G1 young collection pauses")]) == 2.5)
        #expect(value(result, "jvm/safepoint/time") == 0.25)
        #expect(value(result, "jvm/uptime") == 3)
    }

    @Test func aCounterGoingBackwardsGivesNoDifference() {
        let before = reading(gcCount: 10, gcTicks: 900_000_000, fullCount: 1, safepoints: 50)
        let after = reading(gcCount: 2, gcTicks: 10_000_000, fullCount: 2, safepoints: 60)
        let result = samples(before, after)
        #expect(value(result, "jvm/gc/count", [MetricDimension("gcName", "G1 young collection pauses")]) == nil)
        #expect(value(result, "jvm/gc/time", [MetricDimension("gcName", "G1 young collection pauses")]) == nil)
        #expect(value(result, "jvm/gc/count", [MetricDimension("gcName", "G1 full collection pauses")]) == 1)
        #expect(value(result, "jvm/safepoints") == 10)
    }

    @Test func aRestartedJVMGivesNoDifferences() {
        let before = reading(gcCount: 1, safepoints: 1, createdAt: 1_700_000_000_000)
        let after = reading(gcCount: 5, safepoints: 9, createdAt: 1_700_000_600_000)
        let result = samples(before, after)
        #expect(!result.contains { $0.kind == .counter })
        #expect(value(result, "jvm/mem/used", [MetricDimension("memKind", "heap")]) == 245)
        // Nor without elapsed time.
        #expect(!samples(reading(gcCount: 1), reading(gcCount: 2), elapsed: 0).contains { $0.kind == .counter })
    }

    @Test func aCollectorRenamedAtTheSameIndexGivesNoDifference() {
        let before = reading(gcCount: 1)
        var after = reading(gcCount: 4)
        after.values["sun.gc.collector.0.name"] = .string("Copy")
        #expect(!samples(before, after).contains { $0.dimensions.contains(MetricDimension("gcName", "Copy")) })
    }

    @Test func missingCountersAreLeftOutAndUnusedClassSpaceIsNotAPool() {
        var partial = reading()
        for key in partial.values.keys where key.hasPrefix("java.") || key.hasPrefix("sun.os.") || key.hasSuffix(".maxCapacity") {
            partial.values[key] = nil
        }
        partial.values["sun.gc.compressedclassspace.maxCapacity"] = .long(0)
        let result = samples(reading(), partial)
        #expect(!result.contains { $0.name.hasPrefix("jvm/threads") || $0.name == "jvm/classes/loaded" || $0.name == "jvm/uptime" })
        #expect(!result.contains { $0.name == "jvm/gc/time" || $0.name == "jvm/safepoint/time" })  // no frequency
        #expect(!result.contains { $0.name.hasSuffix("/max") })
        #expect(!result.contains { $0.dimensions.contains(MetricDimension("poolName", "compressed class space")) })
        #expect(value(result, "jvm/gc/count", [MetricDimension("gcName", "G1 young collection pauses")]) == 0)
        #expect(samples(nil, PerfDataReading(values: [:])).isEmpty)
    }

    /// The real G1 file: figures computed by hand from its jstat snapshot.
    @Test func g1FixtureLevels() throws {
        let result = samples(nil, try PerfDataParser.parse(PerfDataFixture.bytes("g1.hsperfdata")))
        let heap = [MetricDimension("memKind", "heap")]
        #expect(value(result, "jvm/mem/used", heap) == 187_841_824)  // 180355072 + 0 + 3277600 + 4209152
        #expect(value(result, "jvm/mem/committed", heap) == 406_847_520)  // 251658264 + 155189256
        #expect(value(result, "jvm/mem/max", heap) == 6_320_816_152)  // the larger of two whole-heap maxima
        #expect(value(result, "jvm/mem/used", [MetricDimension("memKind", "nonheap")]) == 80824)
        #expect(value(result, "jvm/classes/loaded") == 402)  // 4 + 398 from the archive
        #expect(value(result, "jvm/uptime") == 5.959248035)
        let pools = Set(result.filter { $0.name == "jvm/pool/used" }.compactMap { $0.dimensions.first { $0.name == "poolName" }?.value })
        #expect(pools == ["eden", "s0", "s1", "old", "metaspace", "compressed class space"])
    }

    /// The serial collector's generations have separate maxima, which add up to the
    /// heap (and to G1's heap of the same machine, 6 320 816 128 bytes plus G1's padding).
    @Test func serialFixtureLevelsAndCollectors() throws {
        let file = try PerfDataParser.parse(PerfDataFixture.bytes("serial.hsperfdata"))
        var earlier = file
        earlier.values["sun.gc.collector.0.invocations"] = .long(1)
        earlier.values["sun.gc.collector.0.time"] = .long(42_000)
        let result = samples(earlier, file)
        let heap = [MetricDimension("memKind", "heap")]
        #expect(value(result, "jvm/mem/used", heap) == 21_684_344)  // 17946272 + 0 + 3738072 + 0
        #expect(value(result, "jvm/mem/committed", heap) == 396_361_728)  // 132120576 + 264241152
        #expect(value(result, "jvm/mem/max", heap) == 6_320_816_128)  // 2106916864 + 4213899264
        let young = [MetricDimension("gcName", "Serial young collection pauses")]
        #expect(value(result, "jvm/gc/count", young) == 2)
        #expect(value(result, "jvm/gc/time", young) == 100.000072)  // (100042072 - 42000) ns
        #expect(value(result, "jvm/gc/count", [MetricDimension("gcName", "Serial full collection pauses")]) == 0)
        let pools = Set(result.filter { $0.name == "jvm/pool/max" }.compactMap { $0.dimensions.first { $0.name == "poolName" }?.value })
        #expect(pools == ["eden", "s0", "s1", "old", "metaspace", "compressed class space"])
    }
}
