import DruidWatchConfig
import LibFuzzerDriver

// Rule files and their test files (`druidwatch alarms test`).
LibFuzzer.run { body in
    let yaml = String(decoding: body, as: UTF8.self)
    _ = AlarmRuleFileParser.parse(yaml: yaml, file: "rules.yaml")
    _ = try? AlarmRuleTestFileParser.parse(yaml: yaml, file: "rules.test.yaml")
}
