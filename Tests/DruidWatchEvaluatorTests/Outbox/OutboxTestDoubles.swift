import DruidWatchTestSupport
import DruidWatchAWS
import DruidWatchCore
import DruidWatchEvaluator
import Foundation
import Logging
import Synchronization

/// Virtual time: `now` moves only when someone sleeps, by exactly the time asked, so
/// pacing and backoff are tested to the millisecond without waiting.
final class VirtualTime: WallClock, Sleeper {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_764_000_000)) {
        current = Mutex(start)
    }

    func now() -> Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    func sleep(for duration: Duration) async throws {
        advance(by: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        // A real pause, however short, so that a sender looping in virtual time leaves
        // the cooperative pool to the test task that waits on it (or cancels it).
        try await Task.sleep(for: .microseconds(50))
    }
}

/// A publisher whose answers the test scripts, recording every call and when it came.
final class ScriptedPublisher: NotificationPublisher {
    struct Call: Sendable {
        var topicARN: String
        var subject: String?
        var message: String
        var structure: SNSMessageStructure
        var at: Date
    }

    typealias Script = @Sendable (_ callNumber: Int, _ message: String) -> AWSCallError?

    private let calls = Mutex<[Call]>([])
    private let clock: any WallClock
    private let script: Script

    /// `script` answers the error to throw for the n-th call (1-based), nil to succeed.
    init(clock: any WallClock, script: @escaping Script = { _, _ in nil }) {
        self.clock = clock
        self.script = script
    }

    var recorded: [Call] { calls.withLock { $0 } }

    func publish(topicARN: String, subject: String?, message: String, structure: SNSMessageStructure) async throws(AWSCallError) -> String {
        let number = calls.withLock { calls in
            calls.append(Call(topicARN: topicARN, subject: subject, message: message, structure: structure, at: clock.now()))
            return calls.count
        }
        if let error = script(number, message) { throw error }
        return "message-\(number)"
    }

    static func serviceError(_ code: String, _ status: Int = 400) -> AWSCallError {
        .service(AWSServiceError(httpStatus: status, code: code, message: "scripted \(code)"))
    }
}

/// What the outbox tests log into (they check that a bound was logged).
typealias OutboxTestLog = RecordingLog

/// An evaluator state directory of its own per test, removed afterwards.
final class OutboxStateDirectory: Sendable {
    let paths = EvaluatorPaths(stateDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("druidwatch-outbox-\(UUID().uuidString)"))
    let log = OutboxTestLog()

    deinit { try? FileManager.default.removeItem(at: paths.stateDirectory) }

    func open(
        clock: any WallClock,
        maximumCount: Int = NotificationOutbox.Options.defaultMaximumCount,
        maximumBytes: Int = NotificationOutbox.Options.defaultMaximumBytes,
        maximumUndeliverable: Int = NotificationOutbox.Options.defaultMaximumUndeliverable
    ) throws -> NotificationOutbox {
        try NotificationOutbox(
            options: NotificationOutbox.Options(paths: paths, maximumCount: maximumCount, maximumBytes: maximumBytes, maximumUndeliverable: maximumUndeliverable, logger: log.logger()),
            clock: clock
        )
    }

    var outboxFiles: [String] { Self.names(in: paths.outboxDirectory) }
    var undeliverableFiles: [String] { Self.names(in: paths.undeliverableDirectory) }

    func undeliverable(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: paths.undeliverableDirectory.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    private static func names(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }
}

extension NotificationOutbox {
    /// Enqueues a small notification for topic `arn:aws:sns:us-east-1:123456789012:alarms`.
    @discardableResult
    func enqueue(_ id: String, message: String? = nil) throws -> EnqueueOutcome {
        try enqueue(id: id, topicARN: "arn:aws:sns:us-east-1:123456789012:alarms", subject: "ALARM: \(id)", message: message ?? #"{"default":"\#(id)"}"#, structure: .json)
    }
}
