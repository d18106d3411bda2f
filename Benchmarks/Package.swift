// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that `swift test` never runs them and they
// are always built in release mode: `cd Benchmarks && swift run -c release`.
let package = Package(
    name: "druidwatch-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "druidwatch", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "DruidWatchBenchmarks",
            dependencies: [
                .product(name: "DruidWatchCore", package: "druidwatch"),
                .product(name: "DruidWatchAWS", package: "druidwatch"),
                .product(name: "DruidWatchSources", package: "druidwatch"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
