import Foundation

/// The two ways CloudWatch writes a time in an alarm notification, computed by hand in
/// UTC (`UTCDateParts`).
public enum NotificationTimestampText {
    /// The alarm JSON's `StateChangeTime`: `2015-06-03T17:43:27.123+0000`, milliseconds
    /// and a `+0000` offset rather than `Z`, as observed in every CloudWatch payload.
    public static func json(_ date: Date) -> String {
        let parts = fields(of: date)
        return "\(pad(parts.year, 4))-\(pad(parts.month, 2))-\(pad(parts.day, 2))T"
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)).\(pad(parts.millisecond, 3))+0000"
    }

    /// The e-mail's timestamp: `Wednesday 04 August, 2021 02:31:45 UTC`.
    public static func email(_ date: Date) -> String {
        let parts = fields(of: date)
        return "\(weekdays[parts.weekday]) \(pad(parts.day, 2)) \(months[parts.month - 1]), \(parts.year) "
            + "\(pad(parts.hour, 2)):\(pad(parts.minute, 2)):\(pad(parts.second, 2)) UTC"
    }

    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// Rounded to the nearest millisecond, not down: a time that was whole milliseconds
    /// (`.123`) is stored as a binary double a hair below, and truncating would print `.122`.
    private static func fields(of date: Date) -> UTCDateParts {
        UTCDateParts(millisecondsSince1970: Int((date.timeIntervalSince1970 * 1000).rounded()))
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        UTCDateParts.padded(value, width)
    }
}
