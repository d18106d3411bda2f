// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "druidwatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "druidwatch", targets: ["druidwatch"]),
        // For Benchmarks/, which measures the pure core in its own package, and sizes
        // request bodies through the CloudWatch client's own gzip step.
        .library(name: "DruidWatchCore", targets: ["DruidWatchCore"]),
        .library(name: "DruidWatchAWS", targets: ["DruidWatchAWS"]),
        // For Benchmarks/compare (the host source timed in a process of its own) and
        // Fuzz/ (the /proc readers and the YAML loaders fed from its own package).
        .library(name: "DruidWatchSources", targets: ["DruidWatchSources"]),
        .library(name: "DruidWatchConfig", targets: ["DruidWatchConfig"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // C libraries. The curl header carries a tiny inline shim, because Swift
        // cannot call curl's variadic setopt/getinfo directly.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .yum(["libcurl-devel"])]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"]), .yum(["systemd-devel"])]
        ),
        // glibc's <malloc.h>, for mallopt: part of libc, nothing to link.
        .systemLibrary(name: "CMalloc"),
        // Older symbol versions for three calls of the Swift toolchain's static
        // libraries, so that a binary built on Debian 12 loads on Amazon Linux 2023.
        .target(
            name: "CGlibcCompatibility",
            // The versioned calls need the libraries named even where the Swift runtime is
            // linked dynamically and brings them itself (debug builds).
            linkerSettings: [.linkedLibrary("stdc++", .when(platforms: [.linux])), .linkedLibrary("m", .when(platforms: [.linux]))]
        ),

        // Pure logic: no sockets, no files, no clocks of its own.
        .target(name: "DruidWatchCore"),
        .target(
            name: "DruidWatchConfig",
            dependencies: ["DruidWatchCore", .product(name: "Yams", package: "Yams")]
        ),

        // I/O.
        // Crash-safe whole-file writes, shared by the agent's spool and the evaluator's
        // state and outbox so that there is one implementation of the fsync dance.
        .target(name: "DruidWatchStorage"),
        // DruidWatchAWS for its libcurl HTTP client (the ZooKeeper AdminServer), which
        // is not AWS-specific: the agent hands every source its one client.
        .target(
            name: "DruidWatchSources",
            dependencies: [
                "DruidWatchCore",
                "DruidWatchAWS",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "DruidWatchAWS",
            dependencies: [
                "CCurl", "DruidWatchCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        .target(
            name: "DruidWatchSystemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "DruidWatchAgent",
            dependencies: [
                "DruidWatchCore", "DruidWatchConfig", "DruidWatchSources", "DruidWatchAWS", "DruidWatchSystemd", "DruidWatchStorage",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The central evaluator: reads metrics, applies the alarm rules, notifies through SNS.
        .target(
            name: "DruidWatchEvaluator",
            dependencies: [
                "DruidWatchCore", "DruidWatchConfig", "DruidWatchAWS", "DruidWatchSystemd", "DruidWatchStorage", "DruidWatchSources",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "druidwatch",
            dependencies: [
                "DruidWatchCore", "DruidWatchConfig", "DruidWatchAWS", "DruidWatchAgent", "DruidWatchSystemd", "DruidWatchEvaluator",
                .target(name: "CMalloc", condition: .when(platforms: [.linux])),
                .target(name: "CGlibcCompatibility", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // SIGHUP, for configuration reloads.
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),

        // Shared by the test targets: moto_server lifecycle, a loopback HTTP server, fixtures.
        .target(
            name: "DruidWatchTestSupport",
            dependencies: [
                "DruidWatchCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/DruidWatchTestSupport"
        ),

        .testTarget(name: "DruidWatchCoreTests", dependencies: ["DruidWatchCore", "DruidWatchTestSupport"]),
        .testTarget(name: "DruidWatchConfigTests", dependencies: ["DruidWatchConfig", "DruidWatchTestSupport"]),
        .testTarget(name: "DruidWatchSourcesTests", dependencies: ["DruidWatchSources", "DruidWatchAWS", "DruidWatchTestSupport"]),
        .testTarget(name: "DruidWatchAWSTests", dependencies: ["DruidWatchAWS", "DruidWatchTestSupport", .product(name: "CompressNIO", package: "compress-nio")]),
        .testTarget(name: "DruidWatchSystemdTests", dependencies: ["DruidWatchSystemd", "DruidWatchTestSupport"]),
        .testTarget(name: "DruidWatchAgentTests", dependencies: ["DruidWatchAgent", "DruidWatchAWS", "DruidWatchSystemd", "DruidWatchTestSupport"]),
        .testTarget(name: "DruidWatchEvaluatorTests", dependencies: [
            "DruidWatchEvaluator", "DruidWatchAWS", "DruidWatchConfig", "DruidWatchCore", "DruidWatchStorage", "DruidWatchTestSupport", "DruidWatchAgent",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
        ]),
        .testTarget(name: "DruidWatchStorageTests", dependencies: ["DruidWatchStorage"]),
    ],
    swiftLanguageModes: [.v6]
)
