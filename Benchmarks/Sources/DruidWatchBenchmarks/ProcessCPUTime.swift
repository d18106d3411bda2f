import Foundation

/// This process's user + system CPU time as the kernel reports it in /proc/self/stat
/// (fields 14 and 15, in clock ticks): the same figure the compare driver reads from
/// /proc/<pid>/stat for node_exporter, so both sides are measured the same way.
struct ProcessCPUTime {
    var ticks: Int
    static let ticksPerSecond = Int(sysconf(Int32(_SC_CLK_TCK)))

    static func now() -> ProcessCPUTime {
        guard let data = FileManager.default.contents(atPath: "/proc/self/stat") else { fail("/proc/self/stat unreadable\n") }
        let text = String(decoding: data, as: UTF8.self)
        // The command name (field 2) may hold blanks and parentheses: count from the last ')'.
        guard let close = text.lastIndex(of: ")") else { fail("/proc/self/stat: no ')'\n") }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { fail("/proc/self/stat: unexpected layout\n") }
        return ProcessCPUTime(ticks: user + system)
    }
}
