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

    /// Text table rows: the first column left-aligned, the numbers right-aligned.
    public static func table(header: [String], rows: [[String]]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}
