/// A set of composite alarms, keyed by name, and the order to evaluate them in.
///
/// CloudWatch accepts composite rules that refer to each other in a cycle and then
/// stops evaluating them. This graph finds those cycles up front (so a loader can
/// report them, which the reference's gotchas table asks for), leaves the composites on
/// a cycle out of the evaluation order (their state stays as it was), and orders the
/// rest children first, so one pass sees every child composite's fresh state.
public struct CompositeAlarmGraph: Sendable {
    public let rules: [String: AlarmRule]
    public let cycles: [CompositeAlarmCycle]
    /// Composites not on a cycle, each after every composite it refers to.
    public let evaluationOrder: [String]

    public init(rules: [String: AlarmRule]) {
        self.rules = rules
        let edges = rules.mapValues { rule in
            rule.children.map(\.alarmName).filter { rules[$0] != nil }
        }
        let cycles = Self.findCycles(edges: edges)
        let onCycle = Set(cycles.flatMap(\.members))
        self.cycles = cycles
        self.evaluationOrder = Self.childrenFirst(edges: edges, skipping: onCycle)
    }

    /// Evaluates every composite not on a cycle, in order. `states` holds the current
    /// state of every alarm by name (metric alarms and composites); the result is
    /// `states` with the evaluated composites' new states.
    public func evaluate(states: [String: AlarmState]) -> [String: AlarmState] {
        var states = states
        for name in evaluationOrder {
            guard let rule = rules[name] else { continue }
            states[name] = rule.compositeState { states[$0.alarmName] }
        }
        return states
    }

    /// Tarjan's strongly connected components, visiting names in sorted order so that the
    /// report is the same on every run. A component is a cycle when it has two or more
    /// composites, or one that refers to itself.
    private static func findCycles(edges: [String: [String]]) -> [CompositeAlarmCycle] {
        var index: [String: Int] = [:]
        var lowLink: [String: Int] = [:]
        var stack: [String] = []
        var onStack = Set<String>()
        var components: [[String]] = []

        func connect(_ name: String) {
            index[name] = index.count
            lowLink[name] = index[name]
            stack.append(name)
            onStack.insert(name)
            for next in edges[name] ?? [] {
                if index[next] == nil {
                    connect(next)
                    lowLink[name] = min(lowLink[name]!, lowLink[next]!)
                } else if onStack.contains(next) {
                    lowLink[name] = min(lowLink[name]!, index[next]!)
                }
            }
            guard lowLink[name] == index[name] else { return }
            var component: [String] = []
            while let top = stack.popLast() {
                onStack.remove(top)
                component.append(top)
                if top == name { break }
            }
            components.append(component)
        }

        for name in edges.keys.sorted() where index[name] == nil {
            connect(name)
        }
        return components.compactMap { component -> CompositeAlarmCycle? in
            let members = Set(component)
            guard let start = component.min() else { return nil }
            if members.count == 1, !(edges[start] ?? []).contains(start) { return nil }
            return CompositeAlarmCycle(members: members.sorted(), path: pathBack(to: start, within: members, edges: edges))
        }.sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    /// One way round a cycle from `start` back to it, staying inside its component.
    private static func pathBack(to start: String, within members: Set<String>, edges: [String: [String]]) -> [String] {
        var visited: Set<String> = []
        func walk(_ name: String, _ path: [String]) -> [String]? {
            for next in (edges[name] ?? []).sorted() where members.contains(next) {
                if next == start { return path + [start] }
                if visited.insert(next).inserted, let found = walk(next, path + [next]) { return found }
            }
            return nil
        }
        return walk(start, [start]) ?? [start, start]
    }

    private static func childrenFirst(edges: [String: [String]], skipping onCycle: Set<String>) -> [String] {
        var order: [String] = []
        var placed = Set<String>()
        func place(_ name: String) {
            guard !onCycle.contains(name), placed.insert(name).inserted else { return }
            for child in (edges[name] ?? []).sorted() { place(child) }
            order.append(name)
        }
        for name in edges.keys.sorted() { place(name) }
        return order
    }
}

/// Composite alarms whose rules refer to each other in a loop, as the path round it.
public struct CompositeAlarmCycle: Sendable, Hashable, CustomStringConvertible {
    /// Every composite caught in the loop (a strongly connected component), sorted.
    public let members: [String]
    /// From the alphabetically first composite round to itself: `["a", "b", "a"]`.
    public let path: [String]

    public var description: String {
        "composite alarm rules refer to each other in a cycle: \(path.joined(separator: " -> ")); "
            + "CloudWatch stops evaluating them, so break the cycle (for example by setting one rule to FALSE)"
    }
}
