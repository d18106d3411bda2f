extension ConfigNode {
    /// A whole number; reports and returns nil otherwise.
    public func integer() -> Int? {
        guard let text = scalarText(), let value = Int(text) else {
            report("expected a whole number")
            return nil
        }
        return value
    }

    /// A finite number; reports and returns nil otherwise.
    public func number() -> Double? {
        guard let text = scalarText(), let value = Double(text), value.isFinite else {
            report("expected a finite number")
            return nil
        }
        return value
    }

    /// A duration in whole seconds ("5m", "300", "1h", "1d").
    public func wholeSeconds() -> Int? {
        guard var text = scalarText()?.trimmingCharacters(in: .whitespaces) else {
            report("expected a duration such as 60s, 5m or 1h")
            return nil
        }
        var scale = 1
        if text.hasSuffix("d"), let days = Int(text.dropLast()) {
            return days >= 0 ? days * 86_400 : nil
        }
        for (suffix, factor) in [("s", 1), ("m", 60), ("h", 3600)] where text.hasSuffix(suffix) && !text.hasSuffix("ms") {
            text.removeLast()
            scale = factor
            break
        }
        guard let value = Int(text), value >= 0 else {
            report("expected a whole number of seconds, or a duration such as 60s, 5m, 1h or 1d")
            return nil
        }
        return value * scale
    }
}
