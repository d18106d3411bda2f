/// What druidwatch hands to SNS `Publish` for one alarm state change: a subject and a
/// `MessageStructure=json` message whose string values are `default` (CloudWatch's alarm
/// JSON), `email` and `sms` (reference §6). Built so that the publish cannot be refused
/// for its shape: the subject is clean and within 100 characters, and the message is
/// within SNS's 262,144 bytes.
public struct SNSAlarmMessage: Sendable, Hashable {
    /// SNS's limit on `Message`, in UTF-8 bytes.
    public static let maximumMessageBytes = 262_144

    public let subject: String
    /// The `Message` parameter: a JSON object `{"default":…,"email":…,"sms":…}`.
    public let message: String
    /// How many affected series the e-mail lists; fewer than the change has when the
    /// full list would not fit, the rest being summed up as "and N more".
    public let listedSeriesCount: Int

    public var messageBytes: Int { message.utf8.count }

    public init(_ change: MetricAlarmStateChange) throws(SNSAlarmMessageError) {
        subject = AlarmNotificationSubject.subject(change)
        let defaultJSON = CloudWatchAlarmJSON.render(change)
        let sms = AlarmNotificationSubject.sms(change)
        func message(listing limit: Int) -> String {
            Self.structuredMessage(default: defaultJSON, email: AlarmEmailText.render(change, seriesLimit: limit), sms: sms)
        }

        let total = change.context.affectedSeries.count
        let full = message(listing: total)
        if full.utf8.count <= Self.maximumMessageBytes {
            self.message = full
            listedSeriesCount = total
            return
        }
        // A long series list is the one part that grows without bound: list as many as
        // fit. The size grows with the count, so a binary search finds the most.
        let shortest = message(listing: 0)
        guard shortest.utf8.count <= Self.maximumMessageBytes else {
            throw .tooLarge(bytes: shortest.utf8.count)
        }
        var fits = 0
        var tooMany = total
        var best = shortest
        while tooMany - fits > 1 {
            let middle = fits + (tooMany - fits) / 2
            let candidate = message(listing: middle)
            if candidate.utf8.count <= Self.maximumMessageBytes {
                fits = middle
                best = candidate
            } else {
                tooMany = middle
            }
        }
        self.message = best
        listedSeriesCount = fits
    }

    /// The JSON object SNS expects for `MessageStructure=json`; every value a string.
    static func structuredMessage(default defaultJSON: String, email: String, sms: String) -> String {
        var json = OrderedJSONWriter()
        json.beginObject()
        json.string("default", defaultJSON)
        json.string("email", email)
        json.string("sms", sms)
        json.endObject()
        return json.text
    }
}

public enum SNSAlarmMessageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Even without any affected series the message exceeds SNS's limit; only possible
    /// with a reason or description far beyond CloudWatch's own limits.
    case tooLarge(bytes: Int)

    public var description: String {
        switch self {
        case .tooLarge(let bytes):
            "the SNS message is \(bytes) bytes even without the affected series; SNS accepts at most \(SNSAlarmMessage.maximumMessageBytes)"
        }
    }
}
