import DruidWatchTestSupport
import Foundation
import Testing

/// The generated catalog is what the generator makes of the upstream files. Those files
/// are not in the repository (they are apache/druid's), so this runs only where they
/// have been downloaded: `$DRUID_CATALOG_SOURCES`, else /tmp/druid-catalog-src, holding
/// defaultMetrics.json, statsdDefaultMetricDimensions.json and metrics.md.
@Suite struct MetricCatalogGeneratorTests {
    static let sources = URL(
        fileURLWithPath: ProcessInfo.processInfo.environment["DRUID_CATALOG_SOURCES"] ?? "/tmp/druid-catalog-src")
    static let inputs = ["defaultMetrics.json", "statsdDefaultMetricDimensions.json", "metrics.md"]
    static let python = "/usr/bin/python3"
    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: python)
            && inputs.allSatisfy { FileManager.default.fileExists(atPath: sources.appendingPathComponent($0).path) }
    }

    @Test(.enabled(if: available, "upstream Druid files not downloaded"))
    func generatedFileIsUpToDate() async throws {
        let root = Fixtures.repositoryRoot
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("druidwatch-catalog-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = try ChildProcess(executable: Self.python, arguments: [
            root.appendingPathComponent("scripts/generate-metric-catalog.py").path,
            "--prometheus", Self.sources.appendingPathComponent(Self.inputs[0]).path,
            "--statsd", Self.sources.appendingPathComponent(Self.inputs[1]).path,
            "--docs", Self.sources.appendingPathComponent(Self.inputs[2]).path,
            "--output", output.path,
        ])
        let messages = await process.readToEnd()  // returns once the generator exits
        process.stop()
        let generated = try String(contentsOf: output, encoding: .utf8)
        let committed = try String(
            contentsOf: root.appendingPathComponent("Sources/DruidWatchCore/Catalog/DruidMetricCatalog+Standard.swift"),
            encoding: .utf8)
        // Name the first differing line rather than printing both files.
        let generatedLines = generated.split(separator: "\n", omittingEmptySubsequences: false)
        let committedLines = committed.split(separator: "\n", omittingEmptySubsequences: false)
        let differing = (0..<max(generatedLines.count, committedLines.count)).first { index in
            index >= generatedLines.count || index >= committedLines.count || generatedLines[index] != committedLines[index]
        }
        let detail = differing.map { index in
            let ours = index < generatedLines.count ? String(generatedLines[index]) : "(end)"
            let theirs = index < committedLines.count ? String(committedLines[index]) : "(end)"
            return "line \(index + 1): generated \(ours), committed \(theirs)"
        } ?? ""
        let log = String(decoding: messages, as: UTF8.self)
        #expect(differing == nil, "the committed catalog is stale, regenerate it; \(detail) \(log)")
    }
}
