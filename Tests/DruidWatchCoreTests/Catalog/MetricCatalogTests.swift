import DruidWatchCore
import Testing

@Suite struct MetricCatalogTests {
    let catalog = MetricCatalog.druidStandard

    struct Fact: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: SampleKind
        var unit: MetricUnit
        var dimensions: [String]
        var scale: Double = 1
        var testDescription: String { name }
    }

    /// Facts from Druid's emitter maps and metrics.md, and our deliberate departures.
    static let facts: [Fact] = [
        Fact(name: "query/time", kind: .timer, unit: .milliseconds, dimensions: ["dataSource", "type"]),
        Fact(name: "query/node/time", kind: .timer, unit: .milliseconds, dimensions: ["server"]),
        Fact(name: "query/cpu/time", kind: .timer, unit: .microseconds, dimensions: ["dataSource", "type"]),
        Fact(name: "query/failed/count", kind: .counter, unit: .count, dimensions: []),
        Fact(name: "query/success/count", kind: .counter, unit: .count, dimensions: []),
        Fact(name: "query/bytes", kind: .counter, unit: .bytes, dimensions: ["dataSource", "type"]),
        Fact(name: "ingest/events/processed", kind: .counter, unit: .count, dimensions: ["dataSource"]),
        Fact(name: "ingest/events/thrownAway", kind: .counter, unit: .count, dimensions: ["dataSource", "reason"]),
        Fact(name: "ingest/kafka/lag", kind: .gauge, unit: .count, dimensions: ["dataSource", "stream"]),
        Fact(name: "ingest/kafka/maxLag", kind: .gauge, unit: .count, dimensions: ["dataSource", "stream"]),
        Fact(name: "ingest/kafka/partitionLag", kind: .gauge, unit: .count, dimensions: ["dataSource", "stream", "partition"]),
        Fact(name: "ingest/kinesis/lag/time", kind: .gauge, unit: .milliseconds, dimensions: ["dataSource", "stream"]),
        Fact(name: "ingest/persists/cpu", kind: .timer, unit: .microseconds, dimensions: ["dataSource"], scale: 0.001),
        Fact(name: "segment/unavailable/count", kind: .gauge, unit: .count, dimensions: ["dataSource"]),
        Fact(name: "segment/underReplicated/count", kind: .gauge, unit: .count, dimensions: ["dataSource", "tier"]),
        Fact(name: "segment/loadQueue/count", kind: .gauge, unit: .count, dimensions: ["server"]),
        Fact(name: "segment/used", kind: .gauge, unit: .bytes, dimensions: ["dataSource", "tier", "priority"]),
        Fact(name: "segment/usedPercent", kind: .gauge, unit: .percent, dimensions: ["dataSource", "tier", "priority"], scale: 100),
        Fact(name: "jvm/mem/used", kind: .gauge, unit: .bytes, dimensions: ["memKind"]),
        Fact(name: "jvm/pool/used", kind: .gauge, unit: .bytes, dimensions: ["poolKind", "poolName"]),
        Fact(name: "jvm/gc/count", kind: .counter, unit: .count, dimensions: ["gcName"]),
        Fact(name: "jvm/gc/cpu", kind: .counter, unit: .microseconds, dimensions: ["gcName"], scale: 0.001),
        Fact(name: "mergeBuffer/acquisitionTimeNs", kind: .timer, unit: .microseconds, dimensions: [], scale: 0.001),
        Fact(name: "mergeBuffer/bytesUsed", kind: .gauge, unit: .bytes, dimensions: []),  // "guage" upstream
        Fact(name: "task/failed/count", kind: .counter, unit: .count, dimensions: ["dataSource"]),
        Fact(name: "task/run/time", kind: .timer, unit: .milliseconds, dimensions: ["dataSource", "taskType"]),
        Fact(name: "service/heartbeat", kind: .gauge, unit: .none, dimensions: ["dataSource", "type", "leader"]),
        Fact(name: "sys/fs/used", kind: .gauge, unit: .bytes, dimensions: ["fsDevName", "fsDirName"]),
        Fact(name: "sys/cpu", kind: .gauge, unit: .percent, dimensions: ["cpuName", "cpuTime"]),
        Fact(name: "sys/uptime", kind: .gauge, unit: .seconds, dimensions: []),
        Fact(name: "sys/net/read/size", kind: .counter, unit: .bytes, dimensions: []),
        // Druid "count" metrics that are levels.
        Fact(name: "task/running/count", kind: .gauge, unit: .count, dimensions: ["dataSource"]),
        Fact(name: "task/pending/count", kind: .gauge, unit: .count, dimensions: ["dataSource"]),
        Fact(name: "tier/historical/count", kind: .gauge, unit: .count, dimensions: ["tier"]),
        Fact(name: "tier/total/capacity", kind: .gauge, unit: .bytes, dimensions: ["tier"]),
        Fact(name: "segment/waitCompact/count", kind: .gauge, unit: .count, dimensions: ["dataSource"]),
        Fact(name: "mergeBuffer/pendingRequests", kind: .gauge, unit: .count, dimensions: []),
        // Only in metrics.md: documented dimensions minus the high-cardinality ones.
        Fact(name: "taskSlot/used/count", kind: .gauge, unit: .count, dimensions: ["category"]),
        Fact(name: "subquery/rows", kind: .counter, unit: .count, dimensions: []),
    ]

    @Test(arguments: facts) func knownFact(_ fact: Fact) throws {
        let entry = try #require(catalog.entry(for: fact.name))
        #expect(entry.name == fact.name)
        #expect(entry.kind == fact.kind)
        #expect(entry.unit == fact.unit)
        #expect(entry.scale == fact.scale)
        #expect(entry.dimensions == fact.dimensions)
        #expect(!entry.description.isEmpty)
    }

    @Test func coversDruidsStandardMetrics() {
        #expect(catalog.entries.count >= 250)
        #expect(catalog.entries.map(\.name) == catalog.entries.map(\.name).sorted())
    }

    @Test func everyNameIsUnique() {
        let names = catalog.entries.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func noEntryKeepsAHighCardinalityDimension() {
        for entry in catalog.entries {
            let kept = Set(entry.dimensions).intersection(MetricCatalog.highCardinalityDimensions)
            #expect(kept.isEmpty, "\(entry.name) keeps \(kept.sorted())")
            #expect(Set(entry.dimensions).count == entry.dimensions.count, "\(entry.name) repeats a dimension")
        }
    }

    @Test func entriesAreConsistent() {
        for entry in catalog.entries {
            #expect(entry.scale > 0, "\(entry.name)")
            #expect(!entry.description.isEmpty && !entry.description.contains("\n"), "\(entry.name)")
            if entry.kind == .timer {
                #expect([.milliseconds, .microseconds].contains(entry.unit), "\(entry.name) is a timer in \(entry.unit)")
            }
            if entry.scale != 1 {
                #expect([.microseconds, .percent].contains(entry.unit), "\(entry.name) scales into \(entry.unit)")
            }
        }
    }

    @Test func unknownNamesHaveNoEntry() {
        #expect(catalog.entry(for: "no/such/metric") == nil)
        #expect(catalog.entry(for: "Query/Time") == nil)
    }

    @Test func overridesReplaceByNameInPlaceAndAddTheRest() throws {
        let replacement = MetricCatalogEntry(name: "query/time", kind: .timer, unit: .seconds, scale: 0.001, dimensions: ["dataSource"])
        let added = MetricCatalogEntry(name: "custom/thing", kind: .gauge, unit: .count, dimensions: ["a"], description: "ours")
        let overridden = catalog.overriding([replacement, added])

        #expect(overridden.entry(for: "query/time") == replacement)
        #expect(overridden.entry(for: "custom/thing") == added)
        #expect(overridden.entries.count == catalog.entries.count + 1)
        #expect(overridden.entries.last == added)
        let position = try #require(catalog.entries.firstIndex { $0.name == "query/time" })
        #expect(overridden.entries[position] == replacement)
        #expect(overridden.entry(for: "jvm/mem/used") == catalog.entry(for: "jvm/mem/used"))
        // The original is untouched.
        #expect(catalog.entry(for: "query/time")?.unit == .milliseconds)
        #expect(catalog.entry(for: "custom/thing") == nil)
    }

    @Test func laterEntriesWithTheSameNameWin() {
        let first = MetricCatalogEntry(name: "m", kind: .counter, unit: .count)
        let second = MetricCatalogEntry(name: "m", kind: .gauge, unit: .bytes)
        let other = MetricCatalogEntry(name: "n", kind: .counter, unit: .count)
        let built = MetricCatalog(entries: [first, other, second])
        #expect(built.entries == [second, other])
        #expect(built.entry(for: "m") == second)
    }

    @Test func prometheusNamesMapBackToDruidNames() {
        #expect(catalog.druidName(forPrometheusName: "druid_query_time") == "query/time")
        #expect(catalog.druidName(forPrometheusName: "druid_jvm_gc_count") == "jvm/gc/count")
        // The emitter lower-cases, and turns digits into "_" as well.
        #expect(catalog.druidName(forPrometheusName: "druid_ingest_kafka_maxlag") == "ingest/kafka/maxLag")
        #expect(catalog.druidName(forPrometheusName: "druid_sys_tcpv_in_segs") == "sys/tcpv4/in/segs")
        #expect(catalog.druidName(forPrometheusName: "druid_cgroup_cpu_cores_quota") == "cgroup/cpu/cores_quota")
        #expect(catalog.druidName(forPrometheusName: "prod_query_time", namespace: "prod") == "query/time")
        #expect(MetricCatalog.prometheusName(for: "query/time") == "druid_query_time")
        #expect(MetricCatalog.prometheusName(for: "sys/la/15", namespace: "x") == "x_sys_la___")
    }

    @Test func unknownOrAmbiguousPrometheusNamesGiveNil() {
        #expect(catalog.druidName(forPrometheusName: "druid_no_such_metric") == nil)
        #expect(catalog.druidName(forPrometheusName: "query_time") == nil)  // no namespace
        #expect(catalog.druidName(forPrometheusName: "druid_query_time", namespace: "prod") == nil)
        #expect(catalog.druidName(forPrometheusName: "druid_query_time_bucket") == nil)
        // sys/la/1 and sys/la/5 both format to sys_la__; sys/la/15 is sys_la___.
        #expect(catalog.druidName(forPrometheusName: "druid_sys_la__") == nil)
        #expect(catalog.druidName(forPrometheusName: "druid_sys_la___") == "sys/la/15")
        // Every name the standard catalog can answer for round-trips.
        for entry in catalog.entries {
            let exported = MetricCatalog.prometheusName(for: entry.name)
            if let back = catalog.druidName(forPrometheusName: exported) {
                #expect(back == entry.name)
            } else {
                #expect(["sys/la/1", "sys/la/5"].contains(entry.name), "\(entry.name) → \(exported)")
            }
        }
    }
}
