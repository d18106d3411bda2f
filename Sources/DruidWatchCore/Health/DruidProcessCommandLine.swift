/// A Druid JVM recognised from its `/proc/<pid>/cmdline` (arguments separated by NUL).
///
/// Druid's `bin/run-druid` starts `java -Ddruid.node.type=<name> ... -cp
/// <conf>/<name>:<conf>/_common:...:lib/* org.apache.druid.cli.Main server <kind>`
/// (the combined `coordinator-overlord` runs as `server coordinator`), and a
/// MiddleManager starts its tasks as `... org.apache.druid.cli.Main internal peon ...`
/// with the task's port as `-Ddruid.plaintextPort`.
public struct DruidProcessCommandLine: Sendable, Equatable {
    public static let mainClasses: Set<String> = ["org.apache.druid.cli.Main", "io.druid.cli.Main"]

    public var kind: DruidServiceKind
    /// Class path entries that are directories (not jars, not `dir/*`), in order: where
    /// `runtime.properties` and `common.runtime.properties` are looked up. Relative
    /// entries are relative to the process's working directory.
    public var configDirectories: [String]
    /// `-Dname=value` arguments before the main class; they override the files.
    public var systemProperties: RuntimeProperties

    public init(kind: DruidServiceKind, configDirectories: [String], systemProperties: RuntimeProperties) {
        self.kind = kind
        self.configDirectories = configDirectories
        self.systemProperties = systemProperties
    }

    /// Nil for anything that is not a Druid server or peon, including a command line
    /// cut off before the service name.
    public static func parse(_ raw: some Collection<UInt8>) -> DruidProcessCommandLine? {
        var arguments = raw.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if arguments.last == "" { arguments.removeLast() }
        return parse(arguments: arguments)
    }

    public static func parse(arguments: [String]) -> DruidProcessCommandLine? {
        guard let mainIndex = arguments.firstIndex(where: { mainClasses.contains($0) }) else { return nil }
        let rest = arguments[(mainIndex + 1)...]
        guard let command = rest.first, let name = rest.dropFirst().first else { return nil }
        let kind: DruidServiceKind
        switch command {
        case "server":
            guard let serverKind = DruidServiceKind(name: name), serverKind != .peon else { return nil }
            kind = serverKind
        case "internal" where name == "peon":
            kind = .peon
        default:
            return nil
        }

        var classPath: [String] = []
        var properties: [String: String] = [:]
        var index = arguments.startIndex
        while index < mainIndex {
            let argument = arguments[index]
            if argument == "-cp" || argument == "-classpath" || argument == "--class-path" {
                if index + 1 < mainIndex { classPath = split(classPath: arguments[index + 1]) }
                index += 2
                continue
            }
            if argument.hasPrefix("--class-path=") {
                classPath = split(classPath: String(argument.dropFirst("--class-path=".count)))
            } else if argument.hasPrefix("-D") {
                let definition = argument.dropFirst(2)
                if let equals = definition.firstIndex(of: "=") {
                    properties[String(definition[..<equals])] = String(definition[definition.index(after: equals)...])
                } else if !definition.isEmpty {
                    properties[String(definition)] = ""
                }
            }
            index += 1
        }
        return DruidProcessCommandLine(kind: kind, configDirectories: classPath, systemProperties: RuntimeProperties(properties))
    }

    /// The directory entries of a class path; `lib/*` and jars are not directories.
    static func split(classPath: String) -> [String] {
        classPath.split(separator: ":").map(String.init).filter { entry in
            !entry.hasSuffix("*") && !entry.lowercased().hasSuffix(".jar") && !entry.lowercased().hasSuffix(".zip")
        }
        .map { entry in entry.count > 1 && entry.hasSuffix("/") ? String(entry.dropLast()) : entry }
    }
}
