/// The figures of `/proc/meminfo` the host metrics use, in bytes.
public struct MemInfo: Sendable, Equatable {
    public var totalBytes: UInt64
    /// The kernel's own estimate (MemAvailable, Linux 3.14+); older kernels get
    /// MemFree + Buffers + Cached, which is what `free` showed before it.
    public var availableBytes: UInt64
    public var swapTotalBytes: UInt64
    public var swapFreeBytes: UInt64
    public var skippedLines: Int

    public static func parse(_ text: String, file: String = "/proc/meminfo") throws(ProcParseError) -> MemInfo {
        var values: [Substring: UInt64] = [:]
        var skipped = 0
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else {
                skipped += 1
                continue
            }
            let parts = line[line.index(after: colon)...].split(separator: " ", omittingEmptySubsequences: true)
            guard let number = parts.first.flatMap({ UInt64($0) }) else {
                skipped += 1
                continue
            }
            let multiplier: UInt64 = parts.count > 1 && parts[1] == "kB" ? 1024 : 1
            values[line[..<colon]] = number.multipliedReportingOverflow(by: multiplier).partialValue
        }
        guard let total = values["MemTotal"], total > 0 else {
            throw ProcParseError(file: file, reason: "no MemTotal")
        }
        let available = values["MemAvailable"]
            ?? (values["MemFree"] ?? 0) + (values["Buffers"] ?? 0) + (values["Cached"] ?? 0)
        return MemInfo(
            totalBytes: total,
            availableBytes: min(available, total),
            swapTotalBytes: values["SwapTotal"] ?? 0,
            swapFreeBytes: values["SwapFree"] ?? 0,
            skippedLines: skipped
        )
    }
}
