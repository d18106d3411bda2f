import DruidWatchTestSupport
import Foundation
import Testing

/// The release binary is built on Debian 12 (glibc 2.36, GCC 12's libstdc++) and its
/// .rpm is installed on Amazon Linux 2023 (glibc 2.34, GCC 11's libstdc++). The loader
/// refuses a binary that asks for a symbol version the system lacks, so the packaged
/// binary must ask for nothing newer (Sources/CGlibcCompatibility), packaging/build-packages
/// must refuse a binary that does, and both packages must say what the binary needs.
@Suite struct AmazonLinuxCompatibilityTests {
    static let amazonLinuxGlibc = "2.34"
    static let amazonLinuxGlibcxx = "3.4.29"

    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let canReadPackages = TestPackages.firstDeb != nil && tool("dpkg-deb") != nil && tool("readelf") != nil

    /// The newest version of each prefix (`GLIBC`, `GLIBCXX`) in `readelf -V`'s version needs.
    static func newestNeeded(_ prefix: String, in readelfOutput: String) -> [Int] {
        guard let needs = readelfOutput.range(of: "Version needs section") else { return [] }
        var newest: [Int] = []
        for line in readelfOutput[needs.lowerBound...].split(separator: "\n") {
            guard let name = line.range(of: "Name: \(prefix)_") else { continue }
            let digits = line[name.upperBound...].prefix { $0.isNumber || $0 == "." }
            let version = digits.split(separator: ".").compactMap { Int($0) }
            if version.lexicographicallyPrecedes(newest) == false { newest = version }
        }
        return newest
    }

    static func components(_ version: String) -> [Int] { version.split(separator: ".").compactMap { Int($0) } }

    @Test("the packaged binary asks for glibc 2.34 and GLIBCXX_3.4.29 at most, Amazon Linux 2023's",
          .enabled(if: canReadPackages, "needs dpkg-deb, readelf and the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"))
    func packagedBinaryLoadsOnAmazonLinux() async throws {
        let directory = try TemporaryDirectory()
        try await SystemCommand.expectSuccess(try #require(Self.tool("dpkg-deb")), ["-x", try #require(TestPackages.firstDeb).path, directory.path])
        let binary = directory.path + "/usr/bin/druidwatch"
        let versions = try await SystemCommand.expectSuccess(try #require(Self.tool("readelf")), ["-V", "--wide", binary])

        let glibc = Self.newestNeeded("GLIBC", in: versions)
        let glibcxx = Self.newestNeeded("GLIBCXX", in: versions)
        #expect(!glibc.isEmpty, "readelf -V shows no glibc version needs:\n\(versions.prefix(2_000))")
        #expect(!Self.components(Self.amazonLinuxGlibc).lexicographicallyPrecedes(glibc), "needs GLIBC_\(glibc)")
        #expect(!Self.components(Self.amazonLinuxGlibcxx).lexicographicallyPrecedes(glibcxx), "needs GLIBCXX_\(glibcxx)")

        // The three calls given older versions still reach glibc and libstdc++.
        let dynamicSymbols = try await SystemCommand.expectSuccess(try #require(Self.tool("objdump")), ["-T", binary])
        let imported = dynamicSymbols.split(separator: "\n").filter { $0.contains("*UND*") }
        for symbol in ["hypot", "hypotf", "_ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE"] {
            let lines = imported.filter { $0.hasSuffix(" \(symbol)") }
            #expect(lines.count == 1 && !lines[0].contains("GLIBC_2.35") && !lines[0].contains("GLIBCXX_3.4.30"), "\(symbol): \(lines)")
        }
        // Hidden: exported, the loader could bind the versioned calls back to them.
        #expect(!dynamicSymbols.split(separator: "\n").contains { $0.contains(" .text") && $0.hasSuffix(" hypot") })
    }

    @Test("the .deb depends on the libc6 and libstdc++6 the binary needs, no newer than Amazon Linux 2023's",
          .enabled(if: canReadPackages, "needs dpkg-deb and the packages make test builds (DRUIDWATCH_TEST_PACKAGES)"))
    func debianDependsAreVersioned() async throws {
        let depends = try await SystemCommand.expectSuccess(try #require(Self.tool("dpkg-deb")), ["-f", try #require(TestPackages.firstDeb).path, "Depends"])
        let clauses = depends.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: ", ")
        let libc = try #require(clauses.first { $0.hasPrefix("libc6 ") }, "\(clauses)")
        #expect(libc.hasPrefix("libc6 (>= 2.") && libc.hasSuffix(")"), "\(libc)")
        let libcVersion = Self.components(String(libc.dropFirst("libc6 (>= ".count).dropLast()))
        #expect(!Self.components(Self.amazonLinuxGlibc).lexicographicallyPrecedes(libcVersion), "\(libc)")
        #expect(clauses.contains { $0.hasPrefix("libstdc++6 (>= ") }, "\(clauses)")
    }

    @Test("build-packages refuses a binary that needs glibc 2.35 and names the symbols",
          .enabled(if: tool("clang") != nil && tool("readelf") != nil && tool("objdump") != nil && tool("dpkg-deb") != nil && tool("rpmbuild") != nil,
                   "needs clang, binutils, dpkg-deb and rpmbuild"))
    func refusesNewerGlibc() async throws {
        let directory = try TemporaryDirectory()
        let version = try #require(TestPackages.upstreamVersion)
        // hypot links to its GLIBC_2.35 version on glibc 2.35 and later, as the toolchain's did.
        try directory.write("newer.c", """
            #include <math.h>
            #include <stdio.h>
            #include <stdlib.h>
            int main(int argc, char **argv) {
                if (argc > 1) { puts("druidwatch \(version)"); return 0; }
                printf("%f\\n", hypot(atof("3"), atof("4")));
                return 0;
            }
            """)
        let binary = directory.path + "/druidwatch"
        try await SystemCommand.expectSuccess(try #require(Self.tool("clang")), ["-O1", "-o", binary, directory.path + "/newer.c", "-lm"])
        let symbols = try await SystemCommand.expectSuccess(try #require(Self.tool("objdump")), ["-T", binary])
        try #require(symbols.contains("GLIBC_2.35"), "this machine's glibc is older than 2.35: nothing to refuse")

        let script = Fixtures.repositoryRoot.appendingPathComponent("packaging/build-packages").path
        let output = directory.path + "/packages"
        let outcome = try await SystemCommand.run(script, ["--binary", binary, "--output", output])
        #expect(outcome.exitCode == 1, "\(outcome.output)")
        #expect(outcome.output.contains("needs glibc 2.35, Amazon Linux 2023 has 2.34"), "\(outcome.output)")
        #expect(outcome.output.contains("hypot@GLIBC_2.35"), "\(outcome.output)")
        #expect(!FileManager.default.fileExists(atPath: output), "packages were written")
    }
}
