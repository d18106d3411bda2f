import DruidWatchCore
import Foundation

// Measures the agent's hot path for Druid's HTTP emitter: parse a batch and aggregate
// its events, on one core. `Benchmarks/run` runs this beside Python's json.loads on
// the same bytes and prints the ratio.
//
// usage: DruidWatchBenchmarks SAMPLE_BATCH.json OUTPUT_BATCH.json EVENTS SECONDS

let arguments = CommandLine.arguments
guard arguments.count == 5, let targetEvents = Int(arguments[3]), let seconds = Double(arguments[4]) else {
    FileHandle.standardError.write(Data("usage: DruidWatchBenchmarks SAMPLE_BATCH.json OUTPUT_BATCH.json EVENTS SECONDS\n".utf8))
    exit(2)
}
let batch = try EmitterBatchFixture.scaled(sample: URL(fileURLWithPath: arguments[1]), events: targetEvents)
try Data(batch.bytes).write(to: URL(fileURLWithPath: arguments[2]))

let parseOnly = EmitterThroughput.measure(batch: batch, minimumSeconds: seconds, aggregate: false)
print(#"{"stage": "parse", "events_per_second": \#(Int(parseOnly.eventsPerSecond))}"#)
let measurement = EmitterThroughput.measure(batch: batch, minimumSeconds: seconds, aggregate: true)
print("""
    {"events_per_batch": \(batch.events), "batch_bytes": \(batch.bytes.count), "batches": \(measurement.batches), \
    "seconds": \(measurement.seconds), "events_per_second": \(Int(measurement.eventsPerSecond)), \
    "series": \(measurement.series), "rejected": \(measurement.rejected)}
    """)
