import ArgumentParser
import DruidWatchConfig
import DruidWatchCore
import DruidWatchEvaluator
import Foundation

/// `druidwatch silence add|list|expire`: maintenance windows and acknowledged noise.
struct SilenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "silence",
        abstract: "Silence alarms for a while (maintenance windows), list and expire silences.",
        discussion: """
        Silences live in the evaluator's state directory (silences.json); the evaluator \
        reads them every cycle. Matchers use the alarm's labels: alarm (its name), \
        severity, group, the rule's labels and its group dimensions (e.g. dataSource).
        """,
        subcommands: [SilenceAddCommand.self, SilenceListCommand.self, SilenceExpireCommand.self]
    )
}

struct SilenceFileOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The evaluator's YAML configuration file (for its state directory).")
    var config: String = "/etc/druidwatch/evaluator.yaml"

    func store() throws -> SilenceStore {
        let settings = try loadEvaluatorConfigurationOrExit(config)
        return SilenceStore(file: EvaluatorPaths(stateDirectory: URL(fileURLWithPath: settings.stateDirectory)).silencesFile)
    }
}

struct SilenceAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a silence.")

    @OptionGroup var file: SilenceFileOptions

    @Option(name: .customLong("match"), help: "A matcher: name=value, name!=value, name=~regex, name!~regex (repeatable; all must match).")
    var matchers: [String] = []

    @Option(name: .customLong("for"), help: "How long: 30m, 2h, 1d.")
    var duration: String = "2h"

    @Option(help: "Why (required: whoever is paged next will read it).")
    var comment: String

    @Option(help: "Who silences (default: $USER).")
    var createdBy: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    func run() throws {
        guard let seconds = Self.seconds(duration), seconds > 0 else {
            throw ValidationError("--for must be a duration such as 30m, 2h or 1d")
        }
        let store = try file.store()
        let now = Date()
        do {
            var silences = try store.load()
            let silence = try Silence(
                id: UUID().uuidString.lowercased(), matching: matchers, startsAt: now, endsAt: now.addingTimeInterval(TimeInterval(seconds)),
                createdBy: createdBy, comment: comment
            )
            try silences.add(silence, at: now)
            silences.prune(expiredBefore: now.addingTimeInterval(-7 * 86_400))
            try store.save(silences)
            print("silence \(silence.id) until \(QueryFormEncoding.timestamp(silence.endsAt)): \(silence.matchers.map(\.description).joined(separator: " "))")
        } catch {
            printToStandardError("druidwatch silence add: \(error)")
            throw ExitCode.failure
        }
    }

    static func seconds(_ text: String) -> Int? {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
        guard let last = text.last, let unit = units[last], let value = Int(text.dropLast()) else { return Int(text) }
        return value * unit
    }
}

struct SilenceListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List active silences (and, with --all, expired ones).")

    @OptionGroup var file: SilenceFileOptions

    @Flag(help: "Include expired silences.")
    var all = false

    func run() throws {
        let now = Date()
        let silences: SilenceSet
        do {
            silences = try file.store().load()
        } catch {
            printToStandardError("druidwatch silence list: \(error)")
            throw ExitCode.failure
        }
        let shown = silences.silences.filter { all || !$0.isExpired(at: now) }
        if shown.isEmpty { print("no \(all ? "" : "active ")silences") }
        for silence in shown {
            let state = silence.isActive(at: now) ? "active" : silence.isExpired(at: now) ? "expired" : "pending"
            print("\(silence.id)  \(state)  until \(QueryFormEncoding.timestamp(silence.endsAt))  \(silence.matchers.map(\.description).joined(separator: " "))  by \(silence.createdBy): \(silence.comment)")
        }
    }
}

struct SilenceExpireCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "expire", abstract: "End a silence now.")

    @OptionGroup var file: SilenceFileOptions

    @Argument(help: "The silence's id (from `druidwatch silence list`).")
    var id: String

    func run() throws {
        do {
            let store = try file.store()
            var silences = try store.load()
            guard silences.expire(id: id, at: Date()) else {
                printToStandardError("druidwatch silence expire: no active silence \(id)")
                throw ExitCode.failure
            }
            try store.save(silences)
            print("silence \(id) expired")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printToStandardError("druidwatch silence expire: \(error)")
            throw ExitCode.failure
        }
    }
}
