@testable import DruidWatchCore
import Foundation
import Testing

/// `JSONCursor.scanNumber` answers what `strtod` answers for every number, whichever
/// path it takes (integers of up to 18 digits read directly, the rest by strtod).
@Suite struct JSONCursorNumberTests {
    static func scanned(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBytes { bytes in
            var cursor = JSONCursor(bytes)
            return try? cursor.scanNumber()
        }
    }

    @Test(arguments: [
        "0", "-0", "7", "81860714159", "300000000000", "999999999999999999", "9999999999999999999",
        "0.5", "-0.0", "0.75795976056599", "0.4381955725676463", "0.1", "0.3", "123.456", "1.000000000000001",
        "99999999999999.9", "0.000000000000001", "1e5", "1.5e-3", "-2.5E+10", "17976931348623157e292",
    ])
    func knownNumbers(text: String) throws {
        let value = try #require(Self.scanned(text))
        let expected = strtod(text, nil)
        #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) against strtod's \(expected)")
    }

    @Test func randomDecimalsAgreeWithStrtodToTheBit() throws {
        var generator = SplitMix64(seed: 0xdec1)
        for _ in 0..<20_000 {
            let integerDigits = Int.random(in: 1...10, using: &generator)
            let fractionDigits = Int.random(in: 1...12, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            text += String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<integerDigits { text += String(Int.random(in: 0...9, using: &generator)) }
            if Int.random(in: 0..<4, using: &generator) == 0 { text = text.hasPrefix("-") ? "-0" : "0" }
            text += "."
            for _ in 0..<fractionDigits { text += String(Int.random(in: 0...9, using: &generator)) }
            let value = try #require(Self.scanned(text), "\(text)")
            let expected = strtod(text, nil)
            #expect(value.bitPattern == expected.bitPattern, "\(text): \(value) against strtod's \(expected)")
        }
    }

    @Test(arguments: ["1.", "-", ".5", "01", "1e", "1.e5", "-a"])
    func malformedNumbersAreErrors(text: String) {
        #expect(Self.scanned(text) == nil)
    }
}
