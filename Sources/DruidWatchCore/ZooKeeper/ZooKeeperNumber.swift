/// Reads one number as ZooKeeper spells them: Java's `Long.toString` (`42`, `-1`) and
/// `Double.toString` (`9.5385`, `1.2E7`), in `mntr` text and in the AdminServer's JSON
/// alike. Stricter than `Double(_:)`, which would also take `nan`, `inf` and hex.
enum ZooKeeperNumber {
    /// 2^53: beyond it a Double no longer holds every integer, so a counter delta
    /// computed there would be wrong; no real ZooKeeper figure comes near it.
    static let largestExactMagnitude: Double = 9_007_199_254_740_992

    static func decimal(_ text: Substring) -> Result<Double, Rejection> {
        guard isWellFormed(text) else {
            switch text {
            case "NaN", "Infinity", "-Infinity", "+Infinity": return .failure(.notFinite(String(text)))
            default: return .failure(.notANumber)
            }
        }
        // Whole numbers are compared before becoming a Double, which would round
        // 2^53 + 1 down to 2^53 and let it pass.
        if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            guard let whole = Int64(text), whole.magnitude <= UInt64(largestExactMagnitude) else { return .failure(.outOfRange) }
            return .success(Double(whole))
        }
        guard let value = Double(String(text)), value.isFinite, abs(value) <= largestExactMagnitude else {
            return .failure(.outOfRange)
        }
        return .success(value)
    }

    static func integer(_ text: Substring) -> Result<Int64, Rejection> {
        switch decimal(text) {
        case let .failure(rejection): .failure(rejection)
        case let .success(value): value.rounded(.towardZero) == value ? .success(Int64(value)) : .failure(.notWhole)
        }
    }

    enum Rejection: Error, Equatable, CustomStringConvertible {
        case notANumber
        case notFinite(String)
        case outOfRange
        case notWhole

        var description: String {
            switch self {
            case .notANumber: "not a number"
            case let .notFinite(spelling): "\(spelling) is not a finite number"
            case .outOfRange: "beyond ±2^53, where a double stops counting exactly"
            case .notWhole: "expected a whole number"
            }
        }
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]`: Java's and JSON's forms, nothing else.
    private static func isWellFormed(_ text: Substring) -> Bool {
        var bytes = text.utf8[...]
        func digits() -> Bool {
            let count = bytes.prefix(while: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }).count
            bytes = bytes.dropFirst(count)
            return count > 0
        }
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard digits() else { return false }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() else { return false }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            guard digits() else { return false }
        }
        return bytes.isEmpty
    }
}
