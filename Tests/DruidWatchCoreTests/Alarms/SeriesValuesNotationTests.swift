import DruidWatchCore
import Testing

/// promtool's expanding notation for rule test series.
@Suite struct SeriesValuesNotationTests {
    @Test(arguments: [
        ("1 2 _ 4", [1.0, 2, nil, 4]),
        ("1+1x3", [1.0, 2, 3, 4]),
        ("5-1x2", [5.0, 4, 3]),
        ("_x2", [nil, nil, nil] as [Double?]),
        ("3x2", [3.0, 3, 3]),
        ("7x0", [7.0]),
        ("-5x2", [-5.0, -5, -5]),
        ("-1-1x2", [-1.0, -2, -3]),
        ("-1+2x2", [-1.0, 1, 3]),
        ("1.5+0.5x2", [1.5, 2, 2.5]),
        ("1e-3x1", [0.001, 0.001]),
        ("1e2+1x1", [100.0, 101]),
        ("0x1 _ 2", [0.0, 0, nil, 2]),
        ("  1\t2\n3  ", [1.0, 2, 3]),
        ("", []),
    ] as [(String, [Double?])])
    func expands(text: String, expected: [Double?]) throws {
        #expect(try SeriesValuesNotation.expand(text) == expected)
    }

    @Test(arguments: ["abc", "1x", "x2", "1x-1", "1xx2", "1x2x3", "nan", "inf", "1+x2", "_x", "__", "1+1", "1,2", "0x1.5", "+-1x2"])
    func badTokensAreNamed(token: String) {
        #expect(throws: SeriesValuesNotationError.badToken(token)) {
            try SeriesValuesNotation.expand("1 \(token) 2")
        }
    }

    @Test func theMessageSaysWhatIsAccepted() {
        #expect(SeriesValuesNotationError.badToken("1x").description == "'1x' is not a value: use numbers, _ (missing), a+bxn, a-bxn, axn or _xn")
        #expect(SeriesValuesNotationError.tooMany(limit: 100_000).description == "the values expand to more than 100000 periods")
    }

    @Test func expansionsAreBoundedAt100000Values() throws {
        #expect(try SeriesValuesNotation.expand("0x99999").count == 100_000)
        #expect(throws: SeriesValuesNotationError.tooMany(limit: 100_000)) {
            try SeriesValuesNotation.expand("0x99999 1")
        }
        #expect(throws: SeriesValuesNotationError.tooMany(limit: 100_000)) {
            try SeriesValuesNotation.expand("_x50000 _x50000")
        }
        // One token past the bound is refused as it is read, before anything is expanded.
        #expect(throws: SeriesValuesNotationError.badToken("0x100000")) {
            try SeriesValuesNotation.expand("0x100000")
        }
        #expect(throws: SeriesValuesNotationError.badToken("0x100000000000")) {
            try SeriesValuesNotation.expand("0x100000000000")
        }
    }

    @Test func aStepInScientificNotationWithANegativeExponent() throws {
        let values = try SeriesValuesNotation.expand("1+1e-3x1")
        #expect(values == [1, 1.001])
    }
}
