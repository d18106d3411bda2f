import Foundation

/// Datapoint times as CloudWatch writes them in state reasons: `dd/MM/yy HH:mm:ss` in
/// UTC, whole seconds (rounded down).
public enum ReasonTimestampText {
    public static func format(_ date: Date) -> String {
        let parts = UTCDateParts(millisecondsSince1970: Int(date.timeIntervalSince1970.rounded(.down)) * 1000)
        let pad = UTCDateParts.padded
        return pad(parts.day, 2) + "/" + pad(parts.month, 2) + "/" + pad((parts.year % 100 + 100) % 100, 2) + " "
            + pad(parts.hour, 2) + ":" + pad(parts.minute, 2) + ":" + pad(parts.second, 2)
    }
}
