import DruidWatchCore
import Testing

/// How the series of one group become one value per period (`across`).
@Suite struct SeriesCombinationTests {
    @Test func eachCombinationOverTheSameValues() {
        let values = [4.0, 1, 7]
        #expect(SeriesCombination.maximum.combine(values) == 7)
        #expect(SeriesCombination.minimum.combine(values) == 1)
        #expect(SeriesCombination.sum.combine(values) == 12)
        #expect(SeriesCombination.average.combine(values) == 4)
    }

    @Test func oneValueIsItselfWhateverTheCombination() {
        for combination in SeriesCombination.allCases {
            #expect(combination.combine([2.5]) == 2.5)
        }
    }

    @Test func noValuesIsNoValue() {
        for combination in SeriesCombination.allCases {
            #expect(combination.combine([]) == nil)
        }
    }

    @Test func theRuleFileSpellings() {
        #expect(SeriesCombination.allCases.map(\.rawValue) == ["max", "min", "sum", "average"])
        #expect(SeriesCombination(rawValue: "avg") == nil)
    }
}
