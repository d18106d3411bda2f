/// Numbers as the cost report prints them, the same on every machine (no locale):
/// `12,345` and `$1,234.56`.
public enum CostFormatting {
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    public static func dollars(_ value: Double) -> String {
        let cents = Int((value * 100).rounded())
        let fraction = cents.magnitude % 100
        return "$" + count(cents / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    public static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10) %"
    }
}
