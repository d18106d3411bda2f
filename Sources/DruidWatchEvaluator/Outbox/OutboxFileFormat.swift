import Foundation

/// How a ``PendingPublish`` is named and encoded on disk.
///
/// Names start with the zero-padded sequence, so a directory listing sorts in creation
/// order and the undeliverable directory can be pruned oldest first without reading a
/// file; the id follows, reduced to safe characters, so that a human finds a
/// notification by its alarm:
///
///     00000000000000000042-druid-broker-query-time-20251125T103000Z.json
///
/// The id itself is read from the content, never from the name.
enum OutboxFileFormat {
    static let fileExtension = ".json"
    /// Appended to a file that could not be read when it is set aside.
    static let corruptSuffix = ".corrupt"
    /// Ids are typically alarm names (≤ 255 characters) plus a time; the name must stay
    /// below the 255-byte limit of common filesystems.
    static let maximumIdCharactersInName = 150

    static func fileName(sequence: UInt64, id: String) -> String {
        let digits = String(sequence)
        let padded = String(repeating: "0", count: max(0, 20 - digits.count)) + digits
        let safeId = String(id.unicodeScalars.prefix(maximumIdCharactersInName).map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": Character(scalar)
            default: "_"
            }
        })
        return padded + "-" + safeId + fileExtension
    }

    /// The sequence a name starts with; nil for a name the outbox did not make.
    static func sequence(ofFileName name: String) -> UInt64? {
        UInt64(name.prefix { $0.isASCII && $0.isNumber })
    }

    static func encode(_ publish: PendingPublish) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(timestampStyle))
        }
        return try encoder.encode(publish)
    }

    static func decode(_ data: Data) throws -> PendingPublish {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            do {
                return try timestampStyle.parse(text)
            } catch {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 timestamp: \(text)")
            }
        }
        return try decoder.decode(PendingPublish.self, from: data)
    }

    /// Milliseconds matter: a backoff of 1.4 s read back as 1 s would retry early.
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
