/// The dimension tokens of the event being read, in storage the parser keeps from one
/// event to the next. `[DimensionToken]` cost a generic `replaceSubrange` to empty per
/// event and a uniqueness call plus capacity checks per append; here emptying is
/// setting a count and an append is one check and a store.
///
/// A value type all the same: storage shared with a copy is copied before it is written.
struct DimensionTokenList: RandomAccessCollection {
    typealias Token = DruidBatchParser.DimensionToken

    private final class Storage {
        let base: UnsafeMutablePointer<Token>
        let capacity: Int

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit {
            // Tokens hold ranges and flags only: nothing to deinitialise.
            base.deallocate()
        }
    }

    private var storage: Storage
    private(set) var count = 0

    init(capacity: Int) {
        storage = Storage(capacity: Swift.max(capacity, 4))
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(position: Int) -> Token {
        precondition(position >= 0 && position < count, "dimension token index out of range")
        return storage.base[position]
    }

    mutating func removeAll() {
        count = 0
    }

    @inline(__always)
    mutating func append(_ token: Token) {
        if count == storage.capacity || !isKnownUniquelyReferenced(&storage) {
            reallocate(capacity: count == storage.capacity ? storage.capacity * 2 : storage.capacity)
        }
        (storage.base + count).initialize(to: token)
        count += 1
    }

    @inline(never)
    private mutating func reallocate(capacity: Int) {
        let larger = Storage(capacity: capacity)
        larger.base.initialize(from: storage.base, count: count)
        storage = larger
    }
}
