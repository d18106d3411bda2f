import DruidWatchCore
import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The host's own metrics from /proc, /sys and statvfs(3). Keeps the previous reading
/// to turn counters into rates; the first reading yields only levels.
///
/// Network file systems (NFS, CIFS, ...) are never measured: statvfs on a mount whose
/// server is gone blocks in the kernel and no timeout can interrupt it, and they are
/// skipped as `nodev` types like every other file system without a local device.
public final class HostSource: MetricSource {
    public struct Options: Sendable {
        public var procPath: String
        public var sysPath: String
        public var ignoredFilesystemTypes: Set<String>
        public var ignoredMountPoints: GlobList
        public var ignoredDevices: GlobList
        public var ignoredInterfaces: GlobList
        public var logger: Logger

        public static let defaultIgnoredFilesystemTypes: [String] = [
            "autofs", "binfmt_misc", "bpf", "cgroup", "cgroup2", "configfs", "debugfs", "devpts", "devtmpfs",
            "efivarfs", "fusectl", "hugetlbfs", "mqueue", "nsfs", "overlay", "proc", "pstore", "ramfs",
            "rpc_pipefs", "securityfs", "squashfs", "sysfs", "tmpfs", "tracefs",
        ]
        public static let defaultIgnoredMountPoints = ["/proc/*", "/sys/*", "/dev/*", "/run/*", "/snap/*", "/var/lib/docker/*"]
        public static let defaultIgnoredDevices = ["loop*", "ram*", "zram*", "sr*", "fd*"]
        public static let defaultIgnoredInterfaces = ["lo", "veth*"]

        public init(
            procPath: String = "/proc",
            sysPath: String = "/sys",
            ignoredFilesystemTypes: [String] = Options.defaultIgnoredFilesystemTypes,
            ignoredMountPoints: [String] = Options.defaultIgnoredMountPoints,
            ignoredDevices: [String] = Options.defaultIgnoredDevices,
            ignoredInterfaces: [String] = Options.defaultIgnoredInterfaces,
            logger: Logger = Logger(label: "druidwatch.source.host")
        ) {
            self.procPath = procPath
            self.sysPath = sysPath
            self.ignoredFilesystemTypes = Set(ignoredFilesystemTypes)
            self.ignoredMountPoints = GlobList(ignoredMountPoints)
            self.ignoredDevices = GlobList(ignoredDevices)
            self.ignoredInterfaces = GlobList(ignoredInterfaces)
            self.logger = logger
        }
    }

    public let name = "host"
    public let options: Options
    private let monotonicNow: @Sendable () -> ContinuousClock.Instant
    private let statfs: @Sendable (String) -> FilesystemFigures?
    private let previous = Mutex<(snapshot: HostSnapshot, at: ContinuousClock.Instant)?>(nil)

    /// statvfs(3)'s figures for one path; injectable so tests can give fixed ones.
    public struct FilesystemFigures: Sendable, Equatable {
        public var fragmentSize, blocks, blocksFree, blocksAvailable, inodes, inodesFree: UInt64

        public init(fragmentSize: UInt64, blocks: UInt64, blocksFree: UInt64, blocksAvailable: UInt64, inodes: UInt64, inodesFree: UInt64) {
            self.fragmentSize = fragmentSize
            self.blocks = blocks
            self.blocksFree = blocksFree
            self.blocksAvailable = blocksAvailable
            self.inodes = inodes
            self.inodesFree = inodesFree
        }
    }

    public init(
        options: Options = Options(),
        monotonicNow: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now },
        statfs: @escaping @Sendable (String) -> FilesystemFigures? = HostSource.systemStatvfs
    ) {
        self.options = options
        self.monotonicNow = monotonicNow
        self.statfs = statfs
    }

    public func collect(at timestamp: Date) async throws -> [Sample] {
        let snapshot = try read()
        let now = monotonicNow()
        let before = previous.withLock { stored in
            defer { stored = (snapshot, now) }
            return stored
        }
        let elapsed = before.map { now - $0.at }
        let seconds = elapsed.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 0
        return HostMetrics.samples(previous: before?.snapshot, current: snapshot, elapsedSeconds: seconds, timestamp: timestamp)
    }

    /// Takes one reading. Throws only when neither CPU nor memory could be read.
    public func read() throws -> HostSnapshot {
        var snapshot = HostSnapshot()
        var failures: [String] = []

        if let text = readText("\(options.procPath)/stat") {
            do {
                snapshot.cpu = try ProcStat.parse(text, file: "\(options.procPath)/stat").total
            } catch {
                failures.append(error.description)
            }
        } else {
            failures.append("\(options.procPath)/stat: unreadable")
        }
        if let text = readText("\(options.procPath)/meminfo") {
            do {
                snapshot.memory = try MemInfo.parse(text, file: "\(options.procPath)/meminfo")
            } catch {
                failures.append(error.description)
            }
        } else {
            failures.append("\(options.procPath)/meminfo: unreadable")
        }
        if snapshot.cpu == nil, snapshot.memory == nil {
            throw ProcParseError(file: options.procPath, reason: "neither CPU nor memory figures could be read: \(failures.joined(separator: "; "))")
        }
        for failure in failures { options.logger.warning("host reading incomplete", metadata: ["reason": "\(failure)"]) }

        if let text = readText("\(options.procPath)/loadavg") {
            snapshot.load = try? LoadAverage.parse(text, file: "\(options.procPath)/loadavg")
        }
        snapshot.filesystems = readFilesystems()
        snapshot.disks = readDisks()
        if let text = readText("\(options.procPath)/net/dev") {
            snapshot.interfaces = NetDev.parse(text).interfaces.filter { !options.ignoredInterfaces.matches($0.key) }
        }
        return snapshot
    }

    private func readFilesystems() -> [FilesystemUsage] {
        guard let text = readText("\(options.procPath)/self/mountinfo") else { return [] }
        let withoutDevice = readText("\(options.procPath)/filesystems").map { KernelFilesystems.parse($0).withoutDevice } ?? []
        var seenDevices: Set<String> = []
        var usages: [FilesystemUsage] = []
        for mount in MountInfo.parse(text).mounts {
            // FUSE mounts read "fuse.sshfs", "fuse.glusterfs", ...; /proc/filesystems lists only "fuse".
            let kernelType = mount.filesystemType.split(separator: ".", maxSplits: 1).first.map(String.init) ?? mount.filesystemType
            guard !withoutDevice.contains(mount.filesystemType), !withoutDevice.contains(kernelType),
                  !options.ignoredFilesystemTypes.contains(mount.filesystemType),
                  !options.ignoredMountPoints.matches(mount.mountPoint),
                  seenDevices.insert(mount.deviceNumber).inserted else { continue }
            guard let figures = statfs(mount.mountPoint) else {
                options.logger.debug("statvfs failed; file system skipped", metadata: ["path": "\(mount.mountPoint)"])
                continue
            }
            usages.append(FilesystemUsage(
                mountPoint: mount.mountPoint, device: mount.source, filesystemType: mount.filesystemType,
                fragmentSize: figures.fragmentSize, blocks: figures.blocks, blocksFree: figures.blocksFree,
                blocksAvailable: figures.blocksAvailable, inodes: figures.inodes, inodesFree: figures.inodesFree
            ))
        }
        return usages
    }

    /// Whole disks are the entries of /sys/block; partitions appear only in diskstats.
    private func readDisks() -> [String: DiskStats.Counters] {
        guard let text = readText("\(options.procPath)/diskstats") else { return [:] }
        let wholeDisks = Set((try? FileManager.default.contentsOfDirectory(atPath: "\(options.sysPath)/block")) ?? [])
        var disks: [String: DiskStats.Counters] = [:]
        for (kernelName, counters) in DiskStats.parse(text).devices where wholeDisks.contains(kernelName) {
            guard !options.ignoredDevices.matches(kernelName) else { continue }
            // Device-mapper volumes are known to operators by their mapper name (vg0-data).
            let mapperName = readText("\(options.sysPath)/block/\(kernelName)/dm/name")?.trimmingCharacters(in: .whitespacesAndNewlines)
            let name = (mapperName?.isEmpty == false ? mapperName : nil) ?? kernelName
            disks[name] = counters
        }
        return disks
    }

    private func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public static let systemStatvfs: @Sendable (String) -> FilesystemFigures? = { path in
        var figures = statvfs()
        guard statvfs(path, &figures) == 0 else { return nil }
        return FilesystemFigures(
            fragmentSize: UInt64(figures.f_frsize), blocks: UInt64(figures.f_blocks), blocksFree: UInt64(figures.f_bfree),
            blocksAvailable: UInt64(figures.f_bavail), inodes: UInt64(figures.f_files), inodesFree: UInt64(figures.f_ffree)
        )
    }
}
