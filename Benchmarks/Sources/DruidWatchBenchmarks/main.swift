import DruidWatchCore
import Foundation

// The agent's hot paths, on one core (the scripts pin them with taskset), each printed
// as JSON lines for the scripts that run a peer beside them and print the ratio:
//
//   emitter: parse and aggregate a large Druid HTTP emitter batch (`Benchmarks/run`,
//            beside Python's json.loads on the same bytes).
//   encode:  split a period's datums into PutMetricData requests and form-encode them,
//            then size each request as the CloudWatch client sends it, gzip included
//            (`Benchmarks/run encode`, beside botocore's query serializer).
//   evaluator: the alarm evaluator's cycle over 200 rules and 5,000 series, CPU time and
//            GetMetricData calls per cycle (`Benchmarks/run-evaluator`, beside a naive
//            evaluator on the same cycles).
//   host:    the host source's collection cycle, CPU ticks from /proc/self/stat over N
//            cycles (`Benchmarks/compare`, beside node_exporter scraped N times).
//   prometheus: the Prometheus text parser on a saved node_exporter scrape, samples per
//            second (`Benchmarks/compare`, beside Python's prometheus_client parser).
//
// The emitter mode's original argument list (without the word `emitter`) still works.

let usage = """
    usage: DruidWatchBenchmarks [emitter] SAMPLE_BATCH.json OUTPUT_BATCH.json EVENTS SECONDS
           DruidWatchBenchmarks encode PEER_INPUT.json DATUMS SECONDS
           DruidWatchBenchmarks evaluator MINUTES
           DruidWatchBenchmarks host CYCLES
           DruidWatchBenchmarks prometheus EXPOSITION.txt SECONDS

    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(message.utf8))
    exit(2)
}

func runEmitter(_ arguments: ArraySlice<String>) throws {
    let arguments = Array(arguments)
    guard arguments.count == 4, let targetEvents = Int(arguments[2]), let seconds = Double(arguments[3]) else { fail(usage) }
    let batch = try EmitterBatchFixture.scaled(sample: URL(fileURLWithPath: arguments[0]), events: targetEvents)
    try Data(batch.bytes).write(to: URL(fileURLWithPath: arguments[1]))

    let parseOnly = EmitterThroughput.measure(batch: batch, minimumSeconds: seconds, aggregate: false)
    print(#"{"stage": "parse", "events_per_second": \#(Int(parseOnly.eventsPerSecond))}"#)
    let measurement = EmitterThroughput.measure(batch: batch, minimumSeconds: seconds, aggregate: true)
    print("""
        {"events_per_batch": \(batch.events), "batch_bytes": \(batch.bytes.count), "batches": \(measurement.batches), \
        "seconds": \(measurement.seconds), "events_per_second": \(Int(measurement.eventsPerSecond)), \
        "series": \(measurement.series), "rejected": \(measurement.rejected)}
        """)
}

func runEncode(_ arguments: ArraySlice<String>) async throws {
    let arguments = Array(arguments)
    guard arguments.count == 3, let datumCount = Int(arguments[1]), datumCount > 0, let seconds = Double(arguments[2]) else { fail(usage) }
    // A recent minute: CloudWatch (and the client's screening) refuse datums older than two weeks.
    let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 300
    let datums = DatumMix.datums(count: datumCount, periodStart: Date(timeIntervalSince1970: minute))
    try BotocorePeerInput(datums: datums, namespace: DatumMix.namespace).write(to: URL(fileURLWithPath: arguments[0]))

    let shape = DatumMix.describe(datums)
    let measurement = EncodingThroughput.measure(datums: datums, namespace: DatumMix.namespace, minimumSeconds: seconds)
    print("""
        {"stage": "encode", "datums": \(datums.count), "counters": \(shape.counters), "gauges": \(shape.gauges), \
        "timers": \(shape.timers), "average_values_per_timer": \(shape.averageValuesPerTimer), \
        "average_dimensions": \(Double(shape.dimensions) / Double(datums.count)), "requests": \(measurement.requests), \
        "rounds": \(measurement.rounds), "seconds": \(measurement.seconds), "datums_per_second": \(Int(measurement.datumsPerSecond))}
        """)

    // The mix as the agent sends it, then each kind on its own: bytes per datum depend
    // mostly on how many values the timers carry.
    let kinds: [(String, (MetricDatum) -> Bool)] = [
        ("mix", { _ in true }),
        ("counters", { if case .single = $0.value { true } else { false } }),
        ("gauges", { if case .statistics = $0.value { true } else { false } }),
        ("timers", { if case .distribution = $0.value { true } else { false } }),
    ]
    for (kind, isOfKind) in kinds {
        let sizes = try await RequestBodySizes.measure(datums: datums.filter(isOfKind), namespace: DatumMix.namespace)
        let requests = sizes.requests.map { #"{"datums": \#($0.datums), "raw_bytes": \#($0.rawBytes), "sent_bytes": \#($0.sentBytes), "gzipped": \#($0.gzipped)}"# }
        print("""
            {"stage": "bytes", "kind": "\(kind)", "datums": \(sizes.datums), "raw_bytes_per_datum": \(sizes.rawBytesPerDatum), \
            "sent_bytes_per_datum": \(sizes.sentBytesPerDatum), "requests": [\(requests.joined(separator: ", "))]}
            """)
    }
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "encode":
    try await runEncode(arguments.dropFirst())
case "evaluator":
    guard arguments.count == 2, let minutes = Int(arguments.last!), minutes > 0 else { fail(usage) }
    try EvaluatorCycleBenchmark.run(minutes: minutes)
case "host":
    guard arguments.count == 2, let cycles = Int(arguments.last!), cycles > 0 else { fail(usage) }
    try await HostCollectionBenchmark.run(cycles: cycles)
case "prometheus":
    guard arguments.count == 3, let seconds = Double(arguments.last!) else { fail(usage) }
    try PrometheusParseThroughput.run(path: arguments[arguments.startIndex + 1], minimumSeconds: seconds)
case "emitter":
    try runEmitter(arguments.dropFirst())
default:
    try runEmitter(arguments)
}
