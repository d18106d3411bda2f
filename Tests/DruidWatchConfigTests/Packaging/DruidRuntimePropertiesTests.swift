import DruidWatchConfig
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// packaging/druid/*.runtime.properties: the Druid side of the agent. The emitter points
/// at the agent's default listen address, every monitor named is one Druid has, and
/// every Druid metric the shipped alarm rules read is emitted, with those monitors, by
/// the services the rules read it from.
@Suite struct DruidRuntimePropertiesTests {
    static let directory = Fixtures.repositoryRoot.appendingPathComponent("packaging/druid")

    /// `key=value` lines of one file; comments and blank lines skipped.
    static func properties(_ name: String) throws -> [String: String] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return result
    }

    /// The monitor classes of a `druid.monitoring.monitors` value (a JSON array).
    static func monitorClasses(_ value: String?) throws -> [String] {
        let value = try #require(value)
        return try #require(try JSONSerialization.jsonObject(with: Data(value.utf8)) as? [String])
    }

    /// Druid's monitors as docs/configuration/index.md ("Metrics monitors") names them.
    static let documentedMonitors: Set<String> = [
        "org.apache.druid.client.cache.CacheMonitor", "org.apache.druid.java.util.metrics.SysMonitor",
        "org.apache.druid.java.util.metrics.JvmMonitor", "org.apache.druid.java.util.metrics.JvmCpuMonitor",
        "org.apache.druid.java.util.metrics.CpuAcctDeltaMonitor", "org.apache.druid.java.util.metrics.JvmThreadsMonitor",
        "org.apache.druid.java.util.metrics.CgroupCpuMonitor", "org.apache.druid.java.util.metrics.CgroupCpuSetMonitor",
        "org.apache.druid.java.util.metrics.CgroupMemoryMonitor", "org.apache.druid.server.metrics.EventReceiverFirehoseMonitor",
        "org.apache.druid.server.metrics.HistoricalMetricsMonitor", "org.apache.druid.server.metrics.SegmentStatsMonitor",
        "org.apache.druid.server.metrics.QueryCountStatsMonitor", "org.apache.druid.server.metrics.SubqueryCountStatsMonitor",
        "org.apache.druid.server.emitter.HttpEmittingMonitor", "org.apache.druid.server.metrics.TaskCountStatsMonitor",
        "org.apache.druid.server.metrics.TaskSlotCountStatsMonitor", "org.apache.druid.server.metrics.WorkerTaskCountStatsMonitor",
        "org.apache.druid.server.metrics.ServiceStatusMonitor",
    ]

    /// The monitors (simple class names) each service runs with the shipped files: its
    /// own file's list, or the common one; peons get the MiddleManager's fork property.
    /// Jetty's monitor is always there: Druid's JettyServerModule registers it itself.
    static func monitors(of service: DruidServiceKind) throws -> Set<String> {
        let common = try properties("runtime.properties")["druid.monitoring.monitors"]
        let value: String?
        switch service {
        case .peon:
            value = try properties("middleManager.runtime.properties")["druid.indexer.fork.property.druid.monitoring.monitors"]
        case .indexer:
            value = common
        default:
            value = try properties("\(service.rawValue).runtime.properties")["druid.monitoring.monitors"] ?? common
        }
        let names = try monitorClasses(value).map { String($0.split(separator: ".").last ?? "") }
        return Set(names + ["JettyMonitor"])
    }

    @Test func theEmitterPostsToTheAgentsDefaultAddress() throws {
        let common = try Self.properties("runtime.properties")
        let receiver = AgentConfig().sources.druidEmitter
        #expect(common["druid.emitter"] == "http")
        #expect(common["druid.emitter.http.recipientBaseUrl"] == "http://\(receiver.host):\(receiver.port)/")
        // Batches arrive within the agent's period, so that events land in their own period.
        let flushMillis = try #require(common["druid.emitter.http.flushMillis"].flatMap { Int($0) })
        #expect(Duration.milliseconds(flushMillis) < AgentConfig().period)
        #expect(common["druid.monitoring.emissionPeriod"] == "PT1M")
    }

    @Test func everyMonitorIsOneDruidDocuments() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".properties") }
        #expect(files.count == 7)
        for file in files {
            for (key, value) in try Self.properties(file) where key.hasSuffix("druid.monitoring.monitors") {
                for monitor in try Self.monitorClasses(value) {
                    #expect(Self.documentedMonitors.contains(monitor), "\(file): \(monitor) is not a documented Druid monitor")
                }
            }
        }
    }

    @Test func everyDruidMetricTheAlarmsReadIsEmittedWithTheShippedMonitors() throws {
        let rules = try AlarmRuleSetLoader.load(directory: Fixtures.repositoryRoot.appendingPathComponent("alarms"), checkRunbooks: false)
        let shippedServices: [DruidServiceKind] = [.coordinator, .overlord, .broker, .historical, .middleManager, .peon, .router]
        var checked = 0
        for rule in rules.rules {
            for query in rule.metricRule?.metrics ?? [] where MetricCatalog.druidStandard.entry(for: query.metricName) != nil {
                let serviceName = query.dimensions.first { $0.name == "Service" }?.value
                let services = try serviceName.map { name in
                    [try #require(DruidServiceKind(name: String(name.dropFirst("druid/".count))), "\(rule.name): \(name)")]
                } ?? shippedServices
                let emitting = try services.filter { service in
                    DruidMetricOrigins.emitters(of: query.metricName, monitors: try Self.monitors(of: service), ingestion: ["kafka", "kinesis"])
                        .contains { $0.service == service }
                }
                #expect(!emitting.isEmpty, "\(rule.name) reads \(query.metricName) from \(serviceName ?? "any service"), which no shipped monitor list makes Druid emit")
                checked += 1
            }
        }
        // The catalog's Druid rules, not a vacuous pass.
        #expect(checked >= 15)
    }
}
