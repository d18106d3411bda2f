import Foundation

/// Checks dashboards against every limit of reference §2 that the types do not already
/// rule out (enumerations cover `view`, `fill`, `yAxis`, `sortBy`, `states`,
/// `inputType`, `periodOverride` and the widget types), before anything is written or
/// published: CloudWatch refuses some of these only at PutDashboard, draws others
/// wrongly without a word, and the local emulator checks none of them.
public enum DashboardValidator {
    /// Throws every problem of every dashboard at once.
    public static func check(_ dashboards: [Dashboard]) throws(DashboardValidationError) {
        var problems = dashboards.flatMap(problems(in:))
        var seen: Set<String> = []
        for dashboard in dashboards where !seen.insert(dashboard.name).inserted {
            problems.append(DashboardProblem(dashboard: dashboard.name, message: "two dashboards have this name"))
        }
        if !problems.isEmpty { throw DashboardValidationError(problems: problems) }
    }

    public static func problems(in dashboard: Dashboard) -> [DashboardProblem] {
        var found: [DashboardProblem] = []
        func problem(_ message: String, _ widget: String? = nil) {
            found.append(DashboardProblem(dashboard: dashboard.name, widget: widget, message: message))
        }
        let body = dashboard.body
        if dashboard.name.isEmpty || dashboard.name.count > DashboardLimits.dashboardNameLength || !dashboard.name.allSatisfy(isNameCharacter) {
            problem("the name must be 1 to \(DashboardLimits.dashboardNameLength) characters of A-Z, a-z, 0-9, _ and -")
        }
        if body.widgets.count > DashboardLimits.widgetsPerDashboard {
            problem("\(body.widgets.count) widgets; a dashboard holds at most \(DashboardLimits.widgetsPerDashboard)")
        }
        if body.variables.count > DashboardLimits.variablesPerDashboard {
            problem("\(body.variables.count) variables; a dashboard holds at most \(DashboardLimits.variablesPerDashboard)")
        }
        let metricCount = body.widgets.reduce(0) { total, widget in
            if case let .metric(metric) = widget.content { return total + metric.metrics.count }
            return total
        }
        if metricCount > DashboardLimits.metricsPerDashboard {
            problem("\(metricCount) metrics and expressions; a dashboard holds at most \(DashboardLimits.metricsPerDashboard)")
        }
        if let start = body.start, !isTimeRangeStart(start) {
            problem("start \(start) is neither relative (-PT5M, -PT8H, -P3D, -P1W, -P3M) nor an ISO 8601 time")
        }
        for widget in body.widgets {
            for message in gridProblems(widget) + contentProblems(widget.content) { problem(message, "widget \(widget.displayName)") }
        }
        for (index, first) in body.widgets.enumerated() {
            for second in body.widgets[(index + 1)...] where overlap(first, second) {
                problem("overlaps widget \(second.displayName)", "widget \(first.displayName)")
            }
        }
        var variableIds: Set<String> = []
        for variable in body.variables {
            for message in variableProblems(variable) { problem(message, "variable \(variable.id)") }
            if !variableIds.insert(variable.id).inserted { problem("two variables have this id", "variable \(variable.id)") }
        }
        return found
    }

    static func gridProblems(_ widget: DashboardWidget) -> [String] {
        var problems: [String] = []
        if !(0..<DashboardLimits.gridColumns).contains(widget.x) { problems.append("x \(widget.x) is outside the grid's columns 0-23") }
        if widget.y < 0 { problems.append("y \(widget.y) is negative") }
        if !DashboardLimits.widgetWidth.contains(widget.width) { problems.append("width \(widget.width) is not 1-24") }
        if !DashboardLimits.widgetHeight.contains(widget.height) { problems.append("height \(widget.height) is not 1-1000") }
        if widget.x + widget.width > DashboardLimits.gridColumns {
            problems.append("x \(widget.x) + width \(widget.width) runs past the grid's 24 columns")
        }
        return problems
    }

    static func overlap(_ a: DashboardWidget, _ b: DashboardWidget) -> Bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    static func contentProblems(_ content: WidgetContent) -> [String] {
        switch content {
        case let .metric(widget): metricWidgetProblems(widget)
        case let .text(widget): widget.markdown.isEmpty ? ["a text widget needs markdown"] : []
        case let .alarmStatus(widget):
            DashboardLimits.alarmsPerAlarmWidget.contains(widget.alarms.count)
                ? [] : ["an alarm status widget shows 1-100 alarms, not \(widget.alarms.count)"]
        }
    }

    static func metricWidgetProblems(_ widget: MetricWidget) -> [String] {
        var problems: [String] = []
        if widget.region.isEmpty { problems.append("a metric widget needs a region") }
        if widget.metrics.count > DashboardLimits.metricsPerWidget {
            problems.append("\(widget.metrics.count) metrics and expressions; a widget holds at most \(DashboardLimits.metricsPerWidget)")
        }
        let alarms = widget.annotations?.alarms ?? []
        if alarms.count > DashboardLimits.alarmsPerAnnotation { problems.append("an alarm annotation names at most one alarm, not \(alarms.count)") }
        if !alarms.isEmpty, !widget.metrics.isEmpty { problems.append("an alarm annotation excludes metrics") }
        if !alarms.isEmpty, !(widget.annotations?.horizontal ?? []).isEmpty { problems.append("an alarm annotation excludes horizontal annotations") }
        if alarms.isEmpty, widget.metrics.isEmpty { problems.append("a metric widget needs metrics unless it shows an alarm") }
        if let stat = widget.stat, !isStatistic(stat) { problems.append("stat \(stat) is not SampleCount, Average, Sum, Minimum, Maximum or pNN") }
        if let period = widget.period, !isPeriod(period) { problems.append("period \(period) is not a positive multiple of 60 seconds") }
        if widget.view == .gauge, widget.yAxis?.left?.min == nil || widget.yAxis?.left?.max == nil {
            problems.append("a gauge needs yAxis.left.min and yAxis.left.max")
        }
        for annotation in widget.annotations?.horizontal ?? [] {
            if !annotation.value.isFinite { problems.append("annotation \(annotation.label ?? "") has no finite value") }
            if let color = annotation.color, !isColor(color) { problems.append("annotation color \(color) is not #RRGGBB") }
        }
        problems += rowProblems(widget.metrics)
        let searches = widget.metrics.compactMap(\.expression).reduce(0) { $0 + MetricSearch.count(in: $1) }
        if searches > DashboardLimits.searchesPerGraph {
            problems.append("\(searches) SEARCH expressions; a graph holds at most \(DashboardLimits.searchesPerGraph)")
        }
        return problems
    }

    /// Ids, colours, statistics, periods, SEARCH lengths and the `"."` shorthand of each row.
    static func rowProblems(_ rows: [DashboardMetric]) -> [String] {
        var problems: [String] = []
        var ids: Set<String> = []
        var previous: [String] = []
        for (index, row) in rows.enumerated() {
            let name = "row \(index + 1)"
            let options = row.options
            if let id = options.id {
                if !(id.first.map { $0.isLowercase && $0.isASCII } ?? false) || !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
                    problems.append("\(name): id \(id) must start with a lowercase letter and hold only letters, digits and _")
                }
                if !ids.insert(id).inserted { problems.append("\(name): id \(id) is used twice") }
            }
            if let color = options.color, !isColor(color) { problems.append("\(name): color \(color) is not #RRGGBB") }
            if let stat = options.stat, !isStatistic(stat) { problems.append("\(name): stat \(stat) is not SampleCount, Average, Sum, Minimum, Maximum or pNN") }
            if let period = options.period, !isPeriod(period) { problems.append("\(name): period \(period) is not a positive multiple of 60 seconds") }
            switch row {
            case let .expression(text, _):
                if text.isEmpty { problems.append("\(name): the expression is empty") }
                if options.id == nil { problems.append("\(name): an expression needs an id") }
                if let query = MetricSearch.query(in: text), query.count > DashboardLimits.searchQueryLength {
                    problems.append("\(name): the SEARCH query is \(query.count) characters; at most \(DashboardLimits.searchQueryLength)")
                }
                previous = []
            case .metric:
                let values = row.positionalValues
                if values.count < 2 || values.count % 2 != 0 {
                    problems.append("\(name): a metric row is namespace, metric name, then dimension name and value pairs")
                }
                var resolved: [String] = []
                for (position, value) in values.enumerated() {
                    if value == DashboardMetric.repeated {
                        if position < previous.count {
                            resolved.append(previous[position])
                        } else {
                            problems.append("\(name): \".\" at position \(position + 1) has no value above it to repeat")
                            resolved.append(value)
                        }
                    } else {
                        if value.isEmpty { problems.append("\(name): position \(position + 1) is empty") }
                        resolved.append(value)
                    }
                }
                previous = resolved
            }
        }
        return problems
    }

    static func variableProblems(_ variable: DashboardVariable) -> [String] {
        var problems: [String] = []
        if variable.id.isEmpty || variable.id.count > DashboardLimits.variableIdLength
            || !variable.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            problems.append("the id must be 1 to \(DashboardLimits.variableIdLength) characters of 0-9, A-Z, a-z, _ and -")
        }
        switch variable.kind {
        case let .property(target) where target.isEmpty: problems.append("a property variable needs a property")
        case let .pattern(target) where target.isEmpty: problems.append("a pattern variable needs a pattern")
        default: break
        }
        if let label = variable.label, label.count > DashboardLimits.variableLabelLength {
            problems.append("the label is \(label.count) characters; at most \(DashboardLimits.variableLabelLength)")
        }
        if let value = variable.defaultValue, value.count > DashboardLimits.variableValueLength {
            problems.append("the default value is \(value.count) characters; at most \(DashboardLimits.variableValueLength)")
        }
        if let search = variable.search {
            if search.count > DashboardLimits.variableSearchLength {
                problems.append("the search is \(search.count) characters; at most \(DashboardLimits.variableSearchLength)")
            }
            if variable.populateFrom?.isEmpty ?? true { problems.append("a search variable needs populateFrom") }
        } else if let values = variable.values {
            if !DashboardLimits.variableChoices.contains(values.count) { problems.append("\(values.count) values; 1-500 are allowed") }
            for choice in values where choice.value.count > DashboardLimits.variableValueLength || (choice.label?.count ?? 0) > DashboardLimits.variableValueLength {
                problems.append("value \(choice.value.prefix(40)) is longer than \(DashboardLimits.variableValueLength) characters")
            }
        } else if variable.inputType != .input {
            problems.append("a \(variable.inputType.rawValue) variable needs values or a search")
        }
        return problems
    }

    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == "-")
    }

    static func isStatistic(_ stat: String) -> Bool {
        if ["SampleCount", "Average", "Sum", "Minimum", "Maximum"].contains(stat) { return true }
        guard stat.first == "p", let percentile = Double(stat.dropFirst()), !stat.dropFirst().hasPrefix("-") else { return false }
        return percentile >= 0 && percentile <= 100
    }

    static func isPeriod(_ seconds: Int) -> Bool {
        seconds >= DashboardLimits.periodStep && seconds % DashboardLimits.periodStep == 0
    }

    static func isColor(_ color: String) -> Bool {
        color.count == 7 && color.first == "#" && color.dropFirst().allSatisfy(\.isHexDigit)
    }

    /// `-PT<n>M`, `-PT<n>H`, `-P<n>D`, `-P<n>W`, `-P<n>M`, or an absolute ISO 8601 time.
    static func isTimeRangeStart(_ start: String) -> Bool {
        for (prefix, units) in [("-PT", "MH"), ("-P", "DWM")] where start.hasPrefix(prefix) {
            let rest = start.dropFirst(prefix.count)
            if let unit = rest.last, units.contains(unit), rest.dropLast().count > 0, rest.dropLast().allSatisfy(\.isASCII), Int(rest.dropLast()).map({ $0 > 0 }) == true {
                return true
            }
        }
        return (try? Date(start, strategy: Date.ISO8601FormatStyle())) != nil
    }
}
