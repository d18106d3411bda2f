import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import Foundation

/// What a configuration would cost in CloudWatch a month on a fleet, before it runs.
struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Estimate the CloudWatch custom metrics, PutMetricData requests and monthly bill a configuration produces.",
        discussion: """
        Counts the distinct custom metrics (metric name and dimension values) the agent \
        would publish on every tier of the fleet, from the metric catalog, the \
        configuration's sources, dimensions, rollups and high-resolution metrics, and the \
        assumed cardinalities of its cost section; then the PutMetricData requests and \
        the monthly cost at the cost section's list prices (us-east-1's by default).
        """
    )

    @Option(name: .shortAndLong, help: "The YAML configuration file.")
    var config: String = "/etc/druidwatch/agent.yaml"

    @Option(help: ArgumentHelp("Instances per tier, replacing the configuration's cost.nodes.", valueName: "master=N,data=N,query=N,zookeeper=N"))
    var nodes: String?

    @Option(help: ArgumentHelp("dataSources in the cluster, replacing cost.cardinalities.data_sources.", valueName: "N"))
    var dataSources: Int?

    @Flag(help: "Print the estimate as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Estimate the alarm evaluator's API cost for the rules of this directory instead, beside native CloudWatch alarms.", valueName: "DIR"))
    var rules: String?

    @Option(help: ArgumentHelp("With --rules: the evaluator's discovery_interval in seconds.", valueName: "SECONDS"))
    var discoveryInterval: Int = 900

    @Option(help: ArgumentHelp("With --rules: what ${cluster} becomes in the rules.", valueName: "NAME"))
    var cluster: String = "prod-druid"

    @Flag(help: "With --rules: the agents feed the evaluator directly (direct_feed), so only AWS service metrics are read with GetMetricData.")
    var directFeed = false

    func validate() throws {
        if let nodes { _ = try Self.parseNodes(nodes) }
        if let dataSources, dataSources < 1 || dataSources > 10_000_000 {
            throw ValidationError("--data-sources must be a whole number from 1 to 10000000")
        }
        if discoveryInterval < 1 { throw ValidationError("--discovery-interval must be at least 1 second") }
        if json, rules != nil { throw ValidationError("--json is not available with --rules") }
    }

    /// `master=3,data=10`: the tiers named are replaced, the others kept.
    static func parseNodes(_ text: String) throws -> [ClusterTier: Int] {
        var nodes: [ClusterTier: Int] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let tierNames = ClusterTier.allCases.map(\.rawValue).joined(separator: ", ")
            guard pair.count == 2, let tier = ClusterTier(rawValue: pair[0].trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--nodes: '\(part)' is not TIER=N; tiers: \(tierNames)")
            }
            guard let count = Int(pair[1].trimmingCharacters(in: .whitespaces)), count >= 0, count <= 100_000 else {
                throw ValidationError("--nodes: '\(part)': the number of instances must be a whole number from 0 to 100000")
            }
            guard nodes.updateValue(count, forKey: tier) == nil else {
                throw ValidationError("--nodes: \(tier.rawValue) is given twice")
            }
        }
        return nodes
    }

    func run() throws {
        if let rules { return try runRules(rules) }
        let settings = try loadConfigurationOrExit(config)
        var fleet = settings.cost.fleet
        if let nodes { fleet.nodes.merge(try Self.parseNodes(nodes)) { $1 } }
        var cardinalities = settings.cost.cardinalities
        if let dataSources { cardinalities.dataSources = dataSources }
        let estimate = CostEstimator.estimate(settings.costModel(fleet: fleet, cardinalities: cardinalities))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(estimate), as: UTF8.self))
        } else {
            print(CostReport.render(estimate, fleet: fleet, prices: settings.cost.prices))
        }
    }

    /// The fleet and prices come from the configuration's cost section when the file
    /// exists (the default path need not on a laptop), else the defaults; --nodes and
    /// --data-sources replace them.
    private func runRules(_ directory: String) throws {
        let agent = FileManager.default.fileExists(atPath: config) ? try loadConfigurationOrExit(config) : nil
        let cost = agent?.cost ?? CostConfig()
        var layout = cost.fleet
        if let nodes { layout.nodes.merge(try Self.parseNodes(nodes)) { $1 } }
        var cardinalities = cost.cardinalities
        if let dataSources { cardinalities.dataSources = dataSources }
        let ruleSet = try loadAlarmRules(directory: directory, variables: AlarmRuleVariables(cluster: cluster), command: "cost", checkRunbooks: false)
        let fleet = AlarmSeriesFleet(layout: layout, cardinalities: cardinalities)
        let estimate = EvaluatorCostEstimate.estimate(rules: ruleSet, series: fleet.series(for:), prices: cost.prices,
                                                      discoveryIntervalSeconds: discoveryInterval,
                                                      directFeedNamespace: directFeed ? (agent?.namespace ?? "Druid") : nil)
        print(EvaluatorCostReport.render(estimate, fleet: fleet, prices: cost.prices, discoveryIntervalSeconds: discoveryInterval))
    }
}
