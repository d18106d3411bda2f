/// The SNS `Subject` and the `sms` line, as CloudWatch writes them:
/// `<NewState>: "<AlarmName>" in <Region display name>`.
///
/// SNS rejects the whole publish for a subject with line breaks or control characters,
/// or one that is too long, so every subject made here is clean and at most 100
/// characters. When too long, the alarm name is cut and `...` added inside the quotes so
/// that the subject is exactly 100 characters, as in both of the reference's samples.
///
/// "Characters" are counted as UTF-16 code units: CloudWatch is a Java service, whose
/// `String.length()` counts them, and it is the largest of the usual counts (UTF-16 units
/// ≥ Unicode scalars ≥ grapheme clusters), so a subject within 100 by it is within 100
/// however SNS counts. ASCII names come out at exactly 100; a cut never splits a
/// grapheme cluster, so a name ending in an emoji or a combining sequence may leave the
/// subject one or a few units short of 100.
public enum AlarmNotificationSubject {
    public static let maximumLength = 100

    public static func subject(_ change: MetricAlarmStateChange) -> String {
        subject(state: change.newState, alarmName: change.alarmName, regionDisplayName: change.regionDisplayName)
    }

    public static func subject(state: AlarmState, alarmName: String, regionDisplayName: String) -> String {
        let name = sanitized(alarmName)
        let head = "\(state.rawValue): \""
        let tail = "\" in \(sanitized(regionDisplayName))"
        let whole = head + name + tail
        if whole.utf16.count <= maximumLength { return whole }

        let ellipsis = "..."
        let budget = maximumLength - head.utf16.count - tail.utf16.count - ellipsis.utf16.count
        guard budget >= 0 else {
            // Only an absurd region text gets here; still never exceed the limit.
            return leadingCharacters(of: whole, within: maximumLength)
        }
        return head + leadingCharacters(of: name, within: budget) + ellipsis + tail
    }

    /// `ALARM: "<name>" in <Region display name>`: the subject's words, untruncated,
    /// since an SMS may run to 1,600 characters and alarm names to 255.
    public static func sms(_ change: MetricAlarmStateChange) -> String {
        "\(change.newState.rawValue): \"\(sanitized(change.alarmName))\" in \(sanitized(change.regionDisplayName))"
    }

    /// The text without control characters (Unicode `Cc`, which includes CR, LF and
    /// NEL) and without the line and paragraph separators, which SNS also counts as
    /// line breaks.
    public static func sanitized(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control { continue }
            if scalar == "\u{2028}" || scalar == "\u{2029}" { continue }
            result.append(scalar)
        }
        return String(result)
    }

    /// The longest leading run of whole characters within `limit` UTF-16 units.
    private static func leadingCharacters(of text: String, within limit: Int) -> String {
        var length = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf16.count
            if length + width > limit { break }
            length += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}
