import DruidWatchCore
import DruidWatchTestSupport
import Foundation
import Testing

@Suite struct PerfDataParserTests {
    typealias F = PerfDataFixture

    /// The JDK's own reader (jstat) and this one agree on every entry of real files.
    @Test(arguments: ["g1", "serial"])
    func readsWhatJstatReads(_ name: String) throws {
        let reading = try PerfDataParser.parse(F.bytes("\(name).hsperfdata"))
        let expected = try F.jstatSnapshot("\(name).jstat-snap")
        #expect(reading.values.count == expected.count && expected.count > 150)
        #expect(reading.values == expected)
        #expect(reading.skipped.isEmpty)
        #expect(reading.byteOrder == .littleEndian)
        #expect(reading.majorVersion == 2 && reading.minorVersion == 0)
        #expect(reading.string("sun.rt.javaCommand") == "org.apache.druid.cli.Main server historical")
        #expect(reading.long("sun.os.hrt.frequency") == 1_000_000_000)
        #expect(reading.long("sun.rt.javaCommand") == nil)
        #expect(reading.string("sun.os.hrt.frequency") == nil)
    }

    @Test func bigEndianFileReadsTheSame() throws {
        let little = try PerfDataParser.parse(F.bytes("g1.hsperfdata"))
        let big = try PerfDataParser.parse(F.bytes("g1-bigendian.hsperfdata"))
        #expect(big.byteOrder == .bigEndian)
        #expect(big.values == little.values)
        #expect(big.modificationTimeStamp == little.modificationTimeStamp)
        #expect(big.skipped.isEmpty)
    }

    @Test func dataOverloadReadsTheSameAsBytes() throws {
        let bytes = try F.bytes("g1.hsperfdata")
        // A slice whose indices do not start at 0.
        let data = Data([0xFF] + bytes).dropFirst()
        #expect(try PerfDataParser.parse(data) == PerfDataParser.parse(bytes))
    }

    /// Prefixes of the file (every one through the prologue, then every 37th, and each
    /// around the used size) either fail with a named error or, from the used size on,
    /// read completely. Sampled rather than exhaustive: a debug-build parse of every
    /// prefix holds a test thread for tens of seconds.
    @Test func everyTruncationFailsClearly() throws {
        let bytes = try F.bytes("g1.hsperfdata")
        let used = Int(F.int32(bytes, at: F.usedOffset))
        let full = try PerfDataParser.parse(bytes)
        for length in Array(0...PerfDataParser.prologueSize) + Array(stride(from: PerfDataParser.prologueSize, to: used, by: 37)) + Array((used - 2)...(used + 8)) + [bytes.count - 1] {
            let prefix = Array(bytes[0..<length])
            if length < PerfDataParser.prologueSize {
                #expect(throws: PerfDataError.truncatedHeader(length: length)) { try PerfDataParser.parse(prefix) }
            } else if length < used {
                #expect(throws: PerfDataError.truncated(used: used, length: length)) { try PerfDataParser.parse(prefix) }
            } else {
                #expect(try PerfDataParser.parse(prefix).values == full.values)
            }
        }
    }

    /// A prologue whose used size cuts the entries short (as when the JVM is still
    /// adding one) keeps the entries before the cut and names the one it stopped at.
    @Test func everyUsedSizeKeepsTheEntriesBeforeIt() throws {
        let bytes = try F.bytes("g1.hsperfdata")
        let used = Int(F.int32(bytes, at: F.usedOffset))
        let full = try PerfDataParser.parse(bytes)
        let starts = F.entryStarts(bytes)
        let count = starts.count
        for cut in PerfDataParser.prologueSize...used {
            var damaged = bytes
            F.setInt32(&damaged, at: F.usedOffset, Int32(cut))
            do throws(PerfDataError) {
                let reading = try PerfDataParser.parse(damaged)
                let whole = starts.enumerated().filter { index, start in
                    (index + 1 < count ? starts[index + 1] : used) <= cut
                }.count
                #expect(reading.values.count == whole)
                #expect(reading.values.allSatisfy { full.values[$0.key] == $0.value })
                if cut < used {
                    guard case .entryOutOfBounds(let index, _, _) = reading.skipped.last else {
                        Issue.record("cut at \(cut): no entryOutOfBounds in \(reading.skipped)")
                        continue
                    }
                    #expect(index == whole)
                }
            } catch {
                #expect(error == .entryCountOutOfBounds(count: count, room: (cut - 32) / 20) || error.isEntryOutOfBounds,
                        "cut at \(cut): \(error)")
            }
        }
    }

    @Test func prologueDamageIsNamed() throws {
        let bytes = try F.bytes("g1.hsperfdata")
        func damaged(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var copy = bytes
            change(&copy)
            return copy
        }
        #expect(throws: PerfDataError.badMagic(0x00fe_c0c0)) { try PerfDataParser.parse(damaged { $0[0] = 0 }) }
        #expect(throws: PerfDataError.unknownByteOrder(7)) { try PerfDataParser.parse(damaged { $0[4] = 7 }) }
        #expect(throws: PerfDataError.unsupportedVersion(major: 1, minor: 0)) { try PerfDataParser.parse(damaged { $0[5] = 1 }) }
        #expect(throws: PerfDataError.notAccessible) { try PerfDataParser.parse(damaged { $0[7] = 0 }) }
        #expect(throws: PerfDataError.usedSizeOutOfBounds(used: 16)) {
            try PerfDataParser.parse(damaged { F.setInt32(&$0, at: F.usedOffset, 16) })
        }
        #expect(throws: PerfDataError.truncated(used: Int(Int32.max), length: bytes.count)) {
            try PerfDataParser.parse(damaged { F.setInt32(&$0, at: F.usedOffset, .max) })
        }
        let used = Int(F.int32(bytes, at: F.usedOffset))
        for offset: Int32 in [-1, 0, 31, Int32(used) + 1, .max, .min] {
            #expect(throws: PerfDataError.entryOffsetOutOfBounds(offset: Int(offset), used: used)) {
                try PerfDataParser.parse(damaged { F.setInt32(&$0, at: F.entryOffsetOffset, offset) })
            }
        }
        let room = (used - 32) / 20
        for count: Int32 in [-1, .min, Int32(room) + 1, .max] {
            #expect(throws: PerfDataError.entryCountOutOfBounds(count: Int(count), room: room)) {
                try PerfDataParser.parse(damaged { F.setInt32(&$0, at: F.entryCountOffset, count) })
            }
        }
        #expect(try PerfDataParser.parse(damaged { F.setInt32(&$0, at: F.entryCountOffset, 0) }).values.isEmpty)
    }

    @Test func aMalformedEntryIsSkippedAndTheOthersKept() throws {
        let bytes = try F.bytes("g1.hsperfdata")
        let start = try #require(F.entryStart(bytes, named: "java.threads.live"))
        let textStart = try #require(F.entryStart(bytes, named: "sun.rt.javaCommand"))
        let length = Int(F.int32(bytes, at: start))
        func read(_ change: (inout [UInt8]) -> Void) throws -> PerfDataReading {
            var copy = bytes
            change(&copy)
            return try PerfDataParser.parse(copy)
        }
        func expectOnlyLost(_ reading: PerfDataReading, _ name: String, _ problem: (PerfDataError) -> Bool) {
            #expect(reading.values.count == 186)
            #expect(reading.values[name] == nil)
            #expect(reading.long("java.threads.daemon") == 5)
            #expect(reading.skipped.count == 1 && reading.skipped.allSatisfy(problem), "\(reading.skipped)")
        }
        let malformed: (PerfDataError) -> Bool = { if case .malformedEntry = $0 { true } else { false } }

        for nameOffset: Int32 in [0, 19, Int32(length), 10_000, -5] {
            expectOnlyLost(try read { F.setInt32(&$0, at: start + 4, nameOffset) }, "java.threads.live", malformed)
        }
        for dataOffset: Int32 in [0, Int32(length) - 4, Int32(length), .max, .min] {
            expectOnlyLost(try read { F.setInt32(&$0, at: start + 16, dataOffset) }, "java.threads.live", malformed)
        }
        // A name without its terminating NUL before the data.
        expectOnlyLost(try read { copy in
            let nameStart = start + Int(F.int32(copy, at: start + 4))
            let dataStart = start + Int(F.int32(copy, at: start + 16))
            for index in nameStart..<dataStart { copy[index] = UInt8(ascii: "x") }
        }, "java.threads.live", malformed)
        expectOnlyLost(try read { F.setInt32(&$0, at: start + 8, -1) }, "java.threads.live", malformed)
        // A string longer than its entry.
        expectOnlyLost(try read { F.setInt32(&$0, at: textStart + 8, 5000) }, "sun.rt.javaCommand", malformed)

        // Wrong types: a long array, a type HotSpot never writes, a string of length 0.
        expectOnlyLost(try read { F.setInt32(&$0, at: start + 8, 2) }, "java.threads.live") {
            $0 == .unsupportedType(name: "java.threads.live", type: UInt8(ascii: "J"), vectorLength: 2)
        }
        expectOnlyLost(try read { $0[start + 12] = UInt8(ascii: "Z") }, "java.threads.live") {
            $0 == .unsupportedType(name: "java.threads.live", type: UInt8(ascii: "Z"), vectorLength: 0)
        }
        expectOnlyLost(try read { F.setInt32(&$0, at: textStart + 8, 0) }, "sun.rt.javaCommand") {
            $0 == .unsupportedType(name: "sun.rt.javaCommand", type: UInt8(ascii: "B"), vectorLength: 0)
        }
    }

    @Test func aBrokenEntryLengthEndsTheWalkKeepingTheEntriesBefore() throws {
        let bytes = try F.bytes("g1.hsperfdata")
        let starts = F.entryStarts(bytes)
        for length: Int32 in [0, 20, -8, .max, .min] {
            var copy = bytes
            F.setInt32(&copy, at: starts[5], length)
            let reading = try PerfDataParser.parse(copy)
            #expect(reading.values.count == 5)
            #expect(reading.skipped == [.entryOutOfBounds(
                index: 5, offset: starts[5],
                reason: length > 20 ? "entry length \(length) runs past the used bytes" : "entry length \(length) is too small"
            )])
        }
        // With nothing read at all, the problem is the error.
        var first = bytes
        F.setInt32(&first, at: starts[0], 0)
        #expect(throws: PerfDataError.entryOutOfBounds(index: 0, offset: starts[0], reason: "entry length 0 is too small")) {
            try PerfDataParser.parse(first)
        }
    }

    /// Random damage anywhere past the magic never traps.
    @Test func randomDamageNeverCrashes() throws {
        let bytes = try F.bytes("g1.hsperfdata")
        let used = Int(F.int32(bytes, at: F.usedOffset))
        var generator = SplitMix64(seed: 0x5EED)
        var outcomes = (read: 0, failed: 0)
        for _ in 0..<400 {
            var copy = bytes
            for _ in 0..<Int(generator.next() % 8 + 1) {
                let offset = 4 + Int(generator.next() % UInt64(used - 4))
                copy[offset] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                _ = try PerfDataParser.parse(copy)
                outcomes.read += 1
            } catch {
                outcomes.failed += 1
            }
        }
        #expect(outcomes.read > 0 && outcomes.failed > 0)
    }
}

extension PerfDataError {
    var isEntryOutOfBounds: Bool {
        if case .entryOutOfBounds = self { return true }
        return false
    }
}

/// A small seeded generator, so that a failure repeats.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
