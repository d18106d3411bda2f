/// Compares secrets (a password, a token) in a time that depends on their lengths only,
/// never on where they first differ, so that a caller cannot guess one byte by byte
/// from how long a refusal takes.
public enum ConstantTimeComparison {
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: lhs.count ^ rhs.count) | UInt8(truncatingIfNeeded: (lhs.count ^ rhs.count) >> 8)
        for index in 0..<max(lhs.count, rhs.count) {
            difference |= (index < lhs.count ? lhs[index] : 0) ^ (index < rhs.count ? rhs[index] : 0)
        }
        return difference == 0 && lhs.count == rhs.count
    }
}
