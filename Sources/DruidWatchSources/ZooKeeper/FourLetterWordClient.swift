import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends one of ZooKeeper's four-letter words (`mntr`, `ruok`, ...) to its client port
/// and returns everything the server writes before it closes the connection, which it
/// does after every such command.
///
/// The exchange runs on a thread of its own with non-blocking POSIX sockets and poll(2),
/// never on Swift's cooperative pool: a blocked connect or read there would stall every
/// other task of the agent. Connecting is bounded by `connectTimeout` (over all the
/// host's addresses together), the answer by `responseTimeout` after that, and its size
/// by `maximumResponseBytes`. Cancelling the calling task ends the exchange within
/// about a tenth of a second. Name resolution uses getaddrinfo(3), which no timeout
/// here bounds; an IP address, the default, resolves without any lookup.
public struct FourLetterWordClient: Sendable {
    public var host: String
    public var port: Int
    public var connectTimeout: Duration
    public var responseTimeout: Duration
    public var maximumResponseBytes: Int

    public init(host: String, port: Int, connectTimeout: Duration, responseTimeout: Duration, maximumResponseBytes: Int) {
        self.host = host
        self.port = port
        self.connectTimeout = connectTimeout
        self.responseTimeout = responseTimeout
        self.maximumResponseBytes = maximumResponseBytes
    }

    var endpoint: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    public func send(_ word: String) async throws(FourLetterWordError) -> Data {
        if Task.isCancelled { throw .cancelled }
        let flag = CancellationFlag()
        let client = self
        let result: Result<Data, FourLetterWordError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(returning: client.exchange(Array(word.utf8), cancelled: flag))
                }
                thread.name = "druidwatch-zookeeper-4lw"
                thread.start()
            }
        } onCancel: {
            flag.set()
        }
        return try result.get()
    }

    // MARK: Blocking part, on the dedicated thread

    private func exchange(_ word: [UInt8], cancelled: CancellationFlag) -> Result<Data, FourLetterWordError> {
        let descriptor: Int32
        switch openConnection(cancelled: cancelled) {
        case let .success(connected): descriptor = connected
        case let .failure(error): return .failure(error)
        }
        defer { close(descriptor) }
        let deadline = ContinuousClock.now + responseTimeout

        var sent = 0
        while sent < word.count {
            let count = word.withUnsafeBytes { bytes in
                sendWithoutSignal(descriptor, bytes.baseAddress! + sent, bytes.count - sent)
            }
            if count > 0 {
                sent += count
                continue
            }
            guard count < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                return .failure(.io(endpoint: endpoint, message: "send: \(Self.errorText(errno))"))
            }
            if let failure = wait(descriptor, for: Int16(POLLOUT), until: deadline, cancelled: cancelled, activity: "sending to") {
                return .failure(failure)
            }
        }

        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                guard response.count + count <= maximumResponseBytes else {
                    return .failure(.responseTooLarge(endpoint: endpoint, limit: maximumResponseBytes))
                }
                response.append(contentsOf: buffer[0..<count])
                continue
            }
            if count == 0 { return .success(response) }
            guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
                return .failure(.io(endpoint: endpoint, message: "recv: \(Self.errorText(errno))"))
            }
            if let failure = wait(descriptor, for: Int16(POLLIN), until: deadline, cancelled: cancelled, activity: "waiting for the answer of") {
                return .failure(failure)
            }
        }
    }

    /// A connected non-blocking socket to the first of the host's addresses that takes
    /// the connection.
    private func openConnection(cancelled: CancellationFlag) -> Result<Int32, FourLetterWordError> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Self.streamSocketType
        hints.ai_flags = AI_NUMERICSERV
        var addresses: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &addresses)
        guard status == 0, let addresses else {
            return .failure(.unresolvable(host: host, message: String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(addresses) }

        let deadline = ContinuousClock.now + connectTimeout
        var lastFailure = FourLetterWordError.couldNotConnect(endpoint: endpoint, message: "no address")
        var next: UnsafeMutablePointer<addrinfo>? = addresses
        while let address = next {
            next = address.pointee.ai_next
            let descriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            guard descriptor >= 0 else {
                lastFailure = .couldNotConnect(endpoint: endpoint, message: "socket: \(Self.errorText(errno))")
                continue
            }
            Self.prepare(descriptor)
            if connect(descriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                return .success(descriptor)
            }
            guard errno == EINPROGRESS || errno == EINTR else {
                lastFailure = .couldNotConnect(endpoint: endpoint, message: Self.errorText(errno))
                close(descriptor)
                continue
            }
            if let failure = wait(descriptor, for: Int16(POLLOUT), until: deadline, cancelled: cancelled, activity: "connecting to") {
                close(descriptor)
                return .failure(failure)
            }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length) == 0, socketError == 0 {
                return .success(descriptor)
            }
            lastFailure = .couldNotConnect(endpoint: endpoint, message: Self.errorText(socketError != 0 ? socketError : errno))
            close(descriptor)
        }
        return .failure(lastFailure)
    }

    /// Waits until `events` are possible on `descriptor`; nil when they are, else why not.
    /// Polls in slices of at most 100 ms so that a cancellation is noticed.
    private func wait(
        _ descriptor: Int32, for events: Int16, until deadline: ContinuousClock.Instant,
        cancelled: CancellationFlag, activity: String
    ) -> FourLetterWordError? {
        while true {
            if cancelled.isSet { return .cancelled }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { return .timedOut(endpoint: endpoint, while: activity) }
            let milliseconds = min(100, remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1)
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, Int32(milliseconds))
            if ready > 0 { return nil }
            if ready < 0, errno != EINTR {
                return .io(endpoint: endpoint, message: "poll: \(Self.errorText(errno))")
            }
        }
    }

    private static func prepare(_ descriptor: Int32) {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        #if canImport(Darwin)
        var one: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    private static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    #if canImport(Glibc)
    private static let streamSocketType = Int32(SOCK_STREAM.rawValue)
    #else
    private static let streamSocketType = SOCK_STREAM
    #endif
}

/// Set from the cancellation handler, read by the exchange thread.
private final class CancellationFlag: Sendable {
    private let value = Atomic<Bool>(false)

    func set() {
        value.store(true, ordering: .relaxed)
    }

    var isSet: Bool { value.load(ordering: .relaxed) }
}

/// send(2) under a name that the client's own `send` does not hide. A peer that closed early must not kill the agent with SIGPIPE: MSG_NOSIGNAL on Linux,
/// SO_NOSIGPIPE (set in `prepare`) on Darwin.
private func sendWithoutSignal(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
    #else
    send(descriptor, bytes, count, 0)
    #endif
}
