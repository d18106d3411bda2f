@testable import DruidWatchCore
import Testing

/// The word-at-a-time scanning under the emitter parser, checked against plain
/// byte-by-byte answers.
@Suite struct ByteWordsTests {
    @Test func reservedKeyConstantsAreTheKeysBytes() {
        typealias Key = DruidBatchParser.ReservedKey
        #expect(Key.feedWord == ByteWords.word("feed"))
        #expect(Key.hostWord == ByteWords.word("host"))
        #expect(Key.valueWord == ByteWords.word("value"))
        #expect(Key.metricWord == ByteWords.word("metric"))
        #expect(Key.serviceWord == ByteWords.word("service"))
        #expect(Key.versionWord == ByteWords.word("version"))
        #expect(Key.timestampWord == ByteWords.word("timestam"))
    }

    /// Keys are told apart by length and bytes, wherever they sit in the body (the last
    /// eight bytes take the slow path).
    @Test(arguments: [0, 3, 20])
    func reservedKeysAreRecognisedExactly(padding: Int) {
        let keys: [(String, DruidBatchParser.ReservedKey?)] = [
            ("feed", .feed), ("host", .host), ("value", .value), ("metric", .metric), ("service", .service),
            ("version", .version), ("timestamp", .timestamp), ("timestamq", nil), ("feeds", nil), ("hosT", nil),
            ("metricx", nil), ("valu", nil), ("dataSource", nil), ("id", nil),
        ]
        for (key, expected) in keys {
            // The key at the very end of the bytes, then followed by `padding` more.
            let bytes = Array(key.utf8) + Array(repeating: UInt8(ascii: " "), count: padding)
            let found = bytes.withUnsafeBytes { DruidBatchParser.ReservedKey(JSONCursor($0), 0..<key.utf8.count) }
            #expect(found == expected, "\(key) with \(padding) bytes after it")
        }
    }

    /// The end of a string token, found byte by byte: the first unescaped quote; nil for a
    /// control character or no end.
    static func naiveEnd(_ bytes: [UInt8], from start: Int) -> (end: Int, escaped: Bool)? {
        var index = start
        var escaped = false
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""): return (index, escaped)
            case UInt8(ascii: "\\"): escaped = true; index += 2
            case ..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }

    @Test func stringTokensEndWhereAByteByByteScanSays() {
        var generator = SplitMix64(seed: 0x5eed)
        let alphabet: [UInt8] = Array("abcXYZ09 -_/:.".utf8) + [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x01, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xFF]
        for _ in 0..<5_000 {
            // Past two 16-byte blocks and a word, so that every path of the scan is taken.
            let length = Int.random(in: 0...72, using: &generator)
            // Mostly plain text, so that tokens often run past a word or two.
            let body = (0..<length).map { _ in
                Int.random(in: 0..<10, using: &generator) < 8 ? UInt8(ascii: "a") : alphabet.randomElement(using: &generator)!
            }
            let bytes = [UInt8(ascii: "\"")] + body
            let expected = Self.naiveEnd(bytes, from: 1)
            let scanned: (end: Int, escaped: Bool)? = bytes.withUnsafeBytes { raw in
                var cursor = JSONCursor(raw)
                guard let token = try? cursor.scanStringToken() else { return nil }
                return (token.range.upperBound, token.escaped)
            }
            #expect(scanned?.end == expected?.end && scanned?.escaped == expected?.escaped, "\(bytes)")
        }
    }

    /// The first byte that ends or interrupts a string, from every start offset of
    /// buffers of every length up to three blocks, with the byte at each position.
    @Test func blockScanFindsTheFirstSpecialByteWhereverItIs() {
        let specials: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00, 0x1F]
        for length in 0...48 {
            for position in -1..<length {
                for special in specials {
                    // Bytes that SWAR tests can mistake for their neighbours: 0x21, 0x23, 0x5B, 0x5D, 0x80, 0xFF.
                    let filler: [UInt8] = [0x61, 0x21, 0x23, 0x5B, 0x5D, 0x80, 0xFF, 0x20]
                    var bytes = (0..<length).map { filler[$0 % filler.count] }
                    if position >= 0 { bytes[position] = special }
                    for start in 0...length {
                        let expected = position >= start ? position : length
                        let found = bytes.withUnsafeBytes { ByteBlocks.firstSpecialInString($0, from: start) }
                        #expect(found == expected, "length \(length), special \(special) at \(position), from \(start)")
                    }
                }
            }
        }
    }
}
