/// What a missing datapoint counts as when fewer than N real datapoints are in the
/// evaluation range. Raw values are CloudWatch's `TreatMissingData` strings; `missing`
/// is CloudWatch's default.
public enum TreatMissingData: String, Sendable, Hashable, CaseIterable, Codable {
    /// Missing points are neither good nor bad; all points missing ⇒ INSUFFICIENT_DATA.
    case missing
    /// Missing points keep the current state where they would decide it.
    case ignore
    /// Missing points count as bad.
    case breaching
    /// Missing points count as good.
    case notBreaching

    /// How a reason string names the fills ("… missing datapoints were treated as
    /// [NonBreaching]"); nil where fills are not counted either way.
    var reasonLabel: String? {
        switch self {
        case .breaching: "Breaching"
        case .notBreaching: "NonBreaching"
        case .missing, .ignore: nil
        }
    }
}
