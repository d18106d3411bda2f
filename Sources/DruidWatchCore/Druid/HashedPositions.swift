/// Positions in an array the caller keeps, found by a 64-bit hash the caller computed;
/// a hash found is always confirmed by the caller's own comparison. Open addressing
/// over one flat array: every event of a batch looks up its metric and its series, and
/// `[UInt64: [Int]]` hashed each key a second time (SipHash) and allocated an array
/// per entry.
struct HashedPositions {
    private struct Slot {
        var hash: UInt64
        /// Position + 1; 0 marks an empty slot.
        var storedPosition: Int
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(hash: 0, storedPosition: 0), count: size)
        mask = size - 1
    }

    /// The first position stored under `hash` that `matches` accepts.
    @inline(__always)
    func first(hash: UInt64, where matches: (Int) -> Bool) -> Int? {
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot.storedPosition == 0 { return nil }
            if slot.hash == hash, matches(slot.storedPosition - 1) { return slot.storedPosition - 1 }
            index = (index + 1) & mask
        }
    }

    mutating func insert(hash: UInt64, position: Int) {
        precondition(position >= 0, "positions are array indices")
        // At most half full, so that probes stay short and always end at an empty slot.
        if (count + 1) * 2 > slots.count { grow() }
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index].storedPosition != 0 { index = (index + 1) & mask }
        slots[index] = Slot(hash: hash, storedPosition: position + 1)
        count += 1
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, storedPosition: 0), count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for slot in old where slot.storedPosition != 0 {
            insert(hash: slot.hash, position: slot.storedPosition - 1)
        }
    }
}
