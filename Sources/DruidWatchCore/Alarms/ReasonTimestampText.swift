import Foundation

/// Datapoint times as CloudWatch writes them in state reasons: `dd/MM/yy HH:mm:ss` in
/// UTC. Computed by hand from the epoch seconds, so that neither the machine's locale
/// nor its time zone can change a reason.
public enum ReasonTimestampText {
    public static func format(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return twoDigits(day) + "/" + twoDigits(month) + "/" + twoDigits(year % 100) + " "
            + twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay / 60 % 60) + ":" + twoDigits(secondOfDay % 60)
    }

    private static func twoDigits(_ value: Int) -> String {
        let value = (value % 100 + 100) % 100
        return value < 10 ? "0\(value)" : "\(value)"
    }

    /// Howard Hinnant's civil_from_days, the inverse of `ISO8601Timestamp.daysFromCivil`.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
