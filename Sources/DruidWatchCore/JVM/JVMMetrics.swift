import Foundation

/// Turns perf-data readings of one JVM into samples named as Druid's own JvmMonitor
/// names its metrics (`jvm/mem/used`, `jvm/gc/count`, ...), so that the figures read
/// alike whichever of the two reported them.
///
/// Levels (memory, threads, classes, uptime) come from the current reading alone;
/// collections and safepoints are per-interval differences of two readings of the
/// same JVM. A counter that went backwards, or a JVM whose creation time changed
/// (a restart that reused the pid), yields no difference for that round rather than
/// a huge or negative one.
///
/// Heap figures come from the collector's generations and spaces (jstat's view):
/// used is the sum of the spaces' used bytes, committed the sum of the generations'
/// capacities. Non-heap is metaspace alone: the perf data has no code-cache figures,
/// and its compressed class space is part of metaspace's totals (OpenJDK
/// metaspaceCounters.cpp), so adding the two would count class space twice.
public enum JVMMetrics {
    public static func samples(
        previous: PerfDataReading?,
        current: PerfDataReading,
        elapsedSeconds: Double,
        timestamp: Date,
        dimensions: [MetricDimension] = []
    ) -> [Sample] {
        var samples: [Sample] = []
        func add(_ name: String, _ value: Double, _ unit: MetricUnit, _ kind: SampleKind = .gauge, _ extra: [MetricDimension] = []) {
            guard value.isFinite else { return }
            samples.append(Sample(name: name, dimensions: dimensions + extra, value: value, unit: unit, kind: kind, timestamp: timestamp))
        }
        func addLevels(_ prefix: String, _ figures: MemoryFigures, _ extra: [MetricDimension]) {
            if let used = figures.used { add("\(prefix)/used", used, .bytes, .gauge, extra) }
            if let committed = figures.committed { add("\(prefix)/committed", committed, .bytes, .gauge, extra) }
            if let max = figures.max { add("\(prefix)/max", max, .bytes, .gauge, extra) }
        }

        let generations = generations(in: current)
        if !generations.isEmpty {
            addLevels("jvm/mem", heap(generations, in: current), [MetricDimension("memKind", "heap")])
        }
        // Metaspace's maximum is its reserved size; MaxMetaspaceSize is unlimited by default.
        let metaspace = figures(current, "sun.gc.metaspace")
        if !metaspace.isEmpty {
            addLevels("jvm/mem", metaspace, [MetricDimension("memKind", "nonheap")])
        }
        for pool in pools(generations) {
            addLevels("jvm/pool", pool.figures, [MetricDimension("poolKind", "heap"), MetricDimension("poolName", pool.name)])
        }
        if !metaspace.isEmpty {
            addLevels("jvm/pool", metaspace, [MetricDimension("poolKind", "nonheap"), MetricDimension("poolName", "metaspace")])
        }
        // Created with all zeros when compressed class pointers are off.
        let classSpace = figures(current, "sun.gc.compressedclassspace")
        if let max = classSpace.max, max > 0 {
            addLevels("jvm/pool", classSpace, [MetricDimension("poolKind", "nonheap"), MetricDimension("poolName", "compressed class space")])
        }

        if let live = current.long("java.threads.live") { add("jvm/threads/live", Double(live), .count) }
        if let daemon = current.long("java.threads.daemon") { add("jvm/threads/daemon", Double(daemon), .count) }
        // As ClassLoadingMXBean.getLoadedClassCount: loaded minus unloaded, counting
        // classes from the shared archive (CDS) too.
        if let loaded = current.long("java.cls.loadedClasses") {
            let others = ["java.cls.sharedLoadedClasses", "java.cls.unloadedClasses", "java.cls.sharedUnloadedClasses"].map { current.long($0) ?? 0 }
            add("jvm/classes/loaded", Double(loaded) + Double(others[0]) - Double(others[1]) - Double(others[2]), .count)
        }
        let frequency = current.long("sun.os.hrt.frequency").flatMap { $0 > 0 ? Double($0) : nil }
        // The high-resolution tick count runs from JVM start (os::elapsed_counter).
        if let frequency, let ticks = current.long("sun.os.hrt.ticks") {
            add("jvm/uptime", Double(ticks) / frequency, .seconds)
        }

        guard let previous, elapsedSeconds > 0, sameJVM(previous, current) else { return samples }
        // In Double: values from a damaged file must not trap on overflow.
        func delta(_ name: String) -> Double? {
            guard let before = previous.long(name), let after = current.long(name), after >= before else { return nil }
            return Double(after) - Double(before)
        }
        func milliseconds(_ ticks: Double) -> Double? {
            frequency.map { ticks * 1000 / $0 }
        }

        for index in indices(in: current, prefix: "sun.gc.collector.", suffix: ".name") {
            let prefix = "sun.gc.collector.\(index)"
            guard let name = current.string("\(prefix).name"), previous.string("\(prefix).name") == name else { continue }
            let gcName = [MetricDimension("gcName", name)]
            if let count = delta("\(prefix).invocations") { add("jvm/gc/count", count, .count, .counter, gcName) }
            if let ticks = delta("\(prefix).time"), let time = milliseconds(ticks) { add("jvm/gc/time", time, .milliseconds, .counter, gcName) }
        }
        if let count = delta("sun.rt.safepoints") { add("jvm/safepoints", count, .count, .counter) }
        if let ticks = delta("sun.rt.safepointTime"), let time = milliseconds(ticks) { add("jvm/safepoint/time", time, .milliseconds, .counter) }
        return samples
    }

    /// Two readings are of the same JVM unless their creation times differ.
    static func sameJVM(_ previous: PerfDataReading, _ current: PerfDataReading) -> Bool {
        guard let before = previous.long("sun.rt.createVmBeginTime"), let after = current.long("sun.rt.createVmBeginTime") else { return true }
        return before == after
    }

    /// In Double, so that adding up values from a damaged file cannot overflow.
    struct MemoryFigures: Equatable {
        var used: Double?
        var committed: Double?
        var max: Double?

        var isEmpty: Bool { used == nil && committed == nil && max == nil }
    }

    struct Generation {
        var name: String
        var capacity: Double?
        var maxCapacity: Double?
        var spaces: [(name: String, figures: MemoryFigures)]
    }

    static func generations(in reading: PerfDataReading) -> [Generation] {
        indices(in: reading, prefix: "sun.gc.generation.", suffix: ".name").compactMap { index -> Generation? in
            let prefix = "sun.gc.generation.\(index)"
            guard let name = reading.string("\(prefix).name") else { return nil }
            let spaces = indices(in: reading, prefix: "\(prefix).space.", suffix: ".name").compactMap { space -> (String, MemoryFigures)? in
                let spacePrefix = "\(prefix).space.\(space)"
                guard let spaceName = reading.string("\(spacePrefix).name") else { return nil }
                return (spaceName, figures(reading, spacePrefix))
            }
            let generation = figures(reading, prefix)
            return Generation(name: name, capacity: generation.committed, maxCapacity: generation.max, spaces: spaces)
        }
    }

    /// G1's generations each report the whole heap as their maximum (regions move
    /// between them), so its heap maximum is the largest of them, not their sum as
    /// for the serial and parallel collectors, whose generations are fixed ranges.
    static func heap(_ generations: [Generation], in reading: PerfDataReading) -> MemoryFigures {
        let spaces = generations.flatMap(\.spaces)
        let used = spaces.contains { $0.figures.used != nil } ? spaces.reduce(0) { $0 + ($1.figures.used ?? 0) } : nil
        let capacities = generations.compactMap(\.capacity)
        let maxima = generations.compactMap(\.maxCapacity)
        let sharesOneHeap = reading.string("sun.gc.policy.name") == "GarbageFirst"
        return MemoryFigures(
            used: used,
            committed: capacities.isEmpty ? nil : capacities.reduce(0, +),
            max: maxima.isEmpty ? nil : (sharesOneHeap ? maxima.max() : maxima.reduce(0, +))
        )
    }

    /// One pool per space, named after the space (eden, s0, s1), or after its
    /// generation when that has a single space (G1's old generation calls its only
    /// space "space").
    static func pools(_ generations: [Generation]) -> [(name: String, figures: MemoryFigures)] {
        var seen: Set<String> = []
        var pools: [(name: String, figures: MemoryFigures)] = []
        for generation in generations {
            for space in generation.spaces {
                var name = generation.spaces.count > 1 ? space.name : generation.name
                if seen.contains(name) { name = "\(generation.name) \(space.name)" }
                seen.insert(name)
                pools.append((name, space.figures))
            }
        }
        return pools
    }

    /// `<prefix>.used`, `.capacity` (committed) and `.maxCapacity`, as HotSpot names
    /// them for generations, spaces and metaspace alike.
    static func figures(_ reading: PerfDataReading, _ prefix: String) -> MemoryFigures {
        func value(_ name: String) -> Double? { reading.long("\(prefix).\(name)").map(Double.init) }
        return MemoryFigures(used: value("used"), committed: value("capacity"), max: value("maxCapacity"))
    }

    /// The N of every `<prefix>N<suffix>` entry, ascending.
    static func indices(in reading: PerfDataReading, prefix: String, suffix: String) -> [Int] {
        reading.values.keys.compactMap { key -> Int? in
            guard key.hasPrefix(prefix), key.hasSuffix(suffix), key.count > prefix.count + suffix.count else { return nil }
            return Int(key.dropFirst(prefix.count).dropLast(suffix.count))
        }.sorted()
    }
}
