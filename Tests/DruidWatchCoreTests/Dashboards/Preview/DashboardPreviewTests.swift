@testable import DruidWatchCore
import Foundation
import Testing

/// The preview's pure parts: reading the graphs' rows back into searches, combining
/// series, the chart's scale, the text widgets' Markdown, and the page's layout.
@Suite struct DashboardPreviewTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func theSearchesTheBuilderWritesAreReadBack() throws {
        let search = MetricSearch(namespace: "AWSSolutions/Druid", metricName: "query/time", dimensions: [MetricDimension("Druid.Cluster", "prod"), MetricDimension("Druid.Service", "druid/broker")])
        let widget = MetricWidget(title: "t", region: "us-east-1", metrics: GraphLine.combined("MAX", search, stat: "p99", label: "p99").rows(index: 1, period: 60), view: .timeSeries)
        let (queries, unsupported) = PreviewQuery.queries(of: widget, defaultPeriod: 60)
        #expect(unsupported.isEmpty)
        #expect(queries == [
            .search(id: "s1", metric: search.metric, stat: "p99", period: 60, visible: false, label: nil),
            .combine(id: "e1", function: .max, source: "s1", label: "p99"),
        ])
    }

    @Test func otherExpressionsAreReportedNotDrawn() {
        let widget = MetricWidget(title: "t", region: "us-east-1", metrics: [
            .expression("ANOMALY_DETECTION_BAND(m1, 2)", options: .init(id: "a1")),
            .expression("SEARCH('{Druid,Cluster} MetricName=\"x\"', 'Sum', 60)", options: .init(id: "s1")),
        ], view: .timeSeries)
        let (queries, unsupported) = PreviewQuery.queries(of: widget, defaultPeriod: 60)
        #expect(queries.isEmpty)
        #expect(unsupported.count == 2)
    }

    @Test func combinationsTakeEveryValueOfATimestamp() {
        let a = PreviewSeries(label: "a", points: [MetricPoint(timestamp: start, value: 1), MetricPoint(timestamp: start + 60, value: 4)])
        let b = PreviewSeries(label: "b", points: [MetricPoint(timestamp: start, value: 3)])
        let lines = PreviewQuery.lines(
            [.search(id: "s1", metric: MetricIdentity(namespace: "N", metricName: "m", dimensions: []), stat: "Sum", period: 60, visible: false, label: nil),
             .combine(id: "e1", function: .sum, source: "s1", label: "total"),
             .combine(id: "e2", function: .average, source: "s1", label: nil)],
            found: ["s1": [a, b]], rightAxis: ["e2"]
        )
        #expect(lines.map(\.label) == ["total", "AVG(s1)"])
        #expect(lines[0].points.map(\.value) == [4, 4])
        #expect(lines[1].points.map(\.value) == [2, 4])
        #expect(lines.map(\.onRightAxis) == [false, true])
    }

    @Test func theChartScalesToRoundTicksAndShowsMissingData() {
        let points = (0..<10).map { MetricPoint(timestamp: start + Double($0) * 60, value: Double($0) * 13) }
        var chart = SVGLineChart(width: 400, height: 200, range: start...(start + 600), series: [PreviewSeries(label: "x", points: points)],
                                 annotations: [HorizontalAnnotation(value: 150, label: "DruidQueryFailureRate")], leftAxis: .init(min: 0))
        let svg = chart.svg
        #expect(svg.contains("<polyline class=\"series\""))
        #expect(svg.contains("class=\"annotation\""))
        #expect(svg.contains(">DruidQueryFailureRate</text>"))
        #expect(svg.contains(">150</text>"), "the scale reaches the annotation with a round tick")
        #expect(!svg.contains("No data available"))

        chart.series = [PreviewSeries(label: "x", points: [])]
        chart.annotations = []
        #expect(chart.svg.contains("No data available"))
    }

    @Test func aFlatLineAtZeroStillHasAnAxis() {
        let chart = SVGLineChart(width: 400, height: 200, range: start...(start + 600), series: [PreviewSeries(label: "x", points: [MetricPoint(timestamp: start, value: 0)])],
                                 annotations: [HorizontalAnnotation(value: 0, label: "at zero")], leftAxis: .init(min: 0))
        let scale = chart.scale(for: chart.series, annotations: chart.annotations, axis: chart.leftAxis)
        #expect(scale.low == 0)
        #expect(scale.high > 0)
        #expect(scale.ticks.count >= 2)
    }

    @Test func aGapInTheDataIsAGapInTheLine() {
        let times = [0.0, 60, 120, 600, 660]
        let segments = SVGLineChart.segments(times.map { MetricPoint(timestamp: start + $0, value: 1) })
        #expect(segments.map(\.count) == [3, 2])
    }

    @Test func markdownIsEscapedAndOnlyWebLinksBecomeAnchors() {
        let page = DashboardPreviewPage.render(
            Dashboard(name: "d<1>", fileName: "d", body: DashboardBody(widgets: [
                DashboardWidget(x: 0, y: 0, width: 24, height: 2, content: .text(TextWidget(markdown: """
                # Title <script>alert(1)</script>
                - **bold** and `code`
                - **[linked](https://example.com/a)** (page)
                [runbook](https://example.com/r?a=1&b=2) [bad](javascript:alert(1))
                """))),
            ], variables: [])),
            data: [:], range: start...(start + 3600)
        )
        #expect(!page.contains("<script>"))
        #expect(page.contains("<h1>Title &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(page.contains("<li><strong>bold</strong> and <code>code</code></li>"))
        #expect(page.contains(#"<li><strong><a href="https://example.com/a">linked</a></strong> (page)</li>"#))
        #expect(page.contains(#"<a href="https://example.com/r?a=1&amp;b=2">runbook</a>"#))
        #expect(!page.contains("href=\"javascript"))
        #expect(page.contains("<title>d&lt;1&gt;</title>"))
    }

    @Test func everyWidgetIsPlacedOnTheGrid() {
        let parameters = DashboardParameters(cluster: "prod-druid", namespace: "Druid", region: "us-east-1", clusterDimension: "Cluster", serviceDimension: "Service")
        let overview = DruidDashboards.build(.overview, parameters)
        let page = DashboardPreviewPage.render(overview, data: [:], range: start...(start + 3600))
        for (index, widget) in overview.body.widgets.enumerated() {
            let frame = DashboardPreviewPage.frame(of: widget)
            #expect(page.contains(#"id="widget-\#(index)" style="left:\#(Int(frame.x))px;top:\#(Int(frame.y))px;width:\#(Int(frame.width))px;height:\#(Int(frame.height))px""#))
            #expect(frame.x + frame.width <= 24 * DashboardPreviewPage.columnWidth)
        }
    }
}

/// What the evaluator sees of the cluster, listed on the overview.
@Suite struct DashboardFleetTests {
    @Test func theOverviewListsTheFleetAndOnlyItsSetsChangeIt() throws {
        let series = (1...25).map { index in
            MetricIdentity(namespace: "Druid", metricName: "query/count", dimensions: [
                MetricDimension("Druid.Service", "druid/broker"), MetricDimension("AutoScalingGroupName", "query"),
                MetricDimension("InstanceId", "i-\(index)"), MetricDimension("dataSource", "ds\(index)"),
            ])
        }
        let fleet = DashboardFleet(series: series, serviceDimension: "Druid.Service")
        #expect(fleet.services == ["druid/broker"])
        #expect(fleet.autoScalingGroups == ["query"])
        #expect(fleet.dataSources.count == 25)
        var parameters = DashboardParameters(cluster: "prod", serviceDimension: "Druid.Service")
        parameters.fleet = fleet
        let text = DruidDashboards.build(.overview, parameters).body.widgets.compactMap { widget -> String? in
            if case let .text(text) = widget.content { text.markdown } else { nil }
        }.joined()
        #expect(text.contains("- **Services (1):** `druid/broker`"))
        #expect(text.contains("- **dataSources (25):** `ds1`, `ds10`"))
        #expect(text.contains(" and 5 more"))
        try DashboardValidator.check([DruidDashboards.build(.overview, parameters)])
    }
}
