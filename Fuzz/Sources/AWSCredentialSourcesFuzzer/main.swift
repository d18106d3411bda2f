import DruidWatchAWS
import LibFuzzerDriver

// Where credentials come from besides the environment: the shared `~/.aws/config` and
// `~/.aws/credentials` files (the SDKs' INI dialect) and the instance-role document the
// metadata service answers.
LibFuzzer.run { body in
    let text = String(decoding: body, as: UTF8.self)
    _ = try? SharedConfigFile.parse(text, kind: .config, path: "config")
    _ = try? SharedConfigFile.parse(text, kind: .credentials, path: "credentials")
    _ = try? InstanceRoleCredentialDocument.parse(text, role: "druid-agent")
}
