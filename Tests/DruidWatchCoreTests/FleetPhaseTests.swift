import DruidWatchCore
import Testing

@Suite struct FleetPhaseTests {
    @Test func theOffsetIsStableAndWithinTheInterval() {
        let first = FleetPhase.offset(for: "i-0abc1234def567890", interval: .seconds(10))
        #expect(first == FleetPhase.offset(for: "i-0abc1234def567890", interval: .seconds(10)))
        #expect(first >= .zero && first < .seconds(10))
    }

    @Test func aFleetIsSpreadOverTheInterval() {
        let offsets = (0..<300).map { FleetPhase.offset(for: "i-\(String($0, radix: 16))", interval: .seconds(10)) }
        // 300 instances over ten one-second slots: every slot used, none holding a third.
        var slots = [Int](repeating: 0, count: 10)
        for offset in offsets { slots[Int(offset.components.seconds)] += 1 }
        #expect(slots.allSatisfy { $0 > 0 && $0 < 100 }, "\(slots)")
    }

    @Test func aTinyIntervalHasNoOffset() {
        #expect(FleetPhase.offset(for: "host", interval: .milliseconds(1)) == .zero)
    }
}
