import DruidWatchCore
import Testing

extension NotificationTests {
    @Suite struct AWSRegionNamesTests {
        @Test func namesAsCloudWatchWritesThem() {
            #expect(AWSRegionNames.displayName(for: "us-east-1") == "US East (N. Virginia)")
            #expect(AWSRegionNames.displayName(for: "eu-south-1") == "EU (Milan)")  // the reference's subject sample
            #expect(AWSRegionNames.displayName(for: "eu-west-2") == "EU (London)")  // observed payloads
            #expect(AWSRegionNames.displayName(for: "ap-northeast-1") == "Asia Pacific (Tokyo)")
            #expect(AWSRegionNames.displayName(for: "ca-central-1") == "Canada (Central)")
        }

        @Test func unknownCodesFallBackToTheCode() {
            #expect(AWSRegionNames.displayName(for: "xx-new-1") == "xx-new-1")
        }

        @Test func everyCommercialRegionHasADistinctName() {
            #expect(AWSRegionNames.names.count >= 34)
            #expect(Set(AWSRegionNames.names.values).count == AWSRegionNames.names.count)
            #expect(AWSRegionNames.names.values.allSatisfy { !$0.isEmpty && $0.count < 40 })
        }
    }
}
