import Foundation

extension InstanceMetadataClient {
    public struct Configuration: Sendable, Equatable {
        public static let defaultEndpoint = "http://169.254.169.254"
        public static let defaultIPv6Endpoint = "http://[fd00:ec2::254]"

        /// Scheme, host and optional port, without a trailing slash.
        public var endpoint: String
        public var isDisabled: Bool
        /// Lifetime requested for each IMDSv2 session token (the SDKs' 6 hours).
        public var tokenTTL: Duration
        /// A token is renewed this long before its lifetime ends, so that a request never
        /// carries one that expires in flight.
        public var tokenRenewalMargin: Duration
        /// Short, so that off EC2 (where the link-local address usually drops packets)
        /// the agent learns it quickly.
        public var connectTimeout: Duration
        public var totalTimeout: Duration
        /// Attempts per HTTP request, counting the first; only network errors and 5xx
        /// are retried.
        public var maximumAttempts: Int
        /// After the service was found missing, calls fail at once for this long before
        /// the endpoint is tried again (a brief outage at boot must not disable it forever).
        public var unavailableRecheckInterval: Duration

        public init(
            endpoint: String = Configuration.defaultEndpoint,
            isDisabled: Bool = false,
            tokenTTL: Duration = .seconds(21_600),
            tokenRenewalMargin: Duration = .seconds(60),
            connectTimeout: Duration = .seconds(1),
            totalTimeout: Duration = .seconds(2),
            maximumAttempts: Int = 2,
            unavailableRecheckInterval: Duration = .seconds(300)
        ) {
            self.endpoint = Self.trimmingTrailingSlashes(endpoint)
            self.isDisabled = isDisabled
            self.tokenTTL = tokenTTL
            self.tokenRenewalMargin = tokenRenewalMargin
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maximumAttempts = max(1, maximumAttempts)
            self.unavailableRecheckInterval = unavailableRecheckInterval
        }

        /// The configuration the SDKs would use: `endpoint` when given, else
        /// `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the IPv6 endpoint when
        /// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` is `IPv6`, else the IPv4 one; disabled
        /// when `AWS_EC2_METADATA_DISABLED` is `true` (any case).
        public static func resolved(endpoint: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> Configuration {
            func variable(_ name: String) -> String? {
                guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
                return value
            }
            let modeDefault = variable("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")?.lowercased() == "ipv6" ? defaultIPv6Endpoint : defaultEndpoint
            return Configuration(
                endpoint: endpoint ?? variable("AWS_EC2_METADATA_SERVICE_ENDPOINT") ?? modeDefault,
                isDisabled: variable("AWS_EC2_METADATA_DISABLED")?.lowercased() == "true"
            )
        }

        private static func trimmingTrailingSlashes(_ endpoint: String) -> String {
            var trimmed = endpoint.trimmingCharacters(in: .whitespaces)
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            return trimmed
        }
    }
}
