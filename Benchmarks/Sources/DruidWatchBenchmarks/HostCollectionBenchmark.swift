import DruidWatchSources
import Foundation

/// The agent's host source collecting `cycles` times back to back: each cycle reads
/// /proc and /sys, calls statvfs on the local file systems and turns the reading into
/// samples (rates against the previous cycle), as the agent does every collection
/// interval. One warm-up cycle first (it has no previous reading and faults the code
/// in), as the driver scrapes node_exporter once before measuring it.
enum HostCollectionBenchmark {
    static func run(cycles: Int) async throws {
        let source = HostSource()
        let origin = Date()
        var samples = try await source.collect(at: origin).count
        let before = ProcessCPUTime.now()
        let wallStart = ContinuousClock.now
        for cycle in 1...cycles {
            samples = try await source.collect(at: origin.addingTimeInterval(Double(cycle))).count
        }
        let wall = ContinuousClock.now - wallStart
        let after = ProcessCPUTime.now()
        let wallSeconds = Double(wall.components.seconds) + Double(wall.components.attoseconds) / 1e18
        print("""
            {"cycles": \(cycles), "cpu_ticks": \(after.ticks - before.ticks), "ticks_per_second": \(ProcessCPUTime.ticksPerSecond), \
            "wall_seconds": \(wallSeconds), "samples_per_cycle": \(samples)}
            """)
    }
}
