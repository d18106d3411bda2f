import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback port where nothing listens, reserved for as long as this lives: the
/// socket is bound but never listening, so connections are refused at once and no
/// other test (or ephemeral client port) can take the port meanwhile.
final class InstanceMetadataClosedPort: Sendable {
    let port: Int
    private let descriptor: Int32

    var endpoint: String { "http://127.0.0.1:\(port)" }

    struct SocketError: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
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
            close(descriptor)
            throw SocketError(description: "bind: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(descriptor)
    }
}
