/// Numbers as CloudWatch writes them in state reasons: Java's `Double.toString`, because
/// that is what its reasons show (`60.0`, `1.0`, `8.891518474692088`). Plain decimals
/// with at least one fraction digit from 10⁻³ up to 10⁷, `1.0E7` / `1.5E-4` outside.
/// Swift's own description gives the shortest round-trip digits; only the layout differs.
public enum CloudWatchNumberText {
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0.0" }

        // Shortest digits d1 d2 … and `point` such that |value| = 0.d1d2… × 10^point.
        var text = Substring(String(describing: value.magnitude))
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        var digits = Array(integer + fraction)
        var point = integer.count + exponent
        while digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.last == "0" { digits.removeLast() }

        let scientificExponent = point - 1
        if scientificExponent >= -3 && scientificExponent < 7 {
            if point <= 0 {
                return sign + "0." + String(repeating: "0", count: -point) + String(digits)
            }
            if point >= digits.count {
                return sign + String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
            }
            return sign + String(digits[..<point]) + "." + String(digits[point...])
        }
        let rest = digits.dropFirst()
        return sign + String(digits[0]) + "." + (rest.isEmpty ? "0" : String(rest)) + "E" + String(scientificExponent)
    }
}
