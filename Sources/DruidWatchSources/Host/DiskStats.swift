/// `/proc/diskstats`: cumulative I/O counters per block device (14 fields before
/// Linux 4.18, 18 with discard counters, 20 with flush counters).
public struct DiskStats: Sendable, Equatable {
    public struct Counters: Sendable, Equatable {
        public var reads: UInt64
        public var sectorsRead: UInt64
        public var writes: UInt64
        public var sectorsWritten: UInt64
        /// Milliseconds the device had I/O in flight.
        public var ioMilliseconds: UInt64

        public init(reads: UInt64, sectorsRead: UInt64, writes: UInt64, sectorsWritten: UInt64, ioMilliseconds: UInt64) {
            self.reads = reads
            self.sectorsRead = sectorsRead
            self.writes = writes
            self.sectorsWritten = sectorsWritten
            self.ioMilliseconds = ioMilliseconds
        }
    }

    /// The kernel counts in 512-byte sectors whatever the device's real sector size.
    public static let sectorBytes: UInt64 = 512

    public var devices: [String: Counters]
    public var skippedLines: Int

    public static func parse(_ text: String) -> DiskStats {
        var devices: [String: Counters] = [:]
        var skipped = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let numbers = fields.count >= 14 ? fields[3...].prefix(10).map { UInt64($0) } : []
            guard numbers.count == 10, numbers.allSatisfy({ $0 != nil }) else {
                skipped += 1
                continue
            }
            devices[String(fields[2])] = Counters(
                reads: numbers[0]!, sectorsRead: numbers[2]!, writes: numbers[4]!, sectorsWritten: numbers[6]!, ioMilliseconds: numbers[9]!
            )
        }
        return DiskStats(devices: devices, skippedLines: skipped)
    }
}
