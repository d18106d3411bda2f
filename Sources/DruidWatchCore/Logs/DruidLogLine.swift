/// One line as Druid's log4j2 layout writes it (`%d{ISO8601} %p [%t] %c - %m`, the
/// pattern of Druid's shipped `log4j2.xml`):
///
///     2026-12-06T01:51:34,123 INFO [main] org.apache.druid.cli.Main - Starting up.
///
/// Also read: a space instead of the `T`, a `.` instead of the `,`, and a zone (`Z`,
/// `+01:00`) after the time. Without a zone the time is the JVM's local time, turned
/// into UTC by the caller's offset.
public struct DruidLogLine: Sendable, Hashable {
    /// Milliseconds since the Unix epoch.
    public var timestamp: Int64
    public var level: String
    public var thread: String
    public var logger: String
    public var message: String

    public init(timestamp: Int64, level: String, thread: String, logger: String, message: String) {
        self.timestamp = timestamp
        self.level = level
        self.thread = thread
        self.logger = logger
        self.message = message
    }

    public static let levels: Set<String> = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"]

    /// The line's parts, or nil when it is not a log4j line (a stack frame, a
    /// continuation, another program's output). `utcOffset` gives the zone's offset
    /// in seconds for a local time (seconds since the epoch read as if UTC).
    public static func parse(_ line: String, utcOffset: (Int64) -> Int = { _ in 0 }) -> DruidLogLine? {
        var utf8 = Substring(line).utf8[...]
        guard let (localMilliseconds, explicitOffset) = timestamp(&utf8), utf8.first == UInt8(ascii: " ") else { return nil }
        utf8 = utf8.dropFirst()
        guard let levelEnd = utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let level = String(Substring(utf8[..<levelEnd]))
        guard levels.contains(level) else { return nil }
        utf8 = utf8[levelEnd...].drop { $0 == UInt8(ascii: " ") } // `%-5p` pads the level
        guard utf8.first == UInt8(ascii: "[") else { return nil }
        let rest = Substring(utf8.dropFirst())
        // A thread name may hold "] " itself: the thread ends at the first "] " that
        // is followed by a logger name (no spaces) and " -".
        var search = rest.startIndex
        while let close = rest[search...].firstRange(of: "] ") {
            let afterThread = rest[close.upperBound...]
            if let space = afterThread.firstIndex(of: " "), space > afterThread.startIndex, afterThread[space...].hasPrefix(" -") {
                let logger = afterThread[..<space]
                var message = afterThread[afterThread.index(space, offsetBy: 2)...]
                if message.first == " " { message = message.dropFirst() }
                let offsetSeconds = explicitOffset ?? utcOffset(localMilliseconds / 1_000)
                return DruidLogLine(
                    timestamp: localMilliseconds - Int64(offsetSeconds) * 1_000,
                    level: level, thread: String(rest[..<close.lowerBound]), logger: String(logger), message: String(message)
                )
            }
            search = close.upperBound
        }
        return nil
    }

    /// True when the line begins with a log4j date (`yyyy-MM-dd`): what starts a new
    /// event in Druid's logs, where everything else continues the one before.
    public static func startsWithDate(_ line: String) -> Bool {
        var count = 0
        for byte in line.utf8.prefix(10) {
            let expectDash = count == 4 || count == 7
            if expectDash ? byte != UInt8(ascii: "-") : !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { return false }
            count += 1
        }
        return count == 10
    }

    /// Reads `yyyy-MM-dd[T ]HH:mm:ss[,.]SSS[zone]`: local milliseconds and the zone's
    /// offset when one is written.
    private static func timestamp(_ utf8: inout Substring.UTF8View.SubSequence) -> (Int64, Int?)? {
        func number(_ width: Int) -> Int? {
            guard utf8.count >= width else { return nil }
            var value = 0
            for byte in utf8.prefix(width) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            utf8 = utf8.dropFirst(width)
            return value
        }
        func literal(_ bytes: UInt8...) -> Bool {
            guard let first = utf8.first, bytes.contains(first) else { return false }
            utf8 = utf8.dropFirst()
            return true
        }
        guard let year = number(4), literal(UInt8(ascii: "-")), let month = number(2), literal(UInt8(ascii: "-")), let day = number(2),
              literal(UInt8(ascii: "T"), UInt8(ascii: " ")), let hour = number(2), literal(UInt8(ascii: ":")), let minute = number(2),
              literal(UInt8(ascii: ":")), let second = number(2),
              (1...12).contains(month), (1...ISO8601Timestamp.daysInMonth(year: year, month: month)).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var milliseconds = 0
        if literal(UInt8(ascii: ","), UInt8(ascii: ".")) {
            guard let fraction = number(3) else { return nil }
            milliseconds = fraction
            while let next = utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { utf8 = utf8.dropFirst() }
        }
        var offset: Int?
        if literal(UInt8(ascii: "Z")) {
            offset = 0
        } else if let sign = utf8.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            utf8 = utf8.dropFirst()
            guard let hours = number(2) else { return nil }
            _ = literal(UInt8(ascii: ":"))
            guard let minutes = number(2), hours < 24, minutes < 60 else { return nil }
            offset = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let days = ISO8601Timestamp.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return (seconds * 1_000 + Int64(milliseconds), offset)
    }
}
