/// The CPU lines of `/proc/stat`: time spent in each mode, in clock ticks since boot.
public struct ProcStat: Sendable, Equatable {
    public var total: CPUTimes
    public var perCPU: [String: CPUTimes]
    public var skippedLines: Int

    public static func parse(_ text: String, file: String = "/proc/stat") throws(ProcParseError) -> ProcStat {
        var total: CPUTimes?
        var perCPU: [String: CPUTimes] = [:]
        var skipped = 0
        for line in text.split(separator: "\n") where line.hasPrefix("cpu") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // Kernels before 2.6 give four modes; newer ones up to ten.
            let numbers = fields.dropFirst().map { UInt64($0) }
            guard fields.count >= 5, numbers.allSatisfy({ $0 != nil }) else {
                skipped += 1
                continue
            }
            let times = CPUTimes(numbers.map { $0! })
            if fields[0] == "cpu" {
                total = times
            } else {
                perCPU[String(fields[0])] = times
            }
        }
        guard let total else { throw ProcParseError(file: file, reason: "no aggregate 'cpu' line") }
        return ProcStat(total: total, perCPU: perCPU, skippedLines: skipped)
    }
}

/// Clock ticks per CPU mode. Guest time is already counted inside user (and guest_nice
/// inside nice), so totals leave the guest columns out.
public struct CPUTimes: Sendable, Equatable {
    public var user: UInt64
    public var nice: UInt64
    public var system: UInt64
    public var idle: UInt64
    public var iowait: UInt64
    public var irq: UInt64
    public var softirq: UInt64
    public var steal: UInt64

    public init(user: UInt64, nice: UInt64, system: UInt64, idle: UInt64, iowait: UInt64 = 0, irq: UInt64 = 0, softirq: UInt64 = 0, steal: UInt64 = 0) {
        self.user = user
        self.nice = nice
        self.system = system
        self.idle = idle
        self.iowait = iowait
        self.irq = irq
        self.softirq = softirq
        self.steal = steal
    }

    init(_ columns: [UInt64]) {
        func column(_ index: Int) -> UInt64 { index < columns.count ? columns[index] : 0 }
        self.init(user: column(0), nice: column(1), system: column(2), idle: column(3),
                  iowait: column(4), irq: column(5), softirq: column(6), steal: column(7))
    }

    public var total: UInt64 { user + nice + system + idle + iowait + irq + softirq + steal }

    var columns: [UInt64] { [user, nice, system, idle, iowait, irq, softirq, steal] }
}
