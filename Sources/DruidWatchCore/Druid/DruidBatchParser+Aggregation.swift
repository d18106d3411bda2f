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
        isAggregating = true
        let report = parse(bytes, keeping: { mapper.keptDimensions(forMetric: $0) }, onMetric: { _ in }, onAlert: onAlert)
        let aggregate = batch?.aggregate ?? DruidBatchAggregate()
        batch = nil
        isAggregating = false
        return (aggregate, report)
    }

    /// One metric event in aggregate mode. Only the first event of a series decodes
    /// strings; the rest are found by their bytes.
    mutating func fold(
        _ fields: EventFields, metricToken: (range: Range<Int>, escaped: Bool), serviceToken: (range: Range<Int>, escaped: Bool),
        value: Double, timestamp: Double, cursor: JSONCursor
    ) throws(JSONScanError) -> Outcome {
        // `batch!` is changed in place: binding it to a local would copy the builder,
        // every array in it retained and released, for each event.
        guard isAggregating else { return .unknownMetric }
        switch try batch!.fold(
            metricToken: metricToken, serviceToken: serviceToken, value: value, timestamp: timestamp,
            dimensionTokens: dimensionTokens, anyKeyEscaped: fields.anyKeyEscaped, cursor: cursor
        ) {
        case let .done(outcome):
            return outcome
        case let .newSeries(hash, metric, kept):
            let event = try materialize(fields, metric: metric, serviceToken: serviceToken, value: value, timestamp: timestamp, keeping: kept, cursor: cursor)
            guard let sample = batch!.mapper.sample(from: event), sample.value.isFinite else { return .unknownMetric }
            batch!.addSeries(hash: hash, sample: sample)
            return .aggregated
        }
    }
}

extension DruidBatchAggregate.Builder {
    enum FoldStep {
        case done(DruidBatchParser.Outcome)
        /// A series not seen before in this batch: the parser decodes the event's strings.
        case newSeries(hash: UInt64, metric: String, kept: [String])
    }

    /// Finds the event's series by the raw bytes that identify it (metric, service,
    /// each kept dimension's value, period) and adds the value to it.
    mutating func fold(
        metricToken: (range: Range<Int>, escaped: Bool), serviceToken: (range: Range<Int>, escaped: Bool),
        value: Double, timestamp: Double, dimensionTokens: DimensionTokenList, anyKeyEscaped: Bool, cursor: JSONCursor
    ) throws(JSONScanError) -> FoldStep {
        let metricBytes = UnsafeRawBufferPointer(rebasing: cursor.bytes[metricToken.range])
        let metricHash = Self.hash(metricBytes)
        var infoIndex = metrics.first(hash: metricHash) { metricInfos[$0].bytes.withUnsafeBytes { Self.equal($0, metricBytes) } }
        if infoIndex == nil {
            let name = try cursor.decodeString(metricToken)
            guard !name.isEmpty else { return .done(.rejected("'metric' is empty")) }
            let kept = mapper.keptDimensions(forMetric: name)
            metricInfos.append(.init(
                bytes: Array(metricBytes), name: name, entry: mapper.resolvedEntry(for: name),
                kept: kept, keptUTF8: kept.map { Array($0.utf8) }, firstHint: keptHints.count
            ))
            keptHints.append(contentsOf: repeatElement(0, count: kept.count))
            infoIndex = metricInfos.count - 1
            metrics.insert(hash: metricHash, position: infoIndex!)
        }
        let index = infoIndex!
        let scale: Double
        if let entry = metricInfos[index].entry {
            scale = entry.scale
        } else {
            if mapper.unknownMetrics == .drop { return .done(.unknownMetric) }
            scale = 1
        }

        scratch.removeAll()
        withUnsafeBytes(of: Int32(index)) { scratch.append($0) }
        withUnsafeBytes(of: periodStart(of: timestamp)) { scratch.append($0) }
        scratch.append(UnsafeRawBufferPointer(rebasing: cursor.bytes[serviceToken.range]))
        let firstHint = metricInfos[index].firstHint
        for wantedIndex in metricInfos[index].keptUTF8.indices {
            scratch.append(0xFF)
            let found = metricInfos[index].keptUTF8[wantedIndex].withUnsafeBytes { wanted in
                Self.position(of: wanted, among: dimensionTokens, lookingFirstAt: keptHints[firstHint + wantedIndex], cursor)
            }
            guard let found else { continue }
            keptHints[firstHint + wantedIndex] = found
            let token = dimensionTokens[found]
            scratch.append(UInt8(truncatingIfNeeded: token.value.count))
            scratch.append(UnsafeRawBufferPointer(rebasing: cursor.bytes[token.value]))
        }
        if anyKeyEscaped {
            // Escaped keys are compared decoded in `materialize`; fold such an event
            // on its own rather than risk matching it to another by its raw bytes.
            Array("\u{0}escaped\(aggregate.series.count)".utf8).withUnsafeBytes { scratch.append($0) }
        }
        let seriesHash = scratch.withUnsafeBytes(Self.hash)
        if let existing = existingSeries(hash: seriesHash) {
            let scaled = value * scale
            guard scaled.isFinite else { return .done(.rejected("'value' is out of range once scaled")) }
            add(scaled, toSeries: existing)
            return .done(.aggregated)
        }
        return .newSeries(hash: seriesHash, metric: metricInfos[index].name, kept: metricInfos[index].kept)
    }

    /// The position of the dimension token whose (unescaped) key is `key`.
    @inline(__always)
    private static func position(
        of key: UnsafeRawBufferPointer, among tokens: DimensionTokenList, lookingFirstAt hint: Int, _ cursor: JSONCursor
    ) -> Int? {
        func matches(_ token: DruidBatchParser.DimensionToken) -> Bool {
            !token.keyEscaped && equal(UnsafeRawBufferPointer(rebasing: cursor.bytes[token.key]), key)
        }
        if hint < tokens.count, matches(tokens[hint]) { return hint }
        return tokens.firstIndex(where: matches)
    }

    @inline(__always)
    static func equal(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
    }
}
