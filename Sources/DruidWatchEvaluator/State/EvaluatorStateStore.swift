import DruidWatchStorage
import Foundation
import Logging

/// Reads and writes the state file atomically (temporary file, fsync, rename, fsync of
/// the directory), so that a crash leaves either the previous state or the new one.
///
/// A corrupt or unreadable file is moved aside (`state.json.corrupt-<time>`, for a human
/// to look at) and the evaluator starts afresh: every alarm in INSUFFICIENT_DATA, no
/// notification log. It never pages for the corruption itself; an alarm still firing is
/// notified again once its rule is evaluated, since forgetting it would be worse.
public struct EvaluatorStateStore: Sendable {
    public enum Loaded: Sendable {
        case fresh(PersistedEvaluatorState)
        case restored(PersistedEvaluatorState)
        /// The file could not be used; `movedTo` is where it was put aside.
        case corrupt(PersistedEvaluatorState, reason: String, movedTo: URL?)

        public var state: PersistedEvaluatorState {
            switch self {
            case let .fresh(state), let .restored(state), let .corrupt(state, _, _): state
            }
        }
    }

    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    public func load(now: Date) -> Loaded {
        let loaded = loadReadOnly(now: now)
        guard case let .corrupt(state, reason, _) = loaded else { return loaded }
        let aside = file.deletingLastPathComponent().appendingPathComponent("\(file.lastPathComponent).corrupt-\(Int(now.timeIntervalSince1970))")
        let moved = (try? DurableFile.move(file, to: aside)) != nil
        return .corrupt(state, reason: reason, movedTo: moved ? aside : nil)
    }

    /// The state without touching the file, for readers such as `alarms status`.
    public func loadReadOnly(now: Date = Date()) -> Loaded {
        guard FileManager.default.fileExists(atPath: file.path) else { return .fresh(PersistedEvaluatorState(savedAt: now)) }
        let reason: String
        do {
            let data = try DurableFile.read(file)
            let state = try JSONDecoder.evaluatorState.decode(PersistedEvaluatorState.self, from: data)
            guard state.version == PersistedEvaluatorState.currentVersion else {
                throw StateFileError.unknownVersion(state.version)
            }
            return .restored(state)
        } catch let error as DecodingError {
            reason = "not a state file this version can read (\(Self.describe(error)))"
        } catch {
            reason = "\(error)"
        }
        return .corrupt(PersistedEvaluatorState(savedAt: now), reason: reason, movedTo: nil)
    }

    public func save(_ state: PersistedEvaluatorState) throws(DurableFileError) {
        let data: Data
        do {
            data = try JSONEncoder.evaluatorState.encode(state)
        } catch {
            // Every type in the state encodes; a failure here is a programming error,
            // reported like a write failure so that the evaluator keeps running.
            throw DurableFileError(operation: "encode the state for", path: file.path, reason: "\(error)")
        }
        try DurableFile.write(data, to: file, permissions: 0o600)
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .dataCorrupted(context), let .keyNotFound(_, context), let .typeMismatch(_, context), let .valueNotFound(_, context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

enum StateFileError: Error, CustomStringConvertible {
    case unknownVersion(Int)

    var description: String {
        switch self {
        case let .unknownVersion(version): "state file version \(version); this evaluator reads version \(PersistedEvaluatorState.currentVersion)"
        }
    }
}

extension JSONEncoder {
    /// Sorted keys: the same state writes the same bytes, which keeps diffs of it readable.
    static var evaluatorState: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return encoder
    }
}

extension JSONDecoder {
    static var evaluatorState: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }
}
