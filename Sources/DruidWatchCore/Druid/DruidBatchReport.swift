/// What one emitter batch held: how many events of each kind were taken, which were
/// rejected and why, and whether the batch's framing broke off before its end.
public struct DruidBatchReport: Sendable, Equatable {
    public struct Rejection: Sendable, Equatable {
        /// 0-based position of the event in its batch.
        public var index: Int
        public var reason: String
    }

    /// The reasons kept per batch; the rest are only counted, so that a batch of a
    /// million bad events cannot cost a million strings.
    public static let maximumReasonsKept = 10

    public var metrics = 0
    public var alerts = 0
    /// Events of feeds the agent does not read (`requests`, `segment_metadata`, ...).
    public var otherFeeds = 0
    public var rejected = 0
    public var rejections: [Rejection] = []
    /// Set when the JSON broke off (truncated body, garbage between events): the events
    /// before it were kept, nothing after it could be framed.
    public var malformed: JSONScanError?

    public init() {}

    public var accepted: Int { metrics + alerts + otherFeeds }

    mutating func reject(index: Int, reason: String) {
        rejected += 1
        if rejections.count < Self.maximumReasonsKept {
            rejections.append(Rejection(index: index, reason: reason))
        }
    }
}
