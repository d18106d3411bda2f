/// One profile as the SDKs see it: the settings of the config file's section with the
/// credentials file's section of the same name laid over them, so that a key in the
/// credentials file wins. Each setting remembers its file, for error messages.
public struct SharedConfigProfile: Sendable, Equatable {
    public struct Setting: Sendable, Equatable {
        public var value: String
        public var file: String
    }

    public let name: String
    /// Lowercased key → setting.
    public private(set) var settings: [String: Setting]

    public init(name: String, settings: [String: Setting] = [:]) {
        self.name = name
        self.settings = settings
    }

    /// The value of `key` (any case); nil when absent or empty, as the SDKs treat an
    /// empty value.
    public subscript(key: String) -> String? {
        guard let value = settings[key.lowercased()]?.value, !value.isEmpty else { return nil }
        return value
    }

    public func file(of key: String) -> String? {
        settings[key.lowercased()]?.file
    }

    mutating func overlay(_ values: [String: String], from file: String) {
        for (key, value) in values {
            settings[key] = Setting(value: value, file: file)
        }
    }
}
