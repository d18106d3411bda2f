#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte buffer written afresh for every event (the bytes that identify its series):
/// an append is a bounds check and a copy. `Array.append(contentsOf:)` of a buffer took
/// the generic sequence path and cost a sixth of the fold.
struct ByteScratch {
    private var storage: [UInt8]
    private(set) var count = 0

    init(capacity: Int) {
        storage = Array(repeating: 0, count: max(capacity, 16))
    }

    mutating func removeAll() {
        count = 0
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        let offset = count
        storage.withUnsafeMutableBytes { target in
            _ = memcpy(target.baseAddress! + offset, source, bytes.count)
        }
        count += bytes.count
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    private mutating func reserve(_ more: Int) {
        let needed = count + more
        guard needed > storage.count else { return }
        storage.append(contentsOf: repeatElement(0, count: max(needed, storage.count * 2) - storage.count))
    }

    /// The bytes written since the last `removeAll`.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }

    var bytes: [UInt8] { Array(storage[0..<count]) }
}
