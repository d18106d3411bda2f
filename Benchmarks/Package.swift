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
        // The memory floor under the agent: Swift runtime and libcurl, no druidwatch code.
        .systemLibrary(name: "CLibcurlFloor", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .executableTarget(name: "LibcurlFloor", dependencies: ["CLibcurlFloor"]),
    ],
    swiftLanguageModes: [.v6]
)
