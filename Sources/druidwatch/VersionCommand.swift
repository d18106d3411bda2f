import ArgumentParser

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print druidwatch's version.")

    func run() {
        print("druidwatch \(DruidWatchVersion.current)")
    }
}
