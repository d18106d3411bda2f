/// A stable per-host offset within the collection interval. Every agent of an Auto
/// Scaling group would otherwise collect and publish on the same wall-clock second, and
/// hundreds of PutMetricData calls in that second are what CloudWatch throttles. The
/// offset comes from a hash of the host's identity, so it does not move across restarts.
public enum FleetPhase {
    public static func offset(for identity: String, interval: Duration) -> Duration {
        let milliseconds = interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000
        guard milliseconds > 1 else { return .zero }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in identity.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return .milliseconds(Int64(hash % UInt64(milliseconds)))
    }
}
