@testable import DruidWatchCore
import Testing

@Suite struct DimensionTokenListTests {
    typealias Token = DruidBatchParser.DimensionToken

    static func token(_ number: Int) -> Token {
        Token(key: number..<number + 3, keyEscaped: number % 3 == 0, value: number + 4..<number + 9, kind: number % 2 == 0 ? .string : .scalar)
    }

    static func keys(_ list: DimensionTokenList) -> [Range<Int>] { list.map(\.key) }

    @Test func growsPastItsCapacityAndStartsAgainEmpty() {
        var list = DimensionTokenList(capacity: 4)
        for number in 0..<100 { list.append(Self.token(number)) }
        #expect(list.count == 100)
        #expect(Self.keys(list) == (0..<100).map { $0..<$0 + 3 })
        #expect(list[99].value == 103..<108 && list[99].keyEscaped && list[98].kind == .string)

        list.removeAll()
        #expect(list.isEmpty)
        list.append(Self.token(7))
        #expect(Self.keys(list) == [7..<10])
    }

    /// A copy keeps what it had when it was made, whatever the original does next.
    @Test func copiesDoNotShareWhatIsWrittenAfterwards() {
        var original = DimensionTokenList(capacity: 8)
        for number in 0..<3 { original.append(Self.token(number)) }
        let copy = original
        original.removeAll()
        for number in 10..<20 { original.append(Self.token(number)) }
        #expect(Self.keys(copy) == [0..<3, 1..<4, 2..<5])
        #expect(Self.keys(original) == (10..<20).map { $0..<$0 + 3 })

        var second = copy
        second.append(Self.token(50))
        #expect(copy.count == 3)
        #expect(Self.keys(second) == [0..<3, 1..<4, 2..<5, 50..<53])
    }
}
