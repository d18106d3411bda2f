import DruidWatchConfig
import LibFuzzerDriver

LibFuzzer.run { body in
    let yaml = String(decoding: body, as: UTF8.self)
    _ = try? AgentConfigLoader.parse(yaml: yaml, file: "agent.yaml")
    _ = try? EvaluatorConfigLoader.parse(yaml: yaml, file: "evaluator.yaml")
}
