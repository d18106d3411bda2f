import DruidWatchCore
import Foundation

/// Parses the same exposition (a node_exporter scrape saved by the driver) over and
/// over for at least `minimumSeconds`, on one core.
enum PrometheusParseThroughput {
    static func run(path: String, minimumSeconds: Double) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let parser = PrometheusTextParser()
        let first = try parser.parse(bytes: bytes)
        guard first.skippedLines == 0 else { fail("\(path): \(first.skippedLines) lines skipped: \(first.problems)\n") }
        let clock = ContinuousClock()
        var rounds = 0
        var samples = 0
        let start = clock.now
        var elapsed = Duration.zero
        repeat {
            samples += try parser.parse(bytes: bytes).sampleCount
            rounds += 1
            elapsed = clock.now - start
        } while elapsed < .seconds(minimumSeconds) && rounds < 10_000_000
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("""
            {"bytes": \(bytes.count), "samples_per_scrape": \(first.sampleCount), "families": \(first.families.count), \
            "rounds": \(rounds), "seconds": \(seconds), "samples_per_second": \(Int(Double(samples) / seconds)), \
            "megabytes_per_second": \(Double(rounds * bytes.count) / seconds / 1e6)}
            """)
    }
}
