import DruidWatchAWS
import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

/// The overview's preview against moto_server holding data for every graph, drawn by
/// a real Chromium: every widget's box has something drawn in it, and every graph whose
/// statistic moto computes shows lines in the palette's colours (moto computes no
/// percentiles: those graphs say so instead of going blank).
@Suite(.timeLimit(.minutes(3)))
struct DashboardPreviewScreenshotTests {
    static let credentials = StaticCredentialProvider(AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret", source: "test"))
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let parameters = DashboardParameters(cluster: "prod-druid", namespace: "Druid", region: "us-east-1", clusterDimension: "Cluster", serviceDimension: "Service")

    /// Runs a program to its end and returns what it wrote.
    static func run(_ executable: String, _ arguments: [String]) async throws -> String {
        let child = try ChildProcess(executable: executable, arguments: arguments)
        let output = await child.readToEnd()
        child.stop()
        return String(decoding: output, as: UTF8.self)
    }

    /// 30 one-minute points for two instances on every series a search of the dashboard
    /// looks for.
    static func publishData(for dashboard: Dashboard, to cloudWatch: CloudWatchClient, end: Date) async throws -> Set<String> {
        var published: Set<String> = []
        for widget in dashboard.body.widgets {
            guard case let .metric(metric) = widget.content else { continue }
            for case let .search(_, search, _, _, _, _) in PreviewQuery.queries(of: metric, defaultPeriod: 60).queries where !published.contains(search.metricName + "\(search.dimensions)") {
                published.insert(search.metricName + "\(search.dimensions)")
                let datums = (0..<30).flatMap { minute in
                    ["i-0a", "i-0b"].enumerated().map { instance, id in
                        MetricDatum(
                            metricName: search.metricName, dimensions: search.dimensions + [MetricDimension("InstanceId", id)],
                            timestamp: end.addingTimeInterval(Double(minute - 30) * 60),
                            value: .single(Double(10 + instance * 5) + Double(minute % 7)), unit: .none
                        )
                    }
                }
                try await cloudWatch.putMetricData(namespace: search.namespace, datums: datums)
            }
        }
        return published
    }

    @Test(.enabled(if: chromium != nil, "chromium is not installed (make test-packages installs it)"))
    func theOverviewIsDrawnInABrowser() async throws {
        let overview = DruidDashboards.build(.overview, Self.parameters)
        let directory = try TemporaryDirectory()
        try await MotoServer.with { moto in
            let cloudWatch = CloudWatchClient(http: CurlHTTPClient(), credentials: Self.credentials, region: "us-east-1", endpointOverride: moto.endpoint)
            let end = Date()
            _ = try await Self.publishData(for: overview, to: cloudWatch, end: end)
            let range = end.addingTimeInterval(-1800)...end
            let data = await DashboardPreviewReader(cloudWatch: cloudWatch).read(overview, range: range)

            // The reader: every graph got lines, with points unless its statistic is a percentile.
            let graphs = overview.body.widgets.indices.filter { if case .metric = overview.body.widgets[$0].content { true } else { false } }
            #expect(Set(data.keys) == Set(graphs))
            var expectLines: Set<Int> = []
            for index in graphs {
                guard case let .metric(metric) = overview.body.widgets[index].content else { continue }
                let stats = PreviewQuery.queries(of: metric, defaultPeriod: 60).queries.compactMap { query -> String? in
                    if case let .search(_, _, stat, _, _, _) = query { return stat } else { return nil }
                }
                let widgetData = try #require(data[index])
                if stats.contains(where: { !$0.hasPrefix("p") }) {
                    expectLines.insert(index)
                    #expect(widgetData.lines.contains { $0.points.count >= 20 }, "\(metric.title ?? "?"): \(widgetData)")
                } else {
                    #expect(widgetData.notes.contains { $0.contains("GetMetricData failed") }, "\(metric.title ?? "?"): \(widgetData.notes)")
                }
            }
            #expect(expectLines.count >= 10)

            // The page, drawn by Chromium.
            let page = directory.url.appendingPathComponent("overview.html")
            try DashboardPreviewPage.render(overview, data: data, range: range).write(to: page, atomically: true, encoding: .utf8)
            let frames = overview.body.widgets.map(DashboardPreviewPage.frame(of:))
            let height = Int(frames.map { $0.y + $0.height }.max() ?? 800) + 20
            let screenshot = directory.url.appendingPathComponent("overview.png")
            let browserOutput = try await Self.run(try #require(Self.chromium), [
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--window-size=\(Int(24 * DashboardPreviewPage.columnWidth)),\(height)", "--screenshot=\(screenshot.path)", page.absoluteString,
            ])
            #expect(FileManager.default.fileExists(atPath: screenshot.path), "\(browserOutput)")

            let regions: [[String: Any]] = frames.enumerated().map { index, frame in
                // Inside the box, clear of its border.
                ["id": "w\(index)", "x": frame.x + 8, "y": frame.y + 8, "width": frame.width - 16, "height": frame.height - 16]
            }
            let spec = try JSONSerialization.data(withJSONObject: ["palette": SVGLineChart.palette, "regions": regions])
            let specFile = directory.url.appendingPathComponent("regions.json")
            try spec.write(to: specFile)
            let python = try #require(ProcessInfo.processInfo.environment["DRUIDWATCH_TEST_PYTHON"], "DRUIDWATCH_TEST_PYTHON names the venv's python (with Pillow)")
            let analysis = try await Self.run(python, [Fixtures.repositoryRoot.appendingPathComponent("Tests/Tools/screenshot_regions.py").path, screenshot.path, specFile.path])
            let json = try #require(analysis.split(separator: "\n").last { $0.hasPrefix("{") }, "\(analysis)")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let counts = try #require(result["regions"] as? [String: [String: Int]])
            for (index, widget) in overview.body.widgets.enumerated() {
                let count = try #require(counts["w\(index)"])
                #expect((count["drawn"] ?? 0) > 200, "\(widget.displayName) is blank: \(count)")
                if expectLines.contains(index) {
                    #expect((count["palette"] ?? 0) > 100, "\(widget.displayName) shows no line: \(count)")
                }
            }
        }
    }
}
