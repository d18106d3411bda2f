import Foundation
import Yams

/// Reads typed values out of a YAML document while recording every problem with its
/// line and field path. Used for the agent configuration and meant for every other
/// YAML file druidwatch reads (evaluator configuration, alarm rules).
public final class ConfigReader {
    public let file: String
    public private(set) var issues: [ConfigIssue] = []
    /// The line of every field read so far, by path (`aggregation.rollups[0].dimension_sets[1]`),
    /// for remarks made after reading, such as check-config's warnings.
    public private(set) var lines: [String: Int] = [:]

    public init(file: String) {
        self.file = file
    }

    /// Parses the text; nil (with an issue recorded) on a YAML syntax error. An empty
    /// document is an empty mapping.
    public func document(_ yaml: String) -> ConfigNode? {
        do {
            // A bare `---` (or `---` and comments) is an empty document too.
            // No tag resolution: every value is read as text and checked by druidwatch
            // (numbers, durations, booleans), and Yams' default resolver runs up to
            // seven regular expressions over every scalar, keys included, to find tags
            // nothing here looks at. UTF-8 spelt out, or Yams reads the environment on
            // every call to pick an encoding.
            guard let node = try Yams.compose(yaml: yaml, .basic, .default, .utf8), node.null == nil else {
                return ConfigNode(node: .mapping(Node.Mapping([])), path: "", reader: self)
            }
            return ConfigNode(node: node, path: "", reader: self)
        } catch let error as YamlError {
            issues.append(Self.issue(for: error, file: file))
            return nil
        } catch {
            issues.append(ConfigIssue(file: file, line: 1, field: "(syntax)", message: "\(error)"))
            return nil
        }
    }

    func record(_ node: ConfigNode) {
        if lines[node.path] == nil { lines[node.path] = node.line }
    }

    func report(_ node: Node?, _ path: String, _ message: String) {
        issues.append(ConfigIssue(
            file: file,
            line: node?.mark?.line ?? 0,
            column: node?.mark?.column ?? 0,
            field: path.isEmpty ? "(document)" : path,
            message: message
        ))
    }

    static func issue(for error: YamlError, file: String) -> ConfigIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return ConfigIssue(file: file, line: mark.line, column: mark.column, field: "(syntax)", message: detail)
        case let .duplicatedKeysInMapping(duplicates, context):
            return ConfigIssue(file: file, line: context.mark.line, column: context.mark.column, field: "(syntax)",
                               message: "duplicate keys: \(duplicates.joined(separator: ", "))")
        default:
            return ConfigIssue(file: file, line: 1, field: "(syntax)", message: "\(error)")
        }
    }
}

/// A node of the document with its field path, and typed accessors that report to the reader.
public struct ConfigNode {
    let node: Node
    public let path: String
    let reader: ConfigReader

    public var line: Int { node.mark?.line ?? 0 }

    public func report(_ message: String) {
        reader.report(node, path, message)
    }

    /// A mapping's entries, with every key not in `allowed` reported as unknown.
    public func mapping(allowed: [String]) -> ConfigMapping? {
        guard case let .mapping(mapping) = node else {
            report("expected a mapping of keys to values")
            return nil
        }
        var entries: [String: ConfigNode] = [:]
        for (key, value) in mapping {
            guard let name = key.string else {
                reader.report(key, path, "keys must be plain strings")
                continue
            }
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            guard allowed.contains(name) else {
                let suggestion = Self.closest(to: name, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                reader.report(key, childPath, "unknown key '\(name)'\(suggestion); allowed: \(allowed.joined(separator: ", "))")
                continue
            }
            let child = ConfigNode(node: value, path: childPath, reader: reader)
            reader.record(child)
            entries[name] = child
        }
        return ConfigMapping(entries: entries, node: self)
    }

    /// The entries of a free-form mapping whose keys are data (metric names), in file order.
    public func freeMapping() -> [(key: String, node: ConfigNode)]? {
        guard case let .mapping(mapping) = node else {
            report("expected a mapping")
            return nil
        }
        return mapping.map { key, value in
            let name = key.string ?? ""
            let child = ConfigNode(node: value, path: path.isEmpty ? name : "\(path).\(name)", reader: reader)
            reader.record(child)
            return (name, child)
        }
    }

    /// The entries of a free-form mapping of strings (e.g. static dimensions), in file order.
    public func stringPairs() -> [(key: String, value: String, node: ConfigNode)]? {
        guard case let .mapping(mapping) = node else {
            report("expected a mapping of names to values")
            return nil
        }
        var pairs: [(String, String, ConfigNode)] = []
        for (key, value) in mapping {
            let name = key.string ?? ""
            let child = ConfigNode(node: value, path: path.isEmpty ? name : "\(path).\(name)", reader: reader)
            guard let text = child.scalarText() else {
                child.report("expected a text value")
                continue
            }
            pairs.append((name, text, child))
        }
        return pairs
    }

    public func string() -> String? {
        guard let text = scalarText() else {
            report("expected a text value")
            return nil
        }
        return text
    }

    public func bool() -> Bool? {
        switch scalarText()?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report("expected true or false")
            return nil
        }
    }

    /// "500ms", "10s", "5m", "1h", or a bare number of seconds.
    public func duration() -> Duration? {
        guard let text = scalarText(), let duration = Self.parseDuration(text) else {
            report("expected a duration such as 500ms, 10s, 5m or 1h")
            return nil
        }
        return duration
    }

    public func oneOf(_ allowed: [String]) -> String? {
        guard let text = scalarText(), allowed.contains(text) else {
            report("expected one of: \(allowed.joined(separator: ", "))")
            return nil
        }
        return text
    }

    /// A list's elements, each with its own path (`field[2]`).
    public func list() -> [ConfigNode]? {
        guard case let .sequence(sequence) = node else {
            report("expected a list")
            return nil
        }
        return sequence.enumerated().map { index, element in
            let child = ConfigNode(node: element, path: "\(path)[\(index)]", reader: reader)
            reader.record(child)
            return child
        }
    }

    public func stringList() -> [String]? {
        guard let elements = list() else { return nil }
        var values: [String] = []
        for child in elements {
            if let text = child.string() {
                if text.isEmpty { child.report("must not be empty") } else { values.append(text) }
            }
        }
        return values
    }

    func scalarText() -> String? {
        guard case let .scalar(scalar) = node else { return nil }
        return scalar.string
    }

    static func parseDuration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            let number = trimmed.dropLast(suffix.count)
            if suffix == "s", number.hasSuffix("m") { continue }
            guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
            return wholeMilliseconds(value * scale * 1000)
        }
        guard let seconds = Double(trimmed), seconds.isFinite, seconds >= 0 else { return nil }
        return wholeMilliseconds(seconds * 1000)
    }

    /// nil beyond Int64 milliseconds, where the conversion would trap (e.g. `1e300s`).
    private static func wholeMilliseconds(_ value: Double) -> Duration? {
        let rounded = value.rounded()
        guard rounded < Double(Int64.max) else { return nil }
        return .milliseconds(Int64(rounded))
    }

    static func closest(to name: String, in candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        var best: (name: String, distance: Int)?
        // The difference in length is the least the distance can be: a long unknown key
        // is not compared letter by letter with every short known one.
        for candidate in candidates where abs(candidate.count - name.count) <= limit {
            let distance = editDistance(name, candidate)
            if distance <= limit, distance < best?.distance ?? .max { best = (candidate, distance) }
        }
        return best?.name
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}

/// The known keys of one mapping.
public struct ConfigMapping {
    public let entries: [String: ConfigNode]
    public let node: ConfigNode

    public subscript(_ key: String) -> ConfigNode? { entries[key] }
}
