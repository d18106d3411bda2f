import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A unix datagram socket bound to a fresh path under /tmp, standing in for systemd's
/// notification socket. Removed (closed and unlinked) on deinit.
final class NotifySocket {
    let path: String
    private let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        // sun_path holds 108 bytes: keep the path short.
        path = "/tmp/dwsd-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Failure(description: "bind \(path): \(reason)")
        }
        // Never block a test for long if a datagram does not come.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The next datagram, waiting up to 5 seconds; nil if none came.
    func receive() -> String? {
        receive(flags: 0)
    }

    /// A datagram already queued, without waiting; nil if there is none.
    func receiveIfQueued() -> String? {
        receive(flags: Int32(MSG_DONTWAIT))
    }

    private func receive(flags: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, flags)
            if count >= 0 { return String(decoding: buffer[0..<count], as: UTF8.self) }
            if errno == EINTR { continue }
            return nil
        }
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
