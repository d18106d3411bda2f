// swift-tools-version:6.1
import PackageDescription

/// One libFuzzer target per parser family. Built only with `Fuzz/run`, which adds
/// `-sanitize=fuzzer,address`; a plain `swift build` here would link no fuzzer.
let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
    ("DruidEmitterFuzzer", [.product(name: "DruidWatchCore", package: "druidwatch")]),
    ("PrometheusTextFuzzer", [.product(name: "DruidWatchCore", package: "druidwatch")]),
    ("ProcFilesFuzzer", [.product(name: "DruidWatchSources", package: "druidwatch")]),
    ("HsperfdataFuzzer", [.product(name: "DruidWatchCore", package: "druidwatch")]),
    ("ZooKeeperFuzzer", [.product(name: "DruidWatchCore", package: "druidwatch")]),
    ("ConfigYAMLFuzzer", [.product(name: "DruidWatchConfig", package: "druidwatch")]),
    ("AlarmRuleFileFuzzer", [.product(name: "DruidWatchConfig", package: "druidwatch")]),
    ("AlarmRuleGrammarFuzzer", [.product(name: "DruidWatchCore", package: "druidwatch")]),
    ("AWSXMLFuzzer", [.product(name: "DruidWatchAWS", package: "druidwatch")]),
    ("AWSJSONFuzzer", [.product(name: "DruidWatchAWS", package: "druidwatch")]),
    ("AWSCredentialSourcesFuzzer", [.product(name: "DruidWatchAWS", package: "druidwatch")]),
]

let package = Package(
    name: "druidwatch-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "druidwatch", path: "..")],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver, which the fuzzer runtime defines.
        .target(name: "CLibFuzzer"),
        .target(name: "LibFuzzerDriver", dependencies: ["CLibFuzzer"]),
    ] + fuzzTargets.map { target in
        .executableTarget(name: target.name, dependencies: ["LibFuzzerDriver"] + target.dependencies)
    },
    swiftLanguageModes: [.v6]
)
