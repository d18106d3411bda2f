import DruidWatchCore
import Testing

@Suite struct ConstantTimeComparisonTests {
    @Test func equalOnlyWhenEveryByteAndTheLengthAgree() {
        let secret = Array("druid:s3cret".utf8)
        #expect(ConstantTimeComparison.equals(secret, secret))
        #expect(!ConstantTimeComparison.equals(secret, Array("druid:s3creT".utf8)))
        #expect(!ConstantTimeComparison.equals(secret, Array("druid:s3cret ".utf8)))
        #expect(!ConstantTimeComparison.equals(secret, []))
        #expect(ConstantTimeComparison.equals([], []))
        // Lengths 256 apart differ only above the low byte of the count.
        #expect(!ConstantTimeComparison.equals([UInt8](repeating: 0, count: 256), []))
    }
}
