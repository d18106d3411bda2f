import Foundation

extension DruidBatchParser {
    /// Reads a batch like `parse`, but folds its metric events straight into per-series
    /// accumulators through the mapper (see `DruidBatchAggregate`). Alerts are handed
    /// out as they come.
    public mutating func aggregate(
        _ bytes: UnsafeRawBufferPointer,
        mapper: DruidEventMapper,
        periodSeconds: Int,
        onAlert: (DruidAlertEvent) -> Void
    ) -> (DruidBatchAggregate, DruidBatchReport) {
        precondition(periodSeconds > 0, "period must be positive")
        batch = DruidBatchAggregate.Builder(mapper: mapper, periodSeconds: periodSeconds)
        let report = parse(bytes, keeping: { mapper.keptDimensions(forMetric: $0) }, onMetric: { _ in }, onAlert: onAlert)
        let aggregate = batch?.aggregate ?? DruidBatchAggregate()
        batch = nil
        return (aggregate, report)
    }

    /// One metric event in aggregate mode. Only the first event of a series decodes
    /// strings; the rest are found by their bytes.
    mutating func fold(
        _ fields: EventFields, metricToken: (range: Range<Int>, escaped: Bool), serviceToken: (range: Range<Int>, escaped: Bool),
        value: Double, timestamp: Double, cursor: JSONCursor
    ) throws(JSONScanError) -> Outcome {
        guard var builder = batch else { return .unknownMetric }
        batch = nil  // keeps the builder's storage uniquely referenced while it is changed
        defer { batch = builder }

        let metricBytes = UnsafeRawBufferPointer(rebasing: cursor.bytes[metricToken.range])
        let metricHash = DruidBatchAggregate.Builder.hash(metricBytes)
        var infoIndex = builder.metrics[metricHash]?.first { builder.metricInfos[$0].bytes.elementsEqual(metricBytes) }
        if infoIndex == nil {
            let name = try cursor.decodeString(metricToken)
            guard !name.isEmpty else { return .rejected("'metric' is empty") }
            let kept = builder.mapper.keptDimensions(forMetric: name)
            builder.metricInfos.append(.init(
                bytes: Array(metricBytes), name: name, entry: builder.mapper.resolvedEntry(for: name),
                kept: kept, keptUTF8: kept.map { Array($0.utf8) }
            ))
            infoIndex = builder.metricInfos.count - 1
            builder.metrics[metricHash, default: []].append(infoIndex!)
        }
        let info = builder.metricInfos[infoIndex!]
        if info.entry == nil, builder.mapper.unknownMetrics == .drop { return .unknownMetric }

        // The series' identity: which metric, service, each kept dimension's raw value, period.
        builder.scratch.removeAll(keepingCapacity: true)
        withUnsafeBytes(of: Int32(infoIndex!)) { builder.scratch.append(contentsOf: $0) }
        withUnsafeBytes(of: builder.periodStart(of: timestamp)) { builder.scratch.append(contentsOf: $0) }
        builder.scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: cursor.bytes[serviceToken.range]))
        for wanted in info.keptUTF8 {
            builder.scratch.append(0xFF)
            guard let token = dimensionTokens.first(where: { token in
                !token.keyEscaped && token.key.count == wanted.count
                    && wanted.withUnsafeBytes { memcmp(cursor.bytes.baseAddress! + token.key.lowerBound, $0.baseAddress!, wanted.count) == 0 }
            }) else { continue }
            builder.scratch.append(UInt8(truncatingIfNeeded: token.value.count))
            builder.scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: cursor.bytes[token.value]))
        }
        if dimensionTokens.contains(where: \.keyEscaped) {
            // Escaped keys are compared decoded in `materialize`; fold such an event
            // on its own rather than risk matching it to another by its raw bytes.
            builder.scratch.append(contentsOf: Array("\u{0}escaped\(builder.aggregate.series.count)".utf8))
        }
        let seriesHash = builder.scratch.withUnsafeBytes(DruidBatchAggregate.Builder.hash)
        let scaled = value * (info.entry?.scale ?? 1)
        if let existing = builder.existingSeries(hash: seriesHash) {
            guard scaled.isFinite else { return .rejected("'value' is out of range once scaled") }
            builder.add(scaled, toSeries: existing)
            return .aggregated
        }
        let event = try materialize(fields, metric: info.name, serviceToken: serviceToken, value: value, timestamp: timestamp, keeping: info.kept, cursor: cursor)
        guard let sample = builder.mapper.sample(from: event), sample.value.isFinite else { return .unknownMetric }
        builder.addSeries(hash: seriesHash, sample: sample)
        return .aggregated
    }
}
