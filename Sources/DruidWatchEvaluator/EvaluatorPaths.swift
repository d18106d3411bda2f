import Foundation

/// Where the evaluator keeps what must survive a restart, all under one state directory
/// (`/var/lib/druidwatch/evaluator` under systemd's `StateDirectory=`): the alarm states
/// and series history, the notifications not yet published, and the silences.
public struct EvaluatorPaths: Sendable, Hashable {
    public let stateDirectory: URL

    public init(stateDirectory: URL) {
        self.stateDirectory = stateDirectory
    }

    /// Alarm states, what was notified, and each series' recent history.
    public var stateFile: URL { stateDirectory.appendingPathComponent("state.json") }
    /// One file per notification waiting to be published.
    public var outboxDirectory: URL { stateDirectory.appendingPathComponent("outbox", isDirectory: true) }
    /// Notifications SNS refused for good (bad topic, no permission), kept for a human.
    public var undeliverableDirectory: URL { stateDirectory.appendingPathComponent("undeliverable", isDirectory: true) }
    /// Active and recently expired silences (`druidwatch silence ...`).
    public var silencesFile: URL { stateDirectory.appendingPathComponent("silences.json") }
}
