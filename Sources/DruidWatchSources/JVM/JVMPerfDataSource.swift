import DruidWatchCore
import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// JVM metrics of the Druid services on this host, from the perf-data files HotSpot
/// keeps at `<root>/hsperfdata_<user>/<pid>` for jstat: no Java agent, no JMX port,
/// no JVM flag. A plain read of the file is enough (it is 32 KiB by default); the
/// JVM updates the values in place about every 50 ms.
///
/// Each JVM is named by its Druid service only (`Service=druid/historical`): a pid
/// would start a new CloudWatch series at every restart. When two JVMs claim the same
/// service (a restart overlapping the old process's exit, or several peons of one
/// middle manager), the most recently started one is reported.
///
/// Files of dead processes (a JVM killed with SIGKILL leaves its file behind until
/// the next JVM of that user starts) are ignored, and the previous readings kept for
/// differences are forgotten as soon as a pid disappears.
public final class JVMPerfDataSource: MetricSource {
    public struct Options: Sendable {
        /// The directory holding the `hsperfdata_<user>` directories: HotSpot always
        /// uses /tmp on Linux, whatever java.io.tmpdir says.
        public var root: String
        /// Whether JVMs that are not Druid services are reported too, as `jvm/<main class>`.
        public var includeNonDruid: Bool
        public var logger: Logger

        public init(root: String = "/tmp", includeNonDruid: Bool = false, logger: Logger = Logger(label: "druidwatch.source.jvm")) {
            self.root = root
            self.includeNonDruid = includeNonDruid
            self.logger = logger
        }
    }

    /// One JVM's parsed file, as `read` finds it.
    public struct JVMReading: Sendable, Equatable {
        public var pid: Int32
        public var service: String
        public var path: String
        public var reading: PerfDataReading
    }

    public let name = "jvm"
    public let options: Options
    private let monotonicNow: @Sendable () -> ContinuousClock.Instant
    private let processExists: @Sendable (Int32) -> Bool
    private let previous = Mutex<[Int32: (reading: PerfDataReading, at: ContinuousClock.Instant)]>([:])

    public init(
        options: Options = Options(),
        monotonicNow: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        processExists: @escaping @Sendable (Int32) -> Bool = JVMPerfDataSource.systemProcessExists
    ) {
        self.options = options
        self.monotonicNow = monotonicNow
        self.processExists = processExists
    }

    public func collect(at timestamp: Date) async throws -> [Sample] {
        let jvms = try read()
        let now = monotonicNow()
        let before = previous.withLock { stored in
            defer { stored = Dictionary(uniqueKeysWithValues: jvms.map { ($0.pid, ($0.reading, now)) }) }
            return stored
        }
        var samples: [Sample] = []
        for jvm in reported(jvms) {
            let earlier = before[jvm.pid]
            let elapsed = earlier.map { now - $0.at }
            let seconds = elapsed.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 0
            samples += JVMMetrics.samples(
                previous: earlier?.reading, current: jvm.reading, elapsedSeconds: seconds, timestamp: timestamp,
                dimensions: [MetricDimension("Service", jvm.service)]
            )
        }
        return samples
    }

    /// Every live JVM's reading that is wanted (Druid services, or all JVMs with
    /// `includeNonDruid`), one per pid, before duplicates of a service are removed.
    /// Throws only when perf-data files were found and none of them could be used.
    public func read() throws -> [JVMReading] {
        var readings: [JVMReading] = []
        var failures: [String] = []
        for (pid, path) in candidateFiles() {
            guard let data = FileManager.default.contents(atPath: path) else {
                failures.append("\(path): unreadable")
                continue
            }
            let reading: PerfDataReading
            do {
                reading = try PerfDataParser.parse(data)
            } catch PerfDataError.notAccessible {
                options.logger.debug("JVM still starting; skipped this round", metadata: ["path": "\(path)"])
                continue
            } catch {
                failures.append("\(path): \(error)")
                continue
            }
            for problem in reading.skipped {
                options.logger.debug("perf-data entry skipped", metadata: ["path": "\(path)", "reason": "\(problem)"])
            }
            let command = reading.string("sun.rt.javaCommand")
            guard let service = command.flatMap(DruidServiceName.from(javaCommand:))
                ?? (options.includeNonDruid ? DruidServiceName.otherJVM(javaCommand: command) : nil)
            else { continue }
            readings.append(JVMReading(pid: pid, service: service, path: path, reading: reading))
        }
        if readings.isEmpty, !failures.isEmpty {
            throw PerfDataFileError(reasons: failures)
        }
        for failure in failures { options.logger.warning("JVM perf-data file skipped", metadata: ["reason": "\(failure)"]) }
        return readings.sorted { $0.pid < $1.pid }
    }

    /// One reading per service: the JVM created last, then the higher pid.
    func reported(_ jvms: [JVMReading]) -> [JVMReading] {
        var newest: [String: JVMReading] = [:]
        for jvm in jvms {
            guard let kept = newest[jvm.service] else {
                newest[jvm.service] = jvm
                continue
            }
            let keptStart = kept.reading.long("sun.rt.createVmBeginTime") ?? 0
            let start = jvm.reading.long("sun.rt.createVmBeginTime") ?? 0
            let (reported, skipped) = (start, jvm.pid) > (keptStart, kept.pid) ? (jvm, kept) : (kept, jvm)
            newest[jvm.service] = reported
            options.logger.debug("JVMs share a service; reporting the one started last", metadata: [
                "service": "\(jvm.service)", "reportedPid": "\(reported.pid)", "skippedPid": "\(skipped.pid)",
            ])
        }
        return newest.values.sorted { $0.service < $1.service }
    }

    /// `<root>/hsperfdata_*/<pid>` of processes that exist. The file name is the pid
    /// as the JVM sees it, which is the host's pid unless the JVM runs in a container
    /// with its own /tmp, whose files are not visible here anyway. A pid found under
    /// two users is a live JVM beside a stale file from a reused pid: the file the
    /// JVM still writes to is the one modified last.
    private func candidateFiles() -> [(pid: Int32, path: String)] {
        let fileManager = FileManager.default
        guard let directories = try? fileManager.contentsOfDirectory(atPath: options.root) else { return [] }
        var files: [Int32: String] = [:]
        func modified(_ path: String) -> Date {
            ((try? fileManager.attributesOfItem(atPath: path))?[.modificationDate] as? Date) ?? .distantPast
        }
        for directory in directories.sorted() where directory.hasPrefix("hsperfdata_") {
            let directoryPath = "\(options.root)/\(directory)"
            guard let names = try? fileManager.contentsOfDirectory(atPath: directoryPath) else { continue }
            for name in names.sorted() {
                guard !name.isEmpty, name.allSatisfy(\.isASCII), name.allSatisfy(\.isNumber),
                      let pid = Int32(name), pid > 0 else { continue }
                guard processExists(pid) else {
                    options.logger.trace("perf-data file of a process that is gone; ignored", metadata: ["path": "\(directoryPath)/\(name)"])
                    continue
                }
                let path = "\(directoryPath)/\(name)"
                if let other = files[pid], modified(other) >= modified(path) { continue }
                files[pid] = path
            }
        }
        return files.map { (pid: $0.key, path: $0.value) }.sorted { $0.pid < $1.pid }
    }

    /// kill(pid, 0): the process exists when the signal could be sent, or when only
    /// permission was lacking.
    public static let systemProcessExists: @Sendable (Int32) -> Bool = { pid in
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
