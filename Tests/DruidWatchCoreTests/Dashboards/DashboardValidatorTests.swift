import DruidWatchCore
import Foundation
import Testing

/// One test per limit of reference §2 that the validator enforces: each breaks exactly
/// that limit on an otherwise valid dashboard and expects the problem to name the
/// dashboard and the widget or variable.
@Suite struct DashboardValidatorTests {
    static let name = "druid-test-overview"

    static func graph(_ title: String = "g", _ rows: [DashboardMetric] = [row()], stat: String? = nil, period: Int? = 60, view: MetricWidget.View = .timeSeries, annotations: MetricAnnotations? = nil) -> WidgetContent {
        .metric(MetricWidget(title: title, region: "us-east-1", metrics: rows, view: view, stat: stat, period: period, annotations: annotations))
    }

    static func row(_ name: String = "query/time", options: DashboardMetric.RenderingOptions = .init()) -> DashboardMetric {
        .metric(namespace: "Druid", name: name, dimensions: [MetricDimension("Cluster", "c")], options: options)
    }

    static func dashboard(_ widgets: [DashboardWidget], variables: [DashboardVariable] = [], start: String? = "-PT3H", name: String = name) -> Dashboard {
        Dashboard(name: name, fileName: "t", body: DashboardBody(widgets: widgets, variables: variables, start: start))
    }

    static func widget(_ content: WidgetContent = graph(), x: Int = 0, y: Int = 0, width: Int = 6, height: Int = 6) -> DashboardWidget {
        DashboardWidget(x: x, y: y, width: width, height: height, content: content)
    }

    static func messages(_ dashboard: Dashboard) -> [String] {
        DashboardValidator.problems(in: dashboard).map(\.description)
    }

    /// Exactly one problem, naming the dashboard, containing `fragment`.
    static func expectOne(_ dashboard: Dashboard, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let found = messages(dashboard)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.hasPrefix("dashboard \(dashboard.name)") == true, "\(found)", sourceLocation: sourceLocation)
        #expect(found.first?.contains(fragment) == true, "\(found)", sourceLocation: sourceLocation)
    }

    @Test func aValidDashboardHasNoProblems() {
        #expect(Self.messages(Self.dashboard([Self.widget(), Self.widget(Self.graph("h"), x: 6)])) == [])
    }

    @Test func widgetCountIsAtMost500() {
        let widgets = (0..<501).map { Self.widget(.text(TextWidget(markdown: "t")), x: 0, y: $0, width: 1, height: 1) }
        Self.expectOne(Self.dashboard(widgets), "501 widgets; a dashboard holds at most 500")
        #expect(Self.messages(Self.dashboard(Array(widgets.prefix(500)))) == [])
    }

    @Test func metricsPerWidgetAreAtMost500() {
        let rows = (0..<501).map { Self.row("m\($0)") }
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("big", rows))]), "widget \"big\": 501 metrics and expressions; a widget holds at most 500")
    }

    @Test func metricsPerDashboardAreAtMost2500() {
        let rows = (0..<500).map { Self.row("m\($0)") }
        let widgets = (0..<6).map { Self.widget(Self.graph("g\($0)", rows), x: 0, y: $0 * 6, width: 24) }
        Self.expectOne(Self.dashboard(widgets), "3000 metrics and expressions; a dashboard holds at most 2500")
        #expect(Self.messages(Self.dashboard(Array(widgets.prefix(5)))) == [])
    }

    @Test(arguments: [
        (-1, 0, 6, 6, "x -1 is outside the grid's columns 0-23"),
        (24, 0, 1, 6, "x 24 is outside the grid's columns 0-23"),
        (0, -1, 6, 6, "y -1 is negative"),
        (0, 0, 0, 6, "width 0 is not 1-24"),
        (0, 0, 6, 1001, "height 1001 is not 1-1000"),
        (0, 0, 6, 0, "height 0 is not 1-1000"),
        (20, 0, 6, 6, "x 20 + width 6 runs past the grid's 24 columns"),
    ])
    func gridBounds(x: Int, y: Int, width: Int, height: Int, message: String) {
        let found = Self.messages(Self.dashboard([Self.widget(x: x, y: y, width: width, height: height)]))
        #expect(found.contains("dashboard \(Self.name), widget \"g\": \(message)"), "\(found)")
    }

    @Test func widgetsMustNotOverlap() {
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("a")), Self.widget(Self.graph("b"), x: 3, y: 3)]), "widget \"a\": overlaps widget \"b\"")
    }

    @Test func searchQueryIsAtMost1024Characters() {
        func search(_ length: Int) -> DashboardMetric {
            .expression("SEARCH('\(String(repeating: "a", count: length))', 'Average', 60)", options: .init(id: "s1"))
        }
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("s", [search(1025)]))]), "the SEARCH query is 1025 characters; at most 1024")
        #expect(Self.messages(Self.dashboard([Self.widget(Self.graph("s", [search(1024)]))])) == [])
    }

    @Test func searchesPerGraphAreAtMost100() {
        let rows = (0..<101).map { DashboardMetric.expression("SEARCH('MetricName=\"m\"', 'Sum', 60)", options: .init(id: "s\($0)")) }
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("many", rows))]), "101 SEARCH expressions; a graph holds at most 100")
    }

    @Test func repetitionShorthandNeedsAValueAbove() {
        let first = DashboardMetric.metric(namespace: ".", name: "m", dimensions: [])
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("r", [first]))]), "row 1: \".\" at position 1 has no value above it to repeat")

        let longer = DashboardMetric.metric(namespace: ".", name: ".", dimensions: [MetricDimension(".", ".")])
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("r", [Self.row(), longer, .metric(namespace: ".", name: ".", dimensions: [MetricDimension(".", "x"), MetricDimension(".", "y")])]))]), "row 3: \".\" at position 5 has no value above it to repeat")

        let afterExpression: [DashboardMetric] = [.expression("SUM(METRICS())", options: .init(id: "e1")), .metric(namespace: ".", name: "m", dimensions: [])]
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("r", afterExpression))]), "row 2: \".\" at position 1")
        #expect(Self.messages(Self.dashboard([Self.widget(Self.graph("r", [Self.row(), longer]))])) == [])
    }

    @Test func rowIdsStartLowercaseAndAreUnique() {
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("i", [Self.row(options: .init(id: "E1"))]))]), "id E1 must start with a lowercase letter")
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("i", [Self.row(options: .init(id: "m1")), Self.row("x", options: .init(id: "m1"))]))]), "row 2: id m1 is used twice")
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("i", [.expression("SUM(METRICS())", options: .init())]))]), "an expression needs an id")
    }

    @Test func colorsAreSixHexDigits() {
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("c", [Self.row(options: .init(color: "#12345"))]))]), "color #12345 is not #RRGGBB")
        let line = HorizontalAnnotation(value: 5, label: "limit", color: "red")
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("c", annotations: MetricAnnotations(horizontal: [line])))]), "annotation color red is not #RRGGBB")
    }

    @Test func statisticsAndPeriods() {
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("p", stat: "Median"))]), "stat Median is not")
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("p", period: 90))]), "period 90 is not a positive multiple of 60")
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("p", [Self.row(options: .init(stat: "p101"))]))]), "row 1: stat p101 is not")
        #expect(Self.messages(Self.dashboard([Self.widget(Self.graph("p", stat: "p99.9", period: 300))])) == [])
    }

    @Test func gaugeNeedsAxisBounds() {
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("gauge", view: .gauge))]), "a gauge needs yAxis.left.min and yAxis.left.max")
    }

    @Test func alarmAnnotationIsExclusive() {
        let alarm = MetricAnnotations(alarms: ["arn:aws:cloudwatch:us-east-1:1:alarm:a"])
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("a", annotations: alarm))]), "an alarm annotation excludes metrics")
        #expect(Self.messages(Self.dashboard([Self.widget(Self.graph("a", [], annotations: alarm))])) == [])
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("a", []))]), "a metric widget needs metrics unless it shows an alarm")
        let two = MetricAnnotations(alarms: ["arn:1", "arn:2"])
        Self.expectOne(Self.dashboard([Self.widget(Self.graph("a", [], annotations: two))]), "an alarm annotation names at most one alarm")
    }

    @Test func alarmStatusWidgetShows1To100Alarms() {
        let none = WidgetContent.alarmStatus(AlarmStatusWidget(alarms: [], title: "alarms"))
        Self.expectOne(Self.dashboard([Self.widget(none)]), "widget \"alarms\": an alarm status widget shows 1-100 alarms, not 0")
        let many = WidgetContent.alarmStatus(AlarmStatusWidget(alarms: (0..<101).map { "arn:\($0)" }, title: "alarms"))
        Self.expectOne(Self.dashboard([Self.widget(many)]), "not 101")
    }

    @Test func textWidgetNeedsMarkdown() {
        Self.expectOne(Self.dashboard([Self.widget(.text(TextWidget(markdown: "")))]), "widget text widget at x=0 y=0: a text widget needs markdown")
    }

    @Test func dashboardNameCharactersAndLength() {
        Self.expectOne(Self.dashboard([], name: "druid/prod"), "the name must be 1 to 255 characters")
        Self.expectOne(Self.dashboard([], name: String(repeating: "a", count: 256)), "the name must be 1 to 255 characters")
    }

    @Test func startIsRelativeOrISO8601() {
        for start in ["-PT5M", "-PT8H", "-P3D", "-P1W", "-P3M", "2026-01-01T00:00:00Z"] {
            #expect(Self.messages(Self.dashboard([], start: start)) == [], "\(start)")
        }
        for start in ["-P5H", "-PT3D", "yesterday", "-PTH"] {
            Self.expectOne(Self.dashboard([], start: start), "start \(start) is neither relative")
        }
    }

    @Test func variablesAreAtMost25AndWellFormed() {
        let variables = (0..<26).map { DashboardVariable(kind: .property("region"), inputType: .input, id: "v\($0)") }
        Self.expectOne(Self.dashboard([], variables: variables), "26 variables; a dashboard holds at most 25")

        func one(_ variable: DashboardVariable, _ fragment: String) {
            Self.expectOne(Self.dashboard([], variables: [variable]), fragment)
        }
        one(DashboardVariable(kind: .property("region"), inputType: .input, id: String(repeating: "a", count: 33)), "the id must be 1 to 32 characters")
        one(DashboardVariable(kind: .property("region"), inputType: .input, id: "a b"), "the id must be 1 to 32 characters")
        one(DashboardVariable(kind: .property("region"), inputType: .input, id: "r", label: String(repeating: "l", count: 31)), "the label is 31 characters; at most 30")
        one(DashboardVariable(kind: .property("region"), inputType: .input, id: "r", defaultValue: String(repeating: "v", count: 256)), "the default value is 256 characters; at most 255")
        one(DashboardVariable(kind: .property("region"), inputType: .select, id: "r", values: []), "0 values; 1-500 are allowed")
        one(DashboardVariable(kind: .property("region"), inputType: .select, id: "r", values: (0...500).map { .init(value: "v\($0)") }), "501 values; 1-500 are allowed")
        one(DashboardVariable(kind: .property("region"), inputType: .select, id: "r", values: [.init(value: String(repeating: "v", count: 256))]), "longer than 255 characters")
        one(DashboardVariable(kind: .property("region"), inputType: .radio, id: "r"), "a radio variable needs values or a search")
        one(DashboardVariable(kind: .property("InstanceId"), inputType: .select, id: "r", search: String(repeating: "s", count: 2049), populateFrom: "InstanceId"), "the search is 2049 characters; at most 2048")
        one(DashboardVariable(kind: .property("InstanceId"), inputType: .select, id: "r", search: "{AWS/EC2,InstanceId} MetricName=\"CPUUtilization\""), "a search variable needs populateFrom")
        one(DashboardVariable(kind: .pattern(""), inputType: .input, id: "r"), "a pattern variable needs a pattern")
        Self.expectOne(Self.dashboard([], variables: [DashboardVariable(kind: .property("region"), inputType: .input, id: "r"), DashboardVariable(kind: .pattern("x"), inputType: .input, id: "r")]), "two variables have this id")
    }

    @Test func checkThrowsEveryProblemAndDuplicateNames() {
        let bad = Self.dashboard([Self.widget(width: 30)])
        #expect(throws: DashboardValidationError.self) { try DashboardValidator.check([bad]) }
        do {
            try DashboardValidator.check([Self.dashboard([]), Self.dashboard([])])
            Issue.record("two dashboards of one name passed")
        } catch {
            #expect(error.description == "dashboard \(Self.name): two dashboards have this name")
        }
    }

    @Test func parametersThatWouldBreakSearchesAreRefused() {
        #expect(throws: DashboardValidationError.self) { try RenderedDashboard.all(DashboardParameters(cluster: "it's")) }
        #expect(throws: DashboardValidationError.self) { try RenderedDashboard.all(DashboardParameters(cluster: "c", region: "")) }
    }
}
