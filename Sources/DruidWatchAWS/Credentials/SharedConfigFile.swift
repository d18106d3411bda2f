import Foundation

/// One parsed `~/.aws/config` or `~/.aws/credentials` file, following the AWS SDKs'
/// shared profile format:
/// - comment lines start with `#` or `;`; in a property value a comment must follow
///   whitespace (`key = value # note`), so values may contain those characters;
/// - `[name]` opens a profile; in the config file every profile but `[default]` is
///   `[profile name]` and other sections (`[sso-session x]`, `[services x]`) are not
///   profiles; in the credentials file the name is taken as written and a
///   `[profile name]` section is ignored, as the SDKs do;
/// - in the config file `[profile default]` replaces `[default]` when both exist;
/// - an indented line continues the property above it, which is how sub-sections such
///   as `s3 =` followed by indented settings are written: they stay inside that
///   property's value and are never read as the profile's own keys;
/// - keys are compared case-insensitively (botocore lowercases them); profile names are
///   case-sensitive; sections of the same name are merged, later values winning.
public struct SharedConfigFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case config
        case credentials
    }

    public let path: String
    public let kind: Kind
    /// Profile name → lowercased key → value.
    public let profiles: [String: [String: String]]

    public init(path: String, kind: Kind, profiles: [String: [String: String]]) {
        self.path = path
        self.kind = kind
        self.profiles = profiles
    }

    /// Reads and parses the file; nil when it does not exist.
    public static func load(path: String, kind: Kind) throws(SharedConfigFileError) -> SharedConfigFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        if isDirectory.boolValue { throw .unreadable(path: path, reason: "it is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied")
        }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "it is not UTF-8 text")
        }
        return try parse(text, kind: kind, path: path)
    }

    public static func parse(_ text: String, kind: Kind, path: String) throws(SharedConfigFileError) -> SharedConfigFile {
        var sections: [(name: String, properties: [String: String])] = []
        var currentSection: Int?
        var currentKey: String?

        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }

            if trimmed.hasPrefix("[") {
                let withoutComment = strippingComment(trimmed, commentNeedsWhitespace: false)
                guard withoutComment.hasSuffix("]") else {
                    throw .malformed(path: path, line: lineNumber, reason: "a section header must end with ']'")
                }
                let name = withoutComment.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    throw .malformed(path: path, line: lineNumber, reason: "a section header needs a name")
                }
                sections.append((name, [:]))
                currentSection = sections.count - 1
                currentKey = nil
                continue
            }

            guard let section = currentSection else {
                throw .malformed(path: path, line: lineNumber, reason: "a setting appears before any [section] header")
            }

            if rawLine.first == " " || rawLine.first == "\t" {
                guard let key = currentKey else {
                    throw .malformed(path: path, line: lineNumber, reason: "an indented line must continue a setting above it")
                }
                sections[section].properties[key, default: ""] += "\n" + trimmed
                continue
            }

            let setting = strippingComment(trimmed, commentNeedsWhitespace: true)
            guard let equals = setting.firstIndex(of: "=") else {
                throw .malformed(path: path, line: lineNumber, reason: "expected 'key = value'")
            }
            let key = setting[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard !key.isEmpty else {
                throw .malformed(path: path, line: lineNumber, reason: "a setting needs a key before '='")
            }
            sections[section].properties[key] = setting[setting.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            currentKey = key
        }

        return SharedConfigFile(path: path, kind: kind, profiles: profiles(from: sections, kind: kind))
    }

    /// Turns section names into profile names for this kind of file, dropping sections
    /// that are not profiles and merging repeated ones.
    private static func profiles(from sections: [(name: String, properties: [String: String])], kind: Kind) -> [String: [String: String]] {
        var profiles: [String: [String: String]] = [:]
        let hasPrefixedDefault = kind == .config && sections.contains { section in
            guard let (name, prefixed) = profileName(ofSection: section.name, kind: kind) else { return false }
            return name == "default" && prefixed
        }
        for section in sections {
            guard let (name, prefixed) = profileName(ofSection: section.name, kind: kind) else { continue }
            if name == "default", hasPrefixedDefault, !prefixed { continue }
            profiles[name, default: [:]].merge(section.properties) { _, later in later }
        }
        return profiles
    }

    /// The profile a section defines and whether it was written `[profile name]`; nil
    /// for sections that are not profiles in this kind of file.
    private static func profileName(ofSection section: String, kind: Kind) -> (String, Bool)? {
        let words = section.split(whereSeparator: { $0 == " " || $0 == "\t" })
        switch (kind, words.count) {
        case (.config, 1):
            return words[0] == "default" ? ("default", false) : nil
        case (.config, 2):
            return words[0] == "profile" ? (String(words[1]), true) : nil
        case (.credentials, 1):
            return (String(words[0]), false)
        default:
            return nil
        }
    }

    private static func strippingComment(_ line: String, commentNeedsWhitespace: Bool) -> String {
        var previous: Character?
        for index in line.indices {
            let character = line[index]
            if character == "#" || character == ";",
               !commentNeedsWhitespace || previous == " " || previous == "\t" {
                return line[..<index].trimmingCharacters(in: .whitespaces)
            }
            previous = character
        }
        return line
    }
}
