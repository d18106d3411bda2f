import Foundation

/// Turns the identity settings into values. `auto` asks instance metadata for the
/// instance id and Auto Scaling group, and yields nil where there is no metadata
/// service (disabled, not on EC2) or no group; a metadata service that fails is an
/// error, because silently dropping a dimension would split the agent's metrics into
/// new series. Host name `auto` is the kernel's host name (`gethostname`).
public struct InstanceIdentityResolver: Sendable {
    private let instanceMetadata: InstanceMetadataClient?
    private let systemHostName: @Sendable () -> String?

    public init(
        instanceMetadata: InstanceMetadataClient?,
        systemHostName: @escaping @Sendable () -> String? = InstanceIdentityResolver.kernelHostName
    ) {
        self.instanceMetadata = instanceMetadata
        self.systemHostName = systemHostName
    }

    public func resolve(
        instanceId: IdentitySetting = .auto,
        autoScalingGroupName: IdentitySetting = .auto,
        hostName: IdentitySetting = .auto
    ) async throws(InstanceMetadataError) -> InstanceIdentity {
        InstanceIdentity(
            instanceId: try await value(for: instanceId) { metadata throws(InstanceMetadataError) in try await metadata.instanceId() },
            autoScalingGroupName: try await value(for: autoScalingGroupName) { metadata throws(InstanceMetadataError) in
                try await metadata.autoScalingGroupName()
            },
            hostName: Self.value(for: hostName, auto: systemHostName)
        )
    }

    private func value(
        for setting: IdentitySetting,
        fromMetadata read: (InstanceMetadataClient) async throws(InstanceMetadataError) -> String?
    ) async throws(InstanceMetadataError) -> String? {
        switch setting {
        case .none:
            return nil
        case let .literal(text):
            return Self.nonEmpty(text)
        case .auto:
            guard let instanceMetadata else { return nil }
            do {
                return try await read(instanceMetadata)
            } catch where error.meansUnavailable {
                return nil
            }
        }
    }

    private static func value(for setting: IdentitySetting, auto: () -> String?) -> String? {
        switch setting {
        case .none: nil
        case let .literal(text): nonEmpty(text)
        case .auto: nonEmpty(auto())
        }
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    @Sendable public static func kernelHostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
