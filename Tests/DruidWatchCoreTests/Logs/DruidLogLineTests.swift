import DruidWatchCore
import Testing

/// Druid's log4j2 layout (`%d{ISO8601} %p [%t] %c -%notEmpty{ [%markerSimpleName]} %m%n`)
/// read into its parts.
@Suite struct DruidLogLineTests {
    @Test func readsTheShippedLayout() throws {
        let line = try #require(DruidLogLine.parse("2026-12-06T01:51:34,123 INFO [main] org.apache.druid.cli.CliHistorical - Starting up with processors [8]"))
        #expect(line.timestamp == 1_796_521_894_123)
        #expect(line.level == "INFO")
        #expect(line.thread == "main")
        #expect(line.logger == "org.apache.druid.cli.CliHistorical")
        #expect(line.message == "Starting up with processors [8]")
    }

    @Test func threadNamesMayHoldBracketsAndSpaces() throws {
        let line = try #require(DruidLogLine.parse(
            "2026-12-06T01:51:34,123 WARN [qtp1-42[wikipedia] - segment] org.apache.druid.server.QueryResource - Exception [x] - occurred"
        ))
        #expect(line.thread == "qtp1-42[wikipedia] - segment")
        #expect(line.logger == "org.apache.druid.server.QueryResource")
        #expect(line.message == "Exception [x] - occurred")
    }

    @Test func paddedLevelsSpacesAndZonesAreRead() throws {
        let padded = try #require(DruidLogLine.parse("2026-12-06 01:51:34.500 WARN  [main] a.B - m"))
        #expect(padded.level == "WARN")
        #expect(padded.timestamp == 1_796_521_894_500)
        let zoned = try #require(DruidLogLine.parse("2026-12-06T02:51:34,000+01:00 ERROR [main] a.B - m"))
        #expect(zoned.timestamp == 1_796_521_894_000)
    }

    @Test func localTimesTakeTheCallersOffset() throws {
        // Berlin in winter is UTC+1: a local 02:51:34 is 01:51:34 UTC.
        let line = try #require(DruidLogLine.parse("2026-12-06T02:51:34,000 INFO [main] a.B - m", utcOffset: { _ in 3600 }))
        #expect(line.timestamp == 1_796_521_894_000)
    }

    @Test func otherLinesAreNotLog4jLines() {
        for text in [
            "\tat org.apache.druid.server.QueryResource.doPost(QueryResource.java:210)",
            "Caused by: java.lang.OutOfMemoryError: Java heap space",
            "2026-13-06T01:51:34,123 INFO [main] a.B - month 13",
            "2026-12-06T01:51:34,123 NOTICE [main] a.B - not a log4j level",
            "2026-12-06T01:51:34,123 INFO main a.B - no thread",
            "",
        ] {
            #expect(DruidLogLine.parse(text) == nil, "\(text)")
        }
    }

    @Test func aDatePrefixStartsAnEvent() {
        #expect(DruidLogLine.startsWithDate("2026-12-06T01:51:34,123 INFO [main] a.B - m"))
        #expect(DruidLogLine.startsWithDate("2026-12-06"))
        #expect(!DruidLogLine.startsWithDate("\tat a.B.c(B.java:1)"))
        #expect(!DruidLogLine.startsWithDate("2026-12-0"))
        #expect(!DruidLogLine.startsWithDate("20261206 x"))
    }
}
