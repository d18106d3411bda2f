import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@Suite struct JVMPerfDataSourceTests {
    typealias F = PerfDataFixture
    let timestamp = Date(timeIntervalSince1970: 1_764_064_800)

    /// A root like /tmp holding hsperfdata directories, removed at the end.
    final class PerfDataRoot {
        let path: String

        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-jvm-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        func write(_ bytes: [UInt8], user: String, file: String) throws {
            let directory = "\(path)/hsperfdata_\(user)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: "\(directory)/\(file)"))
        }

        func remove(user: String, file: String) throws {
            try FileManager.default.removeItem(atPath: "\(path)/hsperfdata_\(user)/\(file)")
        }

        deinit {
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    /// A monotonic clock that moves only when told to.
    final class SteppingClock: Sendable {
        private let instant = Mutex(ContinuousClock.now)

        var now: @Sendable () -> ContinuousClock.Instant {
            { self.instant.withLock { $0 } }
        }

        func advance(_ seconds: Int) {
            instant.withLock { $0 = $0.advanced(by: .seconds(seconds)) }
        }
    }

    private func services(_ samples: [Sample]) -> Set<String> {
        Set(samples.flatMap { $0.dimensions.filter { $0.name == "Service" }.map(\.value) })
    }

    private func heapUsed(_ samples: [Sample], _ service: String) -> Double? {
        samples.first {
            $0.name == "jvm/mem/used" && $0.dimensions.contains(MetricDimension("memKind", "heap"))
                && $0.dimensions.contains(MetricDimension("Service", service))
        }?.value
    }

    /// g1 and serial are both `server historical`; g1 started 3 ms later.
    private func populatedRoot() throws -> PerfDataRoot {
        let root = try PerfDataRoot()
        let g1 = try F.bytes("g1.hsperfdata"), serial = try F.bytes("serial.hsperfdata")
        try root.write(g1, user: "druid", file: "100")
        try root.write(serial, user: "druid", file: "200")
        try root.write(try #require(F.replacingString(serial, named: "sun.rt.javaCommand", with: "org.apache.druid.cli.Main server broker")), user: "druid", file: "300")
        try root.write(try #require(F.replacingString(serial, named: "sun.rt.javaCommand", with: "kafka.Kafka config/server.properties")), user: "kafka", file: "400")
        // Not JVMs, or not running.
        try root.write(Array("garbage".utf8), user: "druid", file: "notapid")
        try root.write(g1, user: "druid", file: "999")
        try root.write(g1, user: "druid", file: "0")
        try FileManager.default.createDirectory(atPath: "\(root.path)/other/101", withIntermediateDirectories: true)
        try Data(g1).write(to: URL(fileURLWithPath: "\(root.path)/other/101/101"))
        return root
    }

    private func source(_ root: PerfDataRoot, includeNonDruid: Bool = false, clock: SteppingClock = SteppingClock(), alive: Set<Int32> = [100, 101, 200, 300, 400, 500]) -> JVMPerfDataSource {
        var quiet = Logger(label: "test.jvm")
        quiet.logLevel = .critical
        return JVMPerfDataSource(
            options: .init(root: root.path, includeNonDruid: includeNonDruid, logger: quiet),
            monotonicNow: clock.now,
            processExists: { alive.contains($0) }
        )
    }

    @Test func druidJVMsAreNamedByServiceAndTheNewestOfAServiceIsReported() async throws {
        let root = try populatedRoot()
        let samples = try await source(root).collect(at: timestamp)
        #expect(services(samples) == ["druid/historical", "druid/broker"])
        // The historical reported is the G1 one (pid 100), started after the serial one.
        #expect(heapUsed(samples, "druid/historical") == 187_841_824)
        #expect(heapUsed(samples, "druid/broker") == 21_684_344)
        #expect(samples.allSatisfy { $0.timestamp == timestamp && $0.dimensions.filter { $0.name == "Service" }.count == 1 })
        #expect(!samples.contains { $0.dimensions.contains { $0.name == "Pid" } })
    }

    @Test func otherJVMsOnlyWhenAskedFor() async throws {
        let root = try populatedRoot()
        let samples = try await source(root, includeNonDruid: true).collect(at: timestamp)
        #expect(services(samples) == ["druid/historical", "druid/broker", "jvm/Kafka"])
        let readings = try source(root, includeNonDruid: true).read()
        #expect(readings.map(\.pid) == [100, 200, 300, 400])
        #expect(readings.map(\.service) == ["druid/historical", "druid/historical", "druid/broker", "jvm/Kafka"])
    }

    @Test func differencesFromTheSecondRoundAndForgottenWhenAPidGoes() async throws {
        let root = try populatedRoot()
        let clock = SteppingClock()
        let source = source(root, clock: clock)
        let gcCounts = { (samples: [Sample]) in samples.filter { $0.name == "jvm/gc/count" } }

        #expect(gcCounts(try await source.collect(at: timestamp)).isEmpty)
        clock.advance(60)
        let second = try await source.collect(at: timestamp)
        // Three G1 collectors for the historical, two serial ones for the broker; nothing happened in between.
        #expect(gcCounts(second).count == 5)
        #expect(gcCounts(second).allSatisfy { $0.value == 0 && $0.kind == .counter })

        try root.remove(user: "druid", file: "300")
        clock.advance(60)
        #expect(!services(try await source.collect(at: timestamp)).contains("druid/broker"))
        try root.write(try #require(F.replacingString(F.bytes("serial.hsperfdata"), named: "sun.rt.javaCommand", with: "org.apache.druid.cli.Main server broker")), user: "druid", file: "300")
        clock.advance(60)
        let back = try await source.collect(at: timestamp)
        #expect(services(back).contains("druid/broker"))
        #expect(!gcCounts(back).contains { $0.dimensions.contains(MetricDimension("Service", "druid/broker")) })
        #expect(gcCounts(back).contains { $0.dimensions.contains(MetricDimension("Service", "druid/historical")) })
    }

    @Test func aDamagedFileIsSkippedAndTheOthersRead() async throws {
        let root = try populatedRoot()
        try root.write(Array(try F.bytes("g1.hsperfdata")[0..<100]), user: "druid", file: "500")
        let samples = try await source(root).collect(at: timestamp)
        #expect(services(samples) == ["druid/historical", "druid/broker"])
    }

    @Test func aStartingJVMIsSkippedQuietly() async throws {
        let root = try PerfDataRoot()
        var starting = try F.bytes("g1.hsperfdata")
        starting[7] = 0  // not yet accessible
        try root.write(starting, user: "druid", file: "100")
        #expect(try await source(root).collect(at: timestamp).isEmpty)
    }

    @Test func onlyUnreadableFilesIsAnError() async throws {
        let root = try PerfDataRoot()
        try root.write([UInt8](repeating: 0x41, count: 64), user: "druid", file: "100")
        try root.write(Array(try F.bytes("g1.hsperfdata")[0..<20]), user: "druid", file: "200")
        let error = await #expect(throws: PerfDataFileError.self) { try await source(root).collect(at: timestamp) }
        #expect(error?.reasons.count == 2)
        #expect(error?.description.contains("\(root.path)/hsperfdata_druid/100: not a perf-data file") == true)
        #expect(error?.description.contains("fewer than the 32-byte prologue") == true)
    }

    @Test func noJVMsIsNoSamples() async throws {
        let root = try PerfDataRoot()
        #expect(try await source(root).collect(at: timestamp).isEmpty)
        let missing = JVMPerfDataSource(options: .init(root: "\(root.path)/absent"))
        #expect(try await missing.collect(at: timestamp).isEmpty)
        #expect(missing.name == "jvm")
    }

    @Test func theSystemLivenessCheck() {
        #expect(JVMPerfDataSource.systemProcessExists(getpid()))
        #expect(!JVMPerfDataSource.systemProcessExists(0))
        #expect(!JVMPerfDataSource.systemProcessExists(-1))
    }
}
