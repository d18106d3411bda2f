import DruidWatchCore
import Foundation

/// Turns host readings into samples. Levels (memory, load, disk space) come from the
/// current reading alone; rates and CPU shares from the difference between two. A
/// counter that went backwards (a reset, a device re-added) yields nothing for that
/// interval rather than a huge or negative value.
public enum HostMetrics {
    public static func samples(previous: HostSnapshot?, current: HostSnapshot, elapsedSeconds: Double, timestamp: Date) -> [Sample] {
        var samples: [Sample] = []
        func add(_ name: String, _ value: Double, _ unit: MetricUnit, _ kind: SampleKind = .gauge, _ dimensions: [MetricDimension] = []) {
            guard value.isFinite else { return }
            samples.append(Sample(name: name, dimensions: dimensions, value: value, unit: unit, kind: kind, timestamp: timestamp))
        }

        if let memory = current.memory {
            add("mem_used_percent", Double(memory.totalBytes - memory.availableBytes) / Double(memory.totalBytes) * 100, .percent)
            add("mem_available_bytes", Double(memory.availableBytes), .bytes)
            if memory.swapTotalBytes > 0 {
                let used = memory.swapTotalBytes - min(memory.swapFreeBytes, memory.swapTotalBytes)
                add("swap_used_percent", Double(used) / Double(memory.swapTotalBytes) * 100, .percent)
                add("swap_used_bytes", Double(used), .bytes)
            }
        }
        if let load = current.load {
            add("load1", load.one, .none)
            add("load5", load.five, .none)
            add("load15", load.fifteen, .none)
        }
        for filesystem in current.filesystems {
            let dimensions = [MetricDimension("path", filesystem.mountPoint), MetricDimension("device", filesystem.device), MetricDimension("fstype", filesystem.filesystemType)]
            let used = filesystem.blocks - min(filesystem.blocksFree, filesystem.blocks)
            let usable = used + filesystem.blocksAvailable
            if usable > 0 {
                // df's formula: the root reserve counts as neither used nor available.
                add("disk_used_percent", Double(used) / Double(usable) * 100, .percent, .gauge, dimensions)
                add("disk_free_bytes", Double(filesystem.blocksAvailable) * Double(filesystem.fragmentSize), .bytes, .gauge, dimensions)
            }
            if filesystem.inodes > 0 {
                let inodesUsed = filesystem.inodes - min(filesystem.inodesFree, filesystem.inodes)
                add("disk_inodes_used_percent", Double(inodesUsed) / Double(filesystem.inodes) * 100, .percent, .gauge, dimensions)
                add("disk_inodes_free", Double(filesystem.inodesFree), .count, .gauge, dimensions)
            }
        }

        guard let previous, elapsedSeconds > 0 else { return samples }

        if let before = previous.cpu, let after = current.cpu, let shares = cpuShares(before, after) {
            add("cpu_usage_active", 100 - shares.idle - shares.iowait, .percent)
            add("cpu_usage_user", shares.user, .percent)
            add("cpu_usage_system", shares.system, .percent)
            add("cpu_usage_iowait", shares.iowait, .percent)
            add("cpu_usage_steal", shares.steal, .percent)
            add("cpu_usage_idle", shares.idle, .percent)
        }
        for (name, after) in current.disks.sorted(by: { $0.key < $1.key }) {
            guard let before = previous.disks[name],
                  let reads = delta(before.reads, after.reads), let writes = delta(before.writes, after.writes),
                  let sectorsRead = delta(before.sectorsRead, after.sectorsRead),
                  let sectorsWritten = delta(before.sectorsWritten, after.sectorsWritten),
                  let busy = delta(before.ioMilliseconds, after.ioMilliseconds) else { continue }
            let dimensions = [MetricDimension("name", name)]
            add("diskio_read_bytes_per_second", Double(sectorsRead * DiskStats.sectorBytes) / elapsedSeconds, .bytesPerSecond, .gauge, dimensions)
            add("diskio_write_bytes_per_second", Double(sectorsWritten * DiskStats.sectorBytes) / elapsedSeconds, .bytesPerSecond, .gauge, dimensions)
            add("diskio_reads_per_second", Double(reads) / elapsedSeconds, .countPerSecond, .gauge, dimensions)
            add("diskio_writes_per_second", Double(writes) / elapsedSeconds, .countPerSecond, .gauge, dimensions)
            add("diskio_utilization_percent", min(100, Double(busy) / (elapsedSeconds * 1000) * 100), .percent, .gauge, dimensions)
        }
        for (name, after) in current.interfaces.sorted(by: { $0.key < $1.key }) {
            guard let before = previous.interfaces[name],
                  let received = delta(before.bytesReceived, after.bytesReceived), let sent = delta(before.bytesSent, after.bytesSent),
                  let packetsIn = delta(before.packetsReceived, after.packetsReceived), let packetsOut = delta(before.packetsSent, after.packetsSent),
                  let errorsIn = delta(before.errorsIn, after.errorsIn), let errorsOut = delta(before.errorsOut, after.errorsOut),
                  let dropsIn = delta(before.dropsIn, after.dropsIn), let dropsOut = delta(before.dropsOut, after.dropsOut) else { continue }
            let dimensions = [MetricDimension("interface", name)]
            add("net_bytes_recv_per_second", Double(received) / elapsedSeconds, .bytesPerSecond, .gauge, dimensions)
            add("net_bytes_sent_per_second", Double(sent) / elapsedSeconds, .bytesPerSecond, .gauge, dimensions)
            add("net_packets_recv_per_second", Double(packetsIn) / elapsedSeconds, .countPerSecond, .gauge, dimensions)
            add("net_packets_sent_per_second", Double(packetsOut) / elapsedSeconds, .countPerSecond, .gauge, dimensions)
            add("net_err_in", Double(errorsIn), .count, .counter, dimensions)
            add("net_err_out", Double(errorsOut), .count, .counter, dimensions)
            add("net_drop_in", Double(dropsIn), .count, .counter, dimensions)
            add("net_drop_out", Double(dropsOut), .count, .counter, dimensions)
        }
        return samples
    }

    struct CPUShares {
        var user, system, idle, iowait, steal: Double
    }

    static func cpuShares(_ before: CPUTimes, _ after: CPUTimes) -> CPUShares? {
        guard zip(before.columns, after.columns).allSatisfy({ $0 <= $1 }) else { return nil }
        let total = Double(after.total - before.total)
        guard total > 0 else { return nil }
        func share(_ path: KeyPath<CPUTimes, UInt64>...) -> Double {
            path.reduce(0) { $0 + Double(after[keyPath: $1] - before[keyPath: $1]) } / total * 100
        }
        return CPUShares(
            user: share(\.user, \.nice),
            system: share(\.system, \.irq, \.softirq),
            idle: share(\.idle),
            iowait: share(\.iowait),
            steal: share(\.steal)
        )
    }

    private static func delta(_ before: UInt64, _ after: UInt64) -> UInt64? {
        after >= before ? after - before : nil
    }
}
