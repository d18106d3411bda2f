import DruidWatchCore
import DruidWatchSources
import DruidWatchTestSupport
import Foundation
import Testing

/// A real JVM, started without any flag, posing as a Druid historical: a class
/// literally named org.apache.druid.cli.Main, compiled here, run with the arguments
/// `server historical`. The source must find it in /tmp through HotSpot's own file.
@Suite(.enabled(if: JavaTools.available, "needs java and javac (Debian: openjdk-17-jdk-headless)"))
struct JVMIntegrationTests {
    static let program = """
        package org.apache.druid.cli;

        public class Main {
            public static void main(String[] args) throws Exception {
                java.util.List<byte[]> kept = new java.util.ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    kept.add(new byte[1 << 16]);
                    if (kept.size() > 50) kept.remove(0);
                }
                System.gc();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        """

    @Test(.timeLimit(.minutes(2)))
    func findsARealDruidLikeJVM() async throws {
        let java = try #require(JavaTools.java), javac = try #require(JavaTools.javac)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-jvm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sourceFile = directory.appendingPathComponent("org/apache/druid/cli/Main.java")
        try FileManager.default.createDirectory(at: sourceFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Self.program.write(to: sourceFile, atomically: true, encoding: .utf8)

        let compiler = try ChildProcess(executable: javac, arguments: ["-d", directory.path, sourceFile.path])
        let compilerOutput = await compiler.readToEnd()
        compiler.stop()
        let classFile = directory.appendingPathComponent("org/apache/druid/cli/Main.class").path
        try #require(FileManager.default.fileExists(atPath: classFile), "javac: \(String(decoding: compilerOutput, as: UTF8.self))")

        let started = Date()
        let jvm = try ChildProcess(executable: java, arguments: ["-cp", directory.path, "org.apache.druid.cli.Main", "server", "historical"])
        defer { jvm.stop() }

        let source = JVMPerfDataSource(options: .init(root: "/tmp"))
        var ours: JVMPerfDataSource.JVMReading?
        let deadline = Date().addingTimeInterval(30)
        while ours == nil, Date() < deadline {
            // Ready once the file is accessible and the program's System.gc() has run.
            ours = try? source.read().first { $0.pid == jvm.pid && ($0.reading.long("sun.rt.safepoints") ?? 0) > 0 }
            if ours == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let reading = try #require(ours, "no readable /tmp/hsperfdata_*/\(jvm.pid) within 30 s").reading
        #expect(reading.values.count > 100)
        #expect(reading.string("sun.rt.javaCommand") == "org.apache.druid.cli.Main server historical")

        let service = MetricDimension("Service", "druid/historical")
        _ = try await source.collect(at: Date())
        try await Task.sleep(for: .milliseconds(300))
        let samples = try await source.collect(at: Date()).filter { $0.dimensions.contains(service) }

        let heapUsed = samples.first { $0.name == "jvm/mem/used" && $0.dimensions.contains(MetricDimension("memKind", "heap")) }
        #expect((heapUsed?.value ?? 0) > 0)
        let gcNames = Set(samples.filter { $0.name == "jvm/gc/count" }.flatMap { $0.dimensions.filter { $0.name == "gcName" }.map(\.value) })
        #expect(!gcNames.isEmpty, "no jvm/gc/count samples in \(samples.map(\.name))")
        #expect(gcNames.allSatisfy { $0.hasSuffix("collection pauses") || $0.hasSuffix("cycle pauses") }, "\(gcNames)")
        let uptime = try #require(samples.first { $0.name == "jvm/uptime" }?.value)
        #expect(uptime > 0 && uptime <= Date().timeIntervalSince(started) + 1)
        #expect((samples.first { $0.name == "jvm/threads/live" }?.value ?? 0) > 0)
        #expect((samples.first { $0.name == "jvm/classes/loaded" }?.value ?? 0) > 100)
        for name in ["jvm/mem/committed", "jvm/mem/max", "jvm/pool/used", "jvm/gc/time", "jvm/safepoints", "jvm/safepoint/time"] {
            #expect(samples.contains { $0.name == name }, "\(name) missing")
        }
    }
}
