/// Everything one reading of the host gathered, parsed; two of them make the rates.
public struct HostSnapshot: Sendable, Equatable {
    public var cpu: CPUTimes?
    public var memory: MemInfo?
    public var load: LoadAverage?
    public var filesystems: [FilesystemUsage]
    /// Whole block devices (not partitions), by the name to publish.
    public var disks: [String: DiskStats.Counters]
    public var interfaces: [String: NetDev.Counters]

    public init(
        cpu: CPUTimes? = nil,
        memory: MemInfo? = nil,
        load: LoadAverage? = nil,
        filesystems: [FilesystemUsage] = [],
        disks: [String: DiskStats.Counters] = [:],
        interfaces: [String: NetDev.Counters] = [:]
    ) {
        self.cpu = cpu
        self.memory = memory
        self.load = load
        self.filesystems = filesystems
        self.disks = disks
        self.interfaces = interfaces
    }
}

/// One mounted file system's `statvfs` figures.
public struct FilesystemUsage: Sendable, Equatable {
    public var mountPoint: String
    public var device: String
    public var filesystemType: String
    public var fragmentSize: UInt64
    public var blocks: UInt64
    public var blocksFree: UInt64
    /// Free to unprivileged users (excludes the root reserve), as `df` shows.
    public var blocksAvailable: UInt64
    public var inodes: UInt64
    public var inodesFree: UInt64

    public init(mountPoint: String, device: String, filesystemType: String, fragmentSize: UInt64, blocks: UInt64, blocksFree: UInt64, blocksAvailable: UInt64, inodes: UInt64, inodesFree: UInt64) {
        self.mountPoint = mountPoint
        self.device = device
        self.filesystemType = filesystemType
        self.fragmentSize = fragmentSize
        self.blocks = blocks
        self.blocksFree = blocksFree
        self.blocksAvailable = blocksAvailable
        self.inodes = inodes
        self.inodesFree = inodesFree
    }
}
