import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Where logs go: journald when the process's stderr is the journal stream systemd gave
/// it, readable stderr otherwise.
public enum LogBackend: Equatable, Sendable {
    case journald
    case stderr

    /// systemd's rule (systemd.exec(5), $JOURNAL_STREAM): use the journal only if
    /// stderr is still the stream named there, "<device>:<inode>", so that a child whose
    /// stderr was redirected does not write to the journal by mistake.
    public static func detect(journalStream: String?, standardErrorDevice: UInt64?, standardErrorInode: UInt64?) -> LogBackend {
        guard let journalStream, let device = standardErrorDevice, let inode = standardErrorInode else { return .stderr }
        let parts = journalStream.split(separator: ":")
        guard parts.count == 2, let expectedDevice = UInt64(parts[0]), let expectedInode = UInt64(parts[1]) else { return .stderr }
        return expectedDevice == device && expectedInode == inode ? .journald : .stderr
    }

    public static func detectForThisProcess() -> LogBackend {
        var status = stat()
        let known = fstat(STDERR_FILENO, &status) == 0
        return detect(
            journalStream: ProcessInfo.processInfo.environment["JOURNAL_STREAM"],
            standardErrorDevice: known ? UInt64(status.st_dev) : nil,
            standardErrorInode: known ? UInt64(status.st_ino) : nil
        )
    }

    /// Sets the process-wide logging backend; call once, at start.
    @discardableResult
    public static func bootstrap(level: Logger.Level, identifier: String = "druidwatch") -> LogBackend {
        let backend = detectForThisProcess()
        LoggingSystem.bootstrap { label in
            switch backend {
            case .journald: JournaldLogHandler(label: label, level: level, identifier: identifier)
            case .stderr: StderrLogHandler(label: label, level: level)
            }
        }
        return backend
    }
}
