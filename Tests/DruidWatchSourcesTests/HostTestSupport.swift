import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Synchronization

/// One file of a /proc tree captured from a real machine (see Tests/Fixtures/proc/README.md).
func procFixture(_ machine: String, _ file: String) throws -> String {
    try Fixtures.string("proc/\(machine)/\(file)")
}

/// A fixed sample time; HostMetrics copies it onto every sample.
let sampleTime = Date(timeIntervalSince1970: 1_764_064_800)

/// Float comparison for computed percentages and rates.
func isClose(_ actual: Double?, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= tolerance * max(1, abs(expected))
}

extension Array where Element == Sample {
    var names: Set<String> { Set(map(\.name)) }

    /// The one sample with this name (and, if given, this dimension); nil if none or several.
    func value(_ name: String, _ dimension: MetricDimension? = nil) -> Double? {
        let matching = filter { $0.name == name && (dimension.map($0.dimensions.contains) ?? true) }
        return matching.count == 1 ? matching[0].value : nil
    }

    /// The values a dimension takes across the samples with this name.
    func dimensionValues(_ name: String, _ dimensionName: String) -> Set<String> {
        Set(filter { $0.name == name }.flatMap { $0.dimensions.filter { $0.name == dimensionName }.map(\.value) })
    }
}

/// A monotonic clock the test moves by hand.
final class ManualClock: Sendable {
    private let instant = Mutex(ContinuousClock.now)

    var now: ContinuousClock.Instant { instant.withLock { $0 } }

    func advance(by duration: Duration) {
        instant.withLock { $0 = $0.advanced(by: duration) }
    }
}

/// Stands in for statvfs(3): fixed figures per mount point, and a record of every path asked.
final class StatfsStub: Sendable {
    private let figures: [String: HostSource.FilesystemFigures]
    private let asked = Mutex<[String]>([])

    init(_ figures: [String: HostSource.FilesystemFigures]) {
        self.figures = figures
    }

    var pathsAsked: [String] { asked.withLock { $0 } }

    var function: @Sendable (String) -> HostSource.FilesystemFigures? {
        { path in
            self.asked.withLock { $0.append(path) }
            return self.figures[path]
        }
    }
}

/// A scratch directory with a proc tree copied from a fixture and a hand-made /sys/block.
final class ScratchHost {
    let root: URL
    var procPath: String { root.appendingPathComponent("proc").path }
    var sysPath: String { root.appendingPathComponent("sys").path }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-host-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sys/block"), withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Replaces the whole proc tree with the fixture machine's (the way a second reading sees new files).
    func useProc(from machine: String) throws {
        let proc = URL(fileURLWithPath: procPath)
        if FileManager.default.fileExists(atPath: proc.path) { try FileManager.default.removeItem(at: proc) }
        try FileManager.default.copyItem(at: Fixtures.url("proc/\(machine)"), to: proc)
    }

    /// Writes (or overwrites) one file of the proc tree.
    func writeProc(_ file: String, _ text: String) throws {
        let url = URL(fileURLWithPath: procPath).appendingPathComponent(file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Adds /sys/block/<name>, with dm/name when a device-mapper name is given.
    func addBlockDevice(_ name: String, mapperName: String? = nil) throws {
        let device = URL(fileURLWithPath: sysPath).appendingPathComponent("block/\(name)")
        try FileManager.default.createDirectory(at: device, withIntermediateDirectories: true)
        if let mapperName {
            try FileManager.default.createDirectory(at: device.appendingPathComponent("dm"), withIntermediateDirectories: true)
            try Data("\(mapperName)\n".utf8).write(to: device.appendingPathComponent("dm/name"))
        }
    }

    func options(
        ignoredMountPoints: [String] = HostSource.Options.defaultIgnoredMountPoints,
        ignoredInterfaces: [String] = HostSource.Options.defaultIgnoredInterfaces
    ) -> HostSource.Options {
        HostSource.Options(procPath: procPath, sysPath: sysPath, ignoredMountPoints: ignoredMountPoints, ignoredInterfaces: ignoredInterfaces)
    }
}
