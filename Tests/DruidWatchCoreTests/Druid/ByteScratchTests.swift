@testable import DruidWatchCore
import Testing

@Suite struct ByteScratchTests {
    @Test func appendsPastItsCapacityAndStartsAgainEmpty() {
        var scratch = ByteScratch(capacity: 16)
        var expected: [UInt8] = []
        for round in 0..<40 {
            let chunk = (0..<round).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ round) }
            chunk.withUnsafeBytes { scratch.append($0) }
            scratch.append(0xFF)
            expected += chunk + [0xFF]
        }
        #expect(scratch.count == expected.count)
        #expect(scratch.bytes == expected)
        #expect(scratch.withUnsafeBytes { Array($0) } == expected)

        scratch.removeAll()
        #expect(scratch.count == 0)
        #expect(scratch.bytes.isEmpty)
        [UInt8]().withUnsafeBytes { scratch.append($0) }
        scratch.append(1)
        #expect(scratch.bytes == [1])
    }
}
