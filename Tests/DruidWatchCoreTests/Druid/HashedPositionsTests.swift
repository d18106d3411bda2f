@testable import DruidWatchCore
import Testing

@Suite struct HashedPositionsTests {
    @Test func findsEveryPositionThroughGrowthAndCollisions() {
        var index = HashedPositions(capacity: 2)
        var keys: [UInt64] = []
        // Every fourth key shares its hash with the one before: only the caller's
        // comparison tells them apart.
        for position in 0..<1_000 {
            let hash = UInt64(position / 2) &* 0x9E37_79B9_7F4A_7C15
            keys.append(hash)
            index.insert(hash: hash, position: position)
        }
        #expect(index.count == 1_000)
        for (position, hash) in keys.enumerated() {
            #expect(index.first(hash: hash) { $0 == position } == position)
        }
        #expect(index.first(hash: 12_345) { _ in true } == nil)
        #expect(index.first(hash: keys[7]) { _ in false } == nil)
    }
}
