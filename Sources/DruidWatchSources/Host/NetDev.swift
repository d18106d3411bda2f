/// `/proc/net/dev`: cumulative counters per network interface.
public struct NetDev: Sendable, Equatable {
    public struct Counters: Sendable, Equatable {
        public var bytesReceived: UInt64
        public var packetsReceived: UInt64
        public var errorsIn: UInt64
        public var dropsIn: UInt64
        public var bytesSent: UInt64
        public var packetsSent: UInt64
        public var errorsOut: UInt64
        public var dropsOut: UInt64
    }

    public var interfaces: [String: Counters]
    public var skippedLines: Int

    public static func parse(_ text: String) -> NetDev {
        var interfaces: [String: Counters] = [:]
        var skipped = 0
        // Two header lines, then "  eth0: 123 ..." (old kernels: "eth0:123", no space).
        for line in text.split(separator: "\n") where !line.contains("|") {
            guard let colon = line.lastIndex(of: ":") else {
                skipped += 1
                continue
            }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            let numbers = line[line.index(after: colon)...].split(separator: " ", omittingEmptySubsequences: true).map { UInt64($0) }
            guard !name.isEmpty, numbers.count >= 16, numbers.allSatisfy({ $0 != nil }) else {
                skipped += 1
                continue
            }
            let n = numbers.map { $0! }
            interfaces[name] = Counters(
                bytesReceived: n[0], packetsReceived: n[1], errorsIn: n[2], dropsIn: n[3],
                bytesSent: n[8], packetsSent: n[9], errorsOut: n[10], dropsOut: n[11]
            )
        }
        return NetDev(interfaces: interfaces, skippedLines: skipped)
    }
}
