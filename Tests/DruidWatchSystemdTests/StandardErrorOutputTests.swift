import Foundation
import Testing

@testable import DruidWatchSystemd

#if canImport(Glibc)
import Glibc
#endif

extension ProcessStateTests {
    /// `StderrLogHandler.writeToStandardError` writes to descriptor 2 itself, so these
    /// tests point descriptor 2 at a temporary file for a moment. Anything else the
    /// test process writes to stderr meanwhile is written out again afterwards.
    @Suite struct StandardErrorOutputTests {
        private static func capturingStandardError(_ body: () -> Void) throws -> String {
            var template = Array("/tmp/dwsd-stderr-XXXXXX".utf8CString)
            let file = mkstemp(&template)
            try #require(file >= 0)
            unlink(template)
            defer { close(file) }

            let saved = dup(STDERR_FILENO)
            try #require(saved >= 0)
            try #require(dup2(file, STDERR_FILENO) == STDERR_FILENO)
            body()
            dup2(saved, STDERR_FILENO)
            close(saved)

            var captured = [UInt8]()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            lseek(file, 0, SEEK_SET)
            while true {
                let count = read(file, &buffer, buffer.count)
                if count <= 0 { break }
                captured += buffer[0..<count]
            }
            return String(decoding: captured, as: UTF8.self)
        }

        /// Hands back whatever else reached stderr during the capture.
        private static func passOn(_ captured: String, except ours: [String]) {
            var rest = captured
            for line in ours {
                if let range = rest.range(of: line) { rest.removeSubrange(range) }
            }
            if !rest.isEmpty { StderrLogHandler.writeToStandardError(rest) }
        }

        @Test func lineReachesDescriptorTwoUnchanged() throws {
            let line = "2026-11-25T10:00:00.000Z info druidwatch.test: \(UUID().uuidString) ünïcode ✓\n"
            let captured = try Self.capturingStandardError { StderrLogHandler.writeToStandardError(line) }
            Self.passOn(captured, except: [line])
            #expect(captured.contains(line))
        }

        @Test func longLineIsWrittenCompletely() throws {
            let marker = UUID().uuidString
            let line = marker + String(repeating: "0123456789abcdef", count: 64 * 1024) + marker + "\n"
            let captured = try Self.capturingStandardError { StderrLogHandler.writeToStandardError(line) }
            Self.passOn(captured, except: [line])
            #expect(captured.contains(line))
        }
    }
}
