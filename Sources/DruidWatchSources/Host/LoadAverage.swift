/// `/proc/loadavg`: run-queue averages over 1, 5 and 15 minutes.
public struct LoadAverage: Sendable, Equatable {
    public var one: Double
    public var five: Double
    public var fifteen: Double

    public static func parse(_ text: String, file: String = "/proc/loadavg") throws(ProcParseError) -> LoadAverage {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count >= 3, let one = Double(fields[0]), let five = Double(fields[1]), let fifteen = Double(fields[2]),
              [one, five, fifteen].allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw ProcParseError(file: file, line: 1, reason: "expected three load averages, got '\(text.prefix(80))'")
        }
        return LoadAverage(one: one, five: five, fifteen: fifteen)
    }
}
