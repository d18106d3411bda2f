import Foundation

/// The dashboard body as it is written to `dashboards/` and sent to PutDashboard.
///
/// `JSONEncoder` with `.sortedKeys` rather than a writer of our own: the order of keys is
/// then the same on every run and platform, so that the committed files only change
/// where a dashboard did, and string escaping is Foundation's, not something to get
/// right again. Pretty-printed, so that a change reads as a few lines in a diff; slashes
/// are left unescaped because every Druid metric name has one.
public enum DashboardJSON {
    public static func encode(_ body: DashboardBody) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }
}
