import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback port where nothing listens, reserved for as long as this lives: the
/// socket is bound but never listening, so connections are refused at once and no
/// other test (or ephemeral client port) can take the port meanwhile.
public final class ClosedPort: Sendable {
    public let port: Int
    private let descriptor: Int32

    public struct SocketError: Error, CustomStringConvertible {
        public var description: String
    }

    public init() throws {
        let (descriptor, port) = try Self.bindLoopback()
        self.descriptor = descriptor
        self.port = port
    }

    deinit {
        close(descriptor)
    }

    /// A loopback port that was free a moment ago, for a server started next (ZooKeeper
    /// takes its ports from its configuration, not from the kernel).
    public static func free() throws -> Int {
        let (descriptor, port) = try bindLoopback()
        close(descriptor)
        return port
    }

    private static func bindLoopback() throws -> (Int32, Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw SocketError(description: "bind: \(reason)")
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }
}
