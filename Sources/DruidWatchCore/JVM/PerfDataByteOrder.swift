/// The byte order of a perf-data file's numbers, from the prologue's fifth byte
/// (PERFDATA_BIG_ENDIAN = 0, PERFDATA_LITTLE_ENDIAN = 1 in OpenJDK's perfMemory.hpp).
/// It is the writing JVM's native order, so a file copied between machines stays
/// readable.
public enum PerfDataByteOrder: UInt8, Sendable, Hashable {
    case bigEndian = 0
    case littleEndian = 1
}
