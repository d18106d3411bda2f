import DruidWatchCore
import Foundation
import Logging

/// Finds the Druid JVMs on this host by reading `<procRoot>/<pid>/cmdline`, and where
/// each listens from its `runtime.properties` (looked up in the class path's
/// directories, as Druid loads it) and `-D` properties, else from Druid's default
/// ports. A coordinator with `druid.coordinator.asOverlord.enabled=true` (the
/// `coordinator-overlord` layout) also yields an overlord on the same port.
public struct DruidProcessDiscovery: Sendable {
    public var procRoot: String
    /// The host the probes use; Druid listens on every interface unless told otherwise.
    public var host: String
    /// A command line or properties file above this is cut (and a cut file is still
    /// read up to the limit).
    public var maximumFileBytes: Int
    public var logger: Logger

    public init(
        procRoot: String = "/proc",
        host: String = "127.0.0.1",
        maximumFileBytes: Int = 1 << 20,
        logger: Logger = Logger(label: "druidwatch.source.druid_health.discovery")
    ) {
        self.procRoot = procRoot
        self.host = host
        self.maximumFileBytes = maximumFileBytes
        self.logger = logger
    }

    /// One Druid process as found.
    public struct Process: Sendable, Equatable {
        public var pid: Int
        public var commandLine: DruidProcessCommandLine
        /// `common.runtime.properties`, then `runtime.properties`, then `-D` properties.
        public var properties: RuntimeProperties
        /// The properties files that were read.
        public var propertiesFiles: [String]
    }

    /// The services to probe, ordered by kind and URL.
    public func discover() -> [DruidHealthTarget] {
        var targets: [DruidHealthTarget] = []
        for process in processes() {
            let kind = process.commandLine.kind
            guard let address = process.properties.listenAddress(for: kind) else {
                logger.debug("Druid process listens on no usable port", metadata: ["pid": "\(process.pid)", "kind": "\(kind.rawValue)"])
                continue
            }
            let baseURL = "\(address.scheme)://\(host):\(address.port)"
            targets.append(DruidHealthTarget(kind: kind, baseURL: baseURL, serviceName: process.properties.serviceName))
            if kind == .coordinator, process.properties.bool("druid.coordinator.asOverlord.enabled") == true {
                let overlordService = process.properties["druid.coordinator.asOverlord.overlordService"]
                targets.append(DruidHealthTarget(kind: .overlord, baseURL: baseURL, serviceName: overlordService))
            }
        }
        return DruidHealthTarget.merge(configured: [], discovered: targets.sorted { ($0.kind, $0.baseURL) < ($1.kind, $1.baseURL) })
    }

    /// Every process under `procRoot` whose command line is a Druid server or peon.
    public func processes() -> [Process] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? []
        return entries.compactMap { Int($0) }.sorted().compactMap(process(pid:))
    }

    public func process(pid: Int) -> Process? {
        let directory = "\(procRoot)/\(pid)"
        guard let raw = read("\(directory)/cmdline"), let commandLine = DruidProcessCommandLine.parse(raw) else { return nil }
        let workingDirectory = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/cwd")
        var properties = RuntimeProperties()
        var files: [String] = []
        for name in ["common.runtime.properties", "runtime.properties"] {
            // Druid takes the first file of each name on its class path.
            for entry in commandLine.configDirectories {
                guard let directory = resolve(entry, in: workingDirectory) else { continue }
                let path = directory + "/" + name
                guard let data = read(path) else { continue }
                properties = properties.overlaid(with: RuntimeProperties.parse(data))
                files.append(path)
                break
            }
        }
        properties = properties.overlaid(with: commandLine.systemProperties)
        return Process(pid: pid, commandLine: commandLine, properties: properties, propertiesFiles: files)
    }

    /// A relative class path entry needs the process's working directory, which only
    /// its owner (or root) can read; without it the entry is skipped.
    private func resolve(_ entry: String, in workingDirectory: String?) -> String? {
        if entry.hasPrefix("/") { return entry }
        guard let workingDirectory else { return nil }
        return workingDirectory + "/" + entry
    }

    /// At most `maximumFileBytes` of a file; nil when it cannot be opened.
    private func read(_ path: String) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var bytes: [UInt8] = []
        while bytes.count < maximumFileBytes {
            guard let chunk = try? handle.read(upToCount: min(65_536, maximumFileBytes - bytes.count)), !chunk.isEmpty else { break }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
