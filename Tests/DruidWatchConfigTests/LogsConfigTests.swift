import DruidWatchConfig
import Testing

@Suite struct LogsConfigTests {
    @Test func nothingIsShippedWithoutTheSection() throws {
        #expect(try AgentConfigLoader.parse(yaml: "cluster: prod\n", file: "agent.yaml").logs.enabled == false)
    }

    @Test func everyKeyReachesTheConfiguration() throws {
        let config = try AgentConfigLoader.parse(yaml: """
        logs:
          files:
            - path: /var/log/druid/*.log
            - path: /opt/druid/var/sv/broker.log
              service: broker
              multiline_start: '\\[\\d+\\]'
              start_at: beginning
            - path: /var/log/zk/*.out
              multiline_start: every_line
          group: /druid/{cluster}/{service}/{auto_scaling_group}
          stream: "{host}"
          retention_days: never
          alerts: {enabled: false, group: /druid/alerts, stream: "{instance_id}-alerts"}
          flush_interval: 2s
          multiline_timeout: 10s
          state_directory: /data/druidwatch/logs
          spool_max_bytes: 2097152
          timezone: Europe/Berlin
        """, file: "agent.yaml")
        let logs = config.logs
        #expect(logs.enabled)
        #expect(logs.files == [
            LogsConfig.File(path: "/var/log/druid/*.log"),
            LogsConfig.File(path: "/opt/druid/var/sv/broker.log", service: "broker", multiline: .pattern(#"\[\d+\]"#), startAtBeginning: true),
            LogsConfig.File(path: "/var/log/zk/*.out", multiline: .everyLine),
        ])
        #expect(logs.group == "/druid/{cluster}/{service}/{auto_scaling_group}")
        #expect(logs.stream == "{host}")
        #expect(logs.retentionDays == nil)
        #expect(logs.alerts.enabled == false && logs.alerts.group == "/druid/alerts" && logs.alerts.stream == "{instance_id}-alerts")
        #expect(logs.flushInterval == .seconds(2))
        #expect(logs.multilineTimeout == .seconds(10))
        #expect(logs.stateDirectory == "/data/druidwatch/logs")
        #expect(logs.spoolMaximumBytes == 2_097_152)
        #expect(logs.timeZone == "Europe/Berlin")
    }

    @Test(arguments: [
        ("logs:\n  files:\n    - service: broker\n", "needs path"),
        ("logs:\n  files:\n    - path: var/log/*.log\n", "absolute path"),
        ("logs:\n  files:\n    - path: /x.log\n      multiline_start: '[unclosed'\n", "not a regular expression"),
        ("logs:\n  group: /druid/{clustr}\n", "unknown placeholder {clustr}"),
        ("logs:\n  group: /druid/a b\n", "not allowed in a log group name"),
        ("logs:\n  retention_days: 10\n", "retention periods"),
        ("logs:\n  timezone: Mars/Olympus\n", "unknown time zone"),
        ("logs:\n  alerts: {enabled: false}\n", "ships nothing"),
        ("logs:\n  spool_max_bytes: 1000\n", "at least 1048576"),
    ])
    func mistakesAreNamed(yaml: String, message: String) {
        do {
            _ = try AgentConfigLoader.parse(yaml: yaml, file: "agent.yaml")
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
