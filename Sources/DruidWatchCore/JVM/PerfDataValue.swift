/// One entry's value in a HotSpot perf-data file. HotSpot writes only two kinds:
/// 64-bit longs (type 'J': counters, sizes, tick counts) and byte arrays (type 'B'),
/// which it uses solely for NUL-terminated strings such as collector names.
public enum PerfDataValue: Sendable, Hashable, CustomStringConvertible {
    case long(Int64)
    case string(String)

    public var description: String {
        switch self {
        case .long(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        }
    }
}
