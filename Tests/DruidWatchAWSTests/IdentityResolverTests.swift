@testable import DruidWatchAWS
import Foundation
import Testing

@Suite struct IdentityResolverTests {
    private let fixedHost: @Sendable () -> String? = { "druid-historical-7" }

    @Test func autoReadsInstanceMetadata() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let identity = try await InstanceIdentityResolver(instanceMetadata: testbed.client(), systemHostName: fixedHost).resolve()
            #expect(identity == InstanceIdentity(
                instanceId: "i-0abc1234def567890", autoScalingGroupName: "druid-historicals", hostName: "druid-historical-7"
            ))
        }
    }

    @Test func autoScalingGroupAbsentWhenTagsAreNotExposed() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.autoScalingGroupName = nil }
            let identity = try await InstanceIdentityResolver(instanceMetadata: testbed.client(), systemHostName: fixedHost).resolve()
            #expect(identity.instanceId == "i-0abc1234def567890")
            #expect(identity.autoScalingGroupName == nil)
        }
    }

    @Test func noneAndLiteralNeedNoMetadata() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            let identity = try await InstanceIdentityResolver(instanceMetadata: testbed.client(), systemHostName: fixedHost).resolve(
                instanceId: .literal("i-literal"), autoScalingGroupName: .none, hostName: .literal(" broker-1 ")
            )
            #expect(identity == InstanceIdentity(instanceId: "i-literal", autoScalingGroupName: nil, hostName: "broker-1"))
            #expect(testbed.server.requests.isEmpty)

            let blank = try await InstanceIdentityResolver(instanceMetadata: nil, systemHostName: fixedHost).resolve(
                instanceId: .literal(""), autoScalingGroupName: .literal("  "), hostName: .none
            )
            #expect(blank == InstanceIdentity(instanceId: nil, autoScalingGroupName: nil, hostName: nil))
        }
    }

    @Test func autoOffEC2LeavesInstanceFieldsOut() async throws {
        let disabled = InstanceMetadataClient(
            httpClient: InstanceMetadataCountingClient(), configuration: .resolved(environment: ["AWS_EC2_METADATA_DISABLED": "true"])
        )
        for metadata in [disabled, nil] {
            let identity = try await InstanceIdentityResolver(instanceMetadata: metadata, systemHostName: fixedHost).resolve()
            #expect(identity == InstanceIdentity(instanceId: nil, autoScalingGroupName: nil, hostName: "druid-historical-7"))
        }
    }

    @Test func failingMetadataServiceIsAnError() async throws {
        try await InstanceMetadataTestbed.with { testbed throws in
            testbed.emulator.update { $0.scripted["/latest/meta-data/instance-id"] = [.status(500), .status(500)] }
            await #expect(throws: InstanceMetadataError.unexpectedStatus(path: "instance-id", status: 500)) {
                try await InstanceIdentityResolver(instanceMetadata: testbed.client(), systemHostName: fixedHost).resolve()
            }
        }
    }

    @Test func kernelHostNameMatchesTheKernel() throws {
        let kernel = try String(contentsOfFile: "/proc/sys/kernel/hostname", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(InstanceIdentityResolver.kernelHostName() == kernel)
        #expect(!kernel.isEmpty)
    }
}
