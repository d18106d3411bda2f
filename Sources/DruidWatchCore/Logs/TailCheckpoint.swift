import Foundation

/// What the log shipper has made safe, written atomically under the state directory
/// after each cycle's events are in the spool: where each file was read up to, and the
/// last spool file those events went into. At a restart, spool files after
/// ``committedSpoolSequence`` hold events the positions do not cover yet; they are
/// deleted and read again from the files, so that nothing is sent twice or skipped.
public struct TailCheckpoint: Sendable, Hashable, Codable {
    public var committedSpoolSequence: UInt64
    public var files: [FilePosition]

    public init(committedSpoolSequence: UInt64 = 0, files: [FilePosition] = []) {
        self.committedSpoolSequence = committedSpoolSequence
        self.files = files
    }

    /// A file is known by its device and inode, which a rename keeps; its first bytes'
    /// checksum tells a reused inode (a new file) from the file that was read.
    public struct FilePosition: Sendable, Hashable, Codable {
        public var device: UInt64
        public var inode: UInt64
        /// Where it was last seen, for people reading the checkpoint.
        public var path: String
        public var service: String
        /// Every byte before this is in an event that reached the spool.
        public var offset: UInt64
        public var head: FileHead

        public init(device: UInt64, inode: UInt64, path: String, service: String, offset: UInt64, head: FileHead) {
            self.device = device
            self.inode = inode
            self.path = path
            self.service = service
            self.offset = offset
            self.head = head
        }
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return try encoder.encode(self)
        } catch {
            preconditionFailure("checkpoint encoding failed: \(error)")
        }
    }

    public static func decode(_ data: Data) throws -> TailCheckpoint {
        try JSONDecoder().decode(TailCheckpoint.self, from: data)
    }
}

/// The checksum of a file's first bytes (up to ``maximumLength``): the same file keeps
/// it while it grows, a truncated or replaced one does not.
public struct FileHead: Sendable, Hashable, Codable {
    public static let maximumLength = 1_024
    public var length: Int
    public var checksum: UInt32

    public init(length: Int, checksum: UInt32) {
        self.length = length
        self.checksum = checksum
    }

    public init(bytes: some Collection<UInt8>) {
        let head = bytes.prefix(Self.maximumLength)
        self.init(length: head.count, checksum: CRC32.checksum(head))
    }
}
