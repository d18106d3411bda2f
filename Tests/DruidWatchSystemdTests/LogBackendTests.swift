import Testing

@testable import DruidWatchSystemd

#if canImport(Glibc)
import Glibc
#endif

@Suite struct LogBackendTests {
    @Test func journalStreamMatchingStandardErrorMeansJournald() {
        #expect(LogBackend.detect(journalStream: "64769:1234567", standardErrorDevice: 64769, standardErrorInode: 1_234_567) == .journald)
    }

    @Test func largestDeviceAndInodeNumbersAreParsed() {
        let max = UInt64.max
        #expect(LogBackend.detect(journalStream: "\(max):\(max)", standardErrorDevice: max, standardErrorInode: max) == .journald)
    }

    @Test func noJournalStreamMeansStderr() {
        #expect(LogBackend.detect(journalStream: nil, standardErrorDevice: 8, standardErrorInode: 9) == .stderr)
    }

    /// A child whose stderr was redirected inherits JOURNAL_STREAM but must not use the journal.
    @Test(arguments: [(UInt64(8), UInt64(10)), (9, 9), (9, 10), (0, 0)])
    func journalStreamNamingAnotherStreamMeansStderr(device: UInt64, inode: UInt64) {
        #expect(LogBackend.detect(journalStream: "8:9", standardErrorDevice: device, standardErrorInode: inode) == .stderr)
    }

    @Test func unknownStandardErrorMeansStderr() {
        #expect(LogBackend.detect(journalStream: "8:9", standardErrorDevice: nil, standardErrorInode: 9) == .stderr)
        #expect(LogBackend.detect(journalStream: "8:9", standardErrorDevice: 8, standardErrorInode: nil) == .stderr)
        #expect(LogBackend.detect(journalStream: "8:9", standardErrorDevice: nil, standardErrorInode: nil) == .stderr)
    }

    @Test(arguments: ["", "8", "8:", ":9", "8:9:10", "8;9", " 8:9", "8:9 ", "x:9", "8:y", "-8:9", "0x8:9", "18446744073709551616:9"])
    func malformedJournalStreamMeansStderr(value: String) {
        #expect(LogBackend.detect(journalStream: value, standardErrorDevice: 8, standardErrorInode: 9) == .stderr)
    }
}

extension ProcessStateTests {
    /// `detectForThisProcess` reads JOURNAL_STREAM from the environment and fstat(2)s
    /// this process's real descriptor 2.
    @Suite struct LogBackendProcessTests {
        private static func standardErrorIdentity() throws -> (device: UInt64, inode: UInt64) {
            var status = stat()
            try #require(fstat(STDERR_FILENO, &status) == 0)
            return (UInt64(status.st_dev), UInt64(status.st_ino))
        }

        @Test func journalStreamNamingOurStandardErrorMeansJournald() throws {
            let identity = try Self.standardErrorIdentity()
            let backend = withEnvironment(["JOURNAL_STREAM": "\(identity.device):\(identity.inode)"]) {
                LogBackend.detectForThisProcess()
            }
            #expect(backend == .journald)
        }

        @Test func journalStreamNamingAnotherStreamMeansStderr() throws {
            let identity = try Self.standardErrorIdentity()
            let backend = withEnvironment(["JOURNAL_STREAM": "\(identity.device):\(identity.inode &+ 1)"]) {
                LogBackend.detectForThisProcess()
            }
            #expect(backend == .stderr)
        }

        @Test func withoutJournalStreamItIsStderr() {
            let backend = withEnvironment(["JOURNAL_STREAM": nil]) { LogBackend.detectForThisProcess() }
            #expect(backend == .stderr)
        }
    }
}
