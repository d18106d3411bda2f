import DruidWatchCore
import Foundation
import Testing

/// Silence matchers: Alertmanager's four operators, anchored regular expressions, and
/// the errors for text that is not a matcher.
@Suite struct LabelMatcherTests {
    private let labels = ["alarm": "DruidQueryFailures", "dataSource": "wikipedia", "severity": "page"]

    @Test func theFourOperatorsParseAndMatch() throws {
        let equal = try LabelMatcher(parsing: "alarm=DruidQueryFailures")
        #expect(equal == (try LabelMatcher(name: "alarm", .equal, "DruidQueryFailures")))
        #expect(equal.matches(labels))
        #expect(!(try LabelMatcher(parsing: "alarm=DruidQuery")).matches(labels))

        #expect(try LabelMatcher(parsing: "severity!=ticket").matches(labels))
        #expect(!(try LabelMatcher(parsing: "severity!=page")).matches(labels))

        let regex = try LabelMatcher(parsing: "dataSource=~wiki.*|koalas")
        #expect(regex.operator == .matchesRegex)
        #expect(regex.value == "wiki.*|koalas")
        #expect(regex.matches(labels))
        #expect(regex.matches(["dataSource": "koalas"]))

        let notRegex = try LabelMatcher(parsing: "dataSource!~wiki.*")
        #expect(notRegex.operator == .doesNotMatchRegex)
        #expect(!notRegex.matches(labels))
        #expect(notRegex.matches(["dataSource": "koalas"]))
    }

    @Test func regularExpressionsAreAnchoredAtBothEnds() throws {
        #expect(!(try LabelMatcher(parsing: "alarm=~Query")).matches(labels))
        #expect(!(try LabelMatcher(parsing: "alarm=~Druid")).matches(labels))
        #expect(try LabelMatcher(parsing: "alarm=~.*Query.*").matches(labels))
        // The alternation stays inside the anchors: not "^a" or "b$".
        #expect(!(try LabelMatcher(parsing: "alarm=~Druid|Failures")).matches(labels))
        #expect(try LabelMatcher(parsing: "alarm!~Query").matches(labels))
    }

    @Test func aMissingLabelHasTheEmptyValue() throws {
        #expect(try LabelMatcher(parsing: "tier=").matches(labels))
        #expect(try LabelMatcher(parsing: #"tier="""#).matches(labels))
        #expect(!(try LabelMatcher(parsing: "tier!=")).matches(labels))
        #expect(try LabelMatcher(parsing: "tier!=hot").matches(labels))
        #expect(try LabelMatcher(parsing: "tier=~|hot").matches(labels))
    }

    @Test func spacesAroundTheOperatorAndQuotedValuesAreRead() throws {
        #expect(try LabelMatcher(parsing: "  alarm = DruidQueryFailures ") == (try LabelMatcher(name: "alarm", .equal, "DruidQueryFailures")))
        let quoted = try LabelMatcher(parsing: #"comment=" say \"hi\" \\ ""#)
        #expect(quoted.value == #" say "hi" \ "#)
    }

    @Test func descriptionReadsBackToTheSameMatcher() throws {
        for text in ["alarm=DruidQueryFailures", "severity!=page", "dataSource=~wiki.*", "dataSource!~a|b", "tier=", #"x=" padded ""#, #"x="\"quoted""#] {
            let matcher = try LabelMatcher(parsing: text)
            #expect(matcher.description == text)
            #expect(try LabelMatcher(parsing: matcher.description) == matcher)
        }
        let json = try JSONEncoder().encode([try LabelMatcher(parsing: "dataSource=~wiki.*")])
        #expect(String(decoding: json, as: UTF8.self) == #"["dataSource=~wiki.*"]"#)
        #expect(try JSONDecoder().decode([LabelMatcher].self, from: json) == [try LabelMatcher(parsing: "dataSource=~wiki.*")])
    }

    @Test func badTextIsRefusedWithTheReason() {
        #expect(throws: LabelMatcherError.missingOperator("alarm")) { try LabelMatcher(parsing: "alarm") }
        #expect(throws: LabelMatcherError.missingOperator("alarm!DruidQueryFailures")) { try LabelMatcher(parsing: "alarm!DruidQueryFailures") }
        #expect(throws: LabelMatcherError.emptyName) { try LabelMatcher(parsing: "=DruidQueryFailures") }
        #expect(throws: LabelMatcherError.invalidName("my alarm")) { try LabelMatcher(parsing: "my alarm=x") }
        #expect(throws: LabelMatcherError.invalidRegex("wiki(")) { try LabelMatcher(parsing: "dataSource=~wiki(") }
        #expect(throws: LabelMatcherError.invalidRegex("[a-")) { try LabelMatcher(parsing: "dataSource!~[a-") }
        #expect(throws: LabelMatcherError.unterminatedQuote(#"x="abc"#)) { try LabelMatcher(parsing: #"x="abc"#) }
        #expect(throws: LabelMatcherError.textAfterClosingQuote(#"x="a"b"#)) { try LabelMatcher(parsing: #"x="a"b"#) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode([LabelMatcher].self, from: Data(#"["dataSource=~("]"#.utf8)) }
        #expect(
            LabelMatcherError.invalidRegex("wiki(").description == #"regular expression "wiki(" does not compile"#
        )
        #expect(
            LabelMatcherError.missingOperator("alarm").description
                == #"matcher "alarm": expected name=value, name!=value, name=~regex or name!~regex"#
        )
    }
}
