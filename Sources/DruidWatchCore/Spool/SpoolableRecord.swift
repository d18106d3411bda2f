import Foundation

/// What a disk spool keeps: a record that knows its size in items (datums, log
/// events), how old its oldest item is, and how to be written and read back.
public protocol SpoolableRecord: Sendable {
    /// What decides when the record is too old to send.
    var oldestTimestamp: Date? { get }
    /// What dropping the record loses, counted in the spool's statistics.
    var itemCount: Int { get }
    func encoded() -> Data
    static func decode(_ data: Data) throws(SpoolRecordDecodingError) -> Self
}
