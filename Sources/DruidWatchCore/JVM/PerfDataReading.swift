/// The counters of one JVM at one moment, as parsed from its perf-data file.
public struct PerfDataReading: Sendable, Equatable {
    public var byteOrder: PerfDataByteOrder
    public var majorVersion: Int
    public var minorVersion: Int
    /// The JVM's tick count when it last added an entry (not when a value changed).
    public var modificationTimeStamp: Int64
    public var values: [String: PerfDataValue]
    /// Entries that were malformed or of a type this reader does not decode; the
    /// others were kept.
    public var skipped: [PerfDataError]

    public init(
        byteOrder: PerfDataByteOrder = .littleEndian,
        majorVersion: Int = 2,
        minorVersion: Int = 0,
        modificationTimeStamp: Int64 = 0,
        values: [String: PerfDataValue],
        skipped: [PerfDataError] = []
    ) {
        self.byteOrder = byteOrder
        self.majorVersion = majorVersion
        self.minorVersion = minorVersion
        self.modificationTimeStamp = modificationTimeStamp
        self.values = values
        self.skipped = skipped
    }

    /// The named long, or nil when it is absent or a string.
    public func long(_ name: String) -> Int64? {
        if case .long(let value) = values[name] { return value }
        return nil
    }

    /// The named string, or nil when it is absent or a long.
    public func string(_ name: String) -> String? {
        if case .string(let value) = values[name] { return value }
        return nil
    }
}
