/// How the Druid emitter receiver listens and what it accepts.
public struct EmitterReceiverSettings: Sendable {
    /// Loopback by default: the Druid processes of this instance post to their local
    /// agent, and nothing else should be able to feed it metrics.
    public var host: String
    /// 0 asks the kernel for a free port (tests).
    public var port: Int
    /// Largest request body accepted as sent (compressed or not). Druid's own batches
    /// are at most `maxBatchSize`, 5 MiB by default.
    public var maximumBodyBytes: Int
    /// Largest body after gzip decoding, against decompression bombs.
    public var maximumDecodedBytes: Int
    /// Bodies being received at once, all connections together; beyond it requests are
    /// answered 503 so that Druid keeps the batch and retries.
    public var maximumBufferedBytes: Int
    public var credentials: BasicCredentials?
    public var threads: Int

    public static let defaultPort = 8786

    public init(
        host: String = "127.0.0.1",
        port: Int = EmitterReceiverSettings.defaultPort,
        maximumBodyBytes: Int = 8 << 20,
        maximumDecodedBytes: Int = 64 << 20,
        maximumBufferedBytes: Int = 64 << 20,
        credentials: BasicCredentials? = nil,
        threads: Int = 1
    ) {
        self.host = host
        self.port = port
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumDecodedBytes = maximumDecodedBytes
        self.maximumBufferedBytes = maximumBufferedBytes
        self.credentials = credentials
        self.threads = threads
    }
}
